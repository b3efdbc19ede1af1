import type { CloudRuntime } from '../../cloud.ts';
import type { RegionalStore, ServiceDefinition } from '../../service.ts';
import { CommandLifecycle } from './command-lifecycle.ts';
import { CommandScenario } from './command-outcome.ts';
import { getCommandInvocation, listCommandInvocations, listCommands } from './command-queries.ts';
import { scheduleImageValidation } from './image-validation.ts';
import { describeInstanceInformation } from './instance-information.ts';
import { labelParameterVersion, unlabelParameterVersion } from './parameter-labels.ts';
import { describeParameters, getParameter, getParameterHistory, getParameters, getParametersByPath } from './parameter-reads.ts';
import { deleteParameter, deleteParameters, putParameter } from './parameter-writes.ts';
import { type PublishedPublicImage, publishPublicImage } from './public-parameters.ts';
import { addTagsToResource, listTagsForResource, removeTagsFromResource } from './resource-tags.ts';
import { cancelCommand, sendCommand } from './run-command.ts';
import { createSsmStore, type SsmState } from './store.ts';

/** Systems Manager: Parameter Store (with history, labels and Amazon's public parameters) and Run Command. */
export class SsmService {
  readonly definition: ServiceDefinition;
  readonly store: RegionalStore<SsmState> = createSsmStore();
  readonly commandLifecycle: CommandLifecycle;
  readonly commandScenario = new CommandScenario();
  private readonly cloud: CloudRuntime;

  constructor(cloud: CloudRuntime) {
    this.cloud = cloud;
    this.commandLifecycle = new CommandLifecycle(cloud, this.store);
    this.definition = {
      signingName: 'ssm',
      model: 'ssm-2014-11-06',
      operations: {
        PutParameter: putParameter,
        GetParameter: getParameter,
        GetParameters: getParameters,
        GetParametersByPath: getParametersByPath,
        GetParameterHistory: getParameterHistory,
        DescribeParameters: describeParameters,
        DeleteParameter: deleteParameter,
        DeleteParameters: deleteParameters,
        LabelParameterVersion: labelParameterVersion,
        UnlabelParameterVersion: unlabelParameterVersion,
        AddTagsToResource: addTagsToResource,
        ListTagsForResource: listTagsForResource,
        RemoveTagsFromResource: removeTagsFromResource,
        SendCommand: sendCommand,
        CancelCommand: cancelCommand,
        ListCommands: listCommands,
        ListCommandInvocations: listCommandInvocations,
        GetCommandInvocation: getCommandInvocation,
        DescribeInstanceInformation: describeInstanceInformation,
      },
    };
  }

  /** Re-arms pending `aws:ec2:image` validations and in-flight commands after a restore. */
  resume(): void {
    for (const { accountId, region, state } of this.store.entries())
      for (const pending of Object.values(state.pendingImageParameters))
        scheduleImageValidation(this.cloud, this.store, { accountId, region }, pending.key, pending.dueAt);
    this.commandLifecycle.resume();
  }

  /**
   * Simulates Amazon releasing a newer Amazon Linux 2023 AMI in `region`: registers it in EC2 (owned by
   * Amazon, public) and moves the public parameter `name` (default: all four
   * `/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-{default,6.1}-{x86_64,arm64}`) to it.
   */
  publishPublicImage(region: string, name?: string): PublishedPublicImage {
    return publishPublicImage(this.cloud, this.store, region, name);
  }
}
