/** Systems Manager for the release: Parameter Store (channels, parent images) and Run Command (smoke tests). */
import {
  AddTagsToResourceCommand,
  DescribeInstanceInformationCommand,
  GetCommandInvocationCommand,
  GetParameterCommand,
  PutParameterCommand,
  SendCommandCommand,
  SSMClient,
} from '@aws-sdk/client-ssm';
import type { CommandInvocation, ParameterPort, ParameterValue, RunCommandPort } from '../../core/release/ports.ts';
import { type AdapterOptions, isAwsError, RegionalClients } from './regional-clients.ts';

/** How long Run Command may take to deliver the command to the agent. */
const DELIVERY_TIMEOUT_SECONDS = 600;

export class SsmAdapter implements ParameterPort, RunCommandPort {
  private readonly clients: RegionalClients<SSMClient>;

  constructor(options: AdapterOptions) {
    this.clients = new RegionalClients((region) => new SSMClient({ region }), options.instrument);
  }

  // ── ParameterPort ──
  async get(region: string, name: string): Promise<ParameterValue | undefined> {
    try {
      const { Parameter } = await this.clients.in(region).send(new GetParameterCommand({ Name: name }));
      return Parameter?.Value === undefined ? undefined : { value: Parameter.Value, version: Parameter.Version ?? 0 };
    } catch (error) {
      if (isAwsError(error, 'ParameterNotFound')) return undefined;
      throw error;
    }
  }

  async putImageId(region: string, name: string, imageId: string, description: string): Promise<number> {
    const out = await this.clients
      .in(region)
      .send(new PutParameterCommand({ Name: name, Value: imageId, Type: 'String', DataType: 'aws:ec2:image', Overwrite: true, Description: description }));
    return out.Version as number;
  }

  async tag(region: string, name: string, tags: Record<string, string>): Promise<void> {
    await this.clients
      .in(region)
      .send(new AddTagsToResourceCommand({ ResourceType: 'Parameter', ResourceId: name, Tags: Object.entries(tags).map(([Key, Value]) => ({ Key, Value })) }));
  }

  // ── RunCommandPort ──
  async send(
    region: string,
    input: { instanceId: string; documentName: string; commands: string[]; timeoutSeconds: number; comment: string },
  ): Promise<string> {
    const out = await this.clients.in(region).send(
      new SendCommandCommand({
        InstanceIds: [input.instanceId],
        DocumentName: input.documentName,
        Parameters: { commands: input.commands, executionTimeout: [String(input.timeoutSeconds)] },
        TimeoutSeconds: DELIVERY_TIMEOUT_SECONDS,
        Comment: input.comment.slice(0, 100),
      }),
    );
    return out.Command?.CommandId as string;
  }

  async invocation(region: string, commandId: string, instanceId: string): Promise<CommandInvocation | undefined> {
    try {
      const out = await this.clients.in(region).send(new GetCommandInvocationCommand({ CommandId: commandId, InstanceId: instanceId }));
      return {
        status: out.Status ?? 'Pending',
        ...(out.StandardOutputContent && { output: out.StandardOutputContent }),
        ...(out.StandardErrorContent && { error: out.StandardErrorContent }),
      };
    } catch (error) {
      if (isAwsError(error, 'InvocationDoesNotExist')) return undefined;
      throw error;
    }
  }

  async agentOnline(region: string, instanceId: string): Promise<boolean> {
    const out = await this.clients.in(region).send(new DescribeInstanceInformationCommand({ Filters: [{ Key: 'InstanceIds', Values: [instanceId] }] }));
    return (out.InstanceInformationList ?? []).some((info) => info.InstanceId === instanceId && info.PingStatus === 'Online');
  }
}
