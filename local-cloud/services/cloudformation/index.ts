import type { CloudRuntime } from '../../cloud.ts';
import type { RegionalStore, ServiceDefinition } from '../../service.ts';
import { describeStacks, getTemplate, listStacks } from './operations.ts';
import { type RegisterStackParams, registerStack } from './registered-stack.ts';
import { type CloudFormationState, createCloudFormationStore } from './store.ts';

/**
 * CloudFormation, read side only: enough for tools that ask what is deployed (`sst build`, `cdk diff`,
 * `aws cloudformation describe-stacks`). Stacks come from deployers through `registerStack`.
 */
export class CloudFormationService {
  readonly definition: ServiceDefinition;
  readonly store: RegionalStore<CloudFormationState> = createCloudFormationStore();
  private readonly cloud: CloudRuntime;

  constructor(cloud: CloudRuntime) {
    this.cloud = cloud;
    this.definition = {
      signingName: 'cloudformation',
      model: 'cloudformation-2010-05-15',
      operations: { DescribeStacks: describeStacks, GetTemplate: getTemplate, ListStacks: listStacks },
    };
  }

  /** Records a stack a deployer created or updated; returns its stack id. */
  registerStack(accountId: string, region: string, params: RegisterStackParams): string {
    return registerStack(this.cloud, this.store, accountId, region, params);
  }
}
