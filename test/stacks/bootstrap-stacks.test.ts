import { CloudFormationClient, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CDK_BOOTSTRAP_VERSION, registerBootstrapStacks, SST_BOOTSTRAP_VERSION } from '../../stacks/bootstrap-stacks.ts';
import { startTestCloud, type TestCloud } from '../local-cloud/harness.ts';

describe('Offline synth: bootstrap stacks', () => {
  let cloud: TestCloud;
  let cloudformation: CloudFormationClient;
  beforeAll(async () => {
    cloud = await startTestCloud();
    cloudformation = new CloudFormationClient(cloud.config('eu-central-1'));
  });
  afterAll(() => cloud.stop());

  it('answers `sst build` that CDK and SST are bootstrapped, with the outputs it reads', async () => {
    // Prepare
    registerBootstrapStacks(cloud.runtime.services.cloudformation, '123456789012', 'eu-central-1');
    // Act
    const cdk = await cloudformation.send(new DescribeStacksCommand({ StackName: 'CDKToolkit' }));
    const sst = await cloudformation.send(new DescribeStacksCommand({ StackName: 'SSTBootstrap' }));
    // Assess
    const outputs = (stack: typeof cdk) => Object.fromEntries((stack.Stacks?.[0].Outputs ?? []).map((o) => [o.OutputKey, o.OutputValue]));
    expect(cdk.Stacks?.[0].StackStatus).toBe('CREATE_COMPLETE');
    expect(Number(outputs(cdk).BootstrapVersion)).toBeGreaterThanOrEqual(14);
    expect(outputs(cdk).BucketName).toBeTruthy();
    expect(outputs(sst)).toEqual({ Version: SST_BOOTSTRAP_VERSION, BucketName: expect.any(String) });
    expect(CDK_BOOTSTRAP_VERSION).toBe(outputs(cdk).BootstrapVersion);
  });

  it('leaves other Regions unbootstrapped, as `sst build` must then find them', async () => {
    // Prepare
    const other = new CloudFormationClient(cloud.config('us-west-2'));
    // Act
    const error = await other.send(new DescribeStacksCommand({ StackName: 'CDKToolkit' })).catch((e: unknown) => e);
    // Assess
    expect(error).toMatchObject({ name: 'ValidationError', message: 'Stack with id CDKToolkit does not exist', $metadata: { httpStatusCode: 400 } });
  });
});
