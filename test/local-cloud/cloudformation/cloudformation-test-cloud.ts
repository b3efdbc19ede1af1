import { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import type { RegisterStackParams } from '../../../local-cloud/services/cloudformation/registered-stack.ts';
import { startTestCloud, type TestCloud } from '../harness.ts';

export interface CloudFormationTestCloud {
  cloud: TestCloud;
  cloudformation: CloudFormationClient;
  /** Records a deployed stack in the default account and us-east-1, as a deployer would. */
  register(params: RegisterStackParams): string;
}

export async function startCloudFormationTestCloud(): Promise<CloudFormationTestCloud> {
  const cloud = await startTestCloud();
  return {
    cloud,
    cloudformation: new CloudFormationClient(cloud.config()),
    register: (params) => cloud.runtime.services.cloudformation.registerStack('123456789012', 'us-east-1', params),
  };
}

export const bootstrapTemplate = JSON.stringify({
  Description: 'This stack includes resources needed to deploy AWS CDK apps into this environment',
  Resources: { Handle: { Type: 'AWS::CloudFormation::WaitConditionHandle' } },
  Outputs: { BootstrapVersion: { Value: '28' } },
});
