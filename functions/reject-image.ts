/** reject-image: tags the AMIs `goldsmith:status=rejected` and deprecates them in every region. */
import type { Context } from 'aws-lambda';
import type { z } from 'zod';
import { Ec2Adapter } from '../adapters/aws/ec2.ts';
import { RejectImageInput } from '../core/release/contracts.ts';
import { rejectImage } from '../core/release/reject-image.ts';
import { accountOf } from '../core/release/resource-names.ts';
import { loadEnv } from './lib/env.ts';
import { parseInput } from './lib/parse-input.ts';
import { instrument } from './lib/powertools.ts';
import { withPowertools } from './lib/with-powertools.ts';
import { workflowTime } from './lib/workflow-time.ts';

const env = loadEnv([]);
const images = new Ec2Adapter({ region: env.region, instrument });

const main = async (input: z.output<typeof RejectImageInput>, context: Context) =>
  rejectImage(input, workflowTime(input.now), { images, accountId: accountOf(context.invokedFunctionArn) });

export const handler = withPowertools(main).use(parseInput(RejectImageInput, 'reject-image'));
