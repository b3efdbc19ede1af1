// Goldsmith on AWS: `npx sst deploy --stage <stage>`. The stacks map the app model (core/app-model) built from goldsmith.config.ts.
import type { SSTConfig } from 'sst';
import fleet from './goldsmith.config.ts';
import { ImageFactory } from './stacks/ImageFactory.ts';
import { Notifications } from './stacks/Notifications.ts';
import { Observability } from './stacks/Observability.ts';
import { Release } from './stacks/Release.ts';
import { applySecurityChecks } from './stacks/security-checks.ts';

export default {
  config: () => ({ name: 'goldsmith', region: fleet.region }),
  async stacks(app) {
    applySecurityChecks(app);
    await app.stack(Notifications);
    await app.stack(ImageFactory);
    await app.stack(Release);
    await app.stack(Observability);
  },
} satisfies SSTConfig;
