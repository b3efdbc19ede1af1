import { Aspects } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { App } from 'sst/constructs';

/** cdk-nag's AwsSolutions pack on every construct: a finding without a suppression fails synthesis checks (test/stacks). */
export function applySecurityChecks(app: App): void {
  Aspects.of(app).add(new AwsSolutionsChecks({ verbose: true }));
}
