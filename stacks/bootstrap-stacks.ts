import type { CloudFormationService } from '../local-cloud/services/cloudformation/index.ts';

/** The bootstrap versions `sst build` accepts as ready: CDK's minimum (14) and SST v2.49's own (its LATEST_VERSION). */
export const CDK_BOOTSTRAP_VERSION = '28';
export const SST_BOOTSTRAP_VERSION = '7.4';

/**
 * Records the stacks `cdk bootstrap` and SST's first deploy create (CDKToolkit, SSTBootstrap), so that an
 * offline `sst build` finds the account bootstrapped instead of trying to deploy them. Their buckets are
 * never written to: `sst build` only synthesizes.
 */
export function registerBootstrapStacks(cloudformation: CloudFormationService, accountId: string, region: string): void {
  const bucket = (name: string) =>
    JSON.stringify({
      Description: `Offline stand-in for ${name}: the local cloud keeps only its outputs.`,
      Resources: { StagingBucket: { Type: 'AWS::S3::Bucket' } },
    });
  cloudformation.registerStack(accountId, region, {
    stackName: 'CDKToolkit',
    templateBody: bucket('CDKToolkit'),
    outputs: { BootstrapVersion: CDK_BOOTSTRAP_VERSION, BucketName: `cdk-hnb659fds-assets-${accountId}-${region}` },
  });
  cloudformation.registerStack(accountId, region, {
    stackName: 'SSTBootstrap',
    templateBody: bucket('SSTBootstrap'),
    outputs: { Version: SST_BOOTSTRAP_VERSION, BucketName: `sstbootstrap-${region}-offline` },
  });
}
