import type { Command, CommandInvocation, GetCommandInvocationCommandOutput } from '@aws-sdk/client-ssm';
import type { CommandRecord, InvocationRecord } from './store.ts';

// GetCommandInvocation returns at most 24,000 characters of each stream; a plugin's Output at most 2,500.
const MAX_STREAM = 24_000;
const MAX_PLUGIN_OUTPUT = 2_500;
const TRUNCATED = '\n---Output truncated---';

const truncate = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - TRUNCATED.length)}${TRUNCATED}` : text);
const iso = (ms: number | undefined) => (ms === undefined ? '' : new Date(ms).toISOString());

/** ISO 8601 duration, as ExecutionElapsedTime shows it (e.g. `PT2.004S`). */
function elapsed(invocation: InvocationRecord): string {
  if (invocation.startedAt === undefined || invocation.finishedAt === undefined) return '';
  return `PT${((invocation.finishedAt - invocation.startedAt) / 1000).toFixed(3)}S`;
}

const isDone = (i: InvocationRecord) => !['Pending', 'InProgress', 'Cancelling'].includes(i.status);

export function toCommand(command: CommandRecord, counts = true): Command {
  return {
    CommandId: command.commandId,
    DocumentName: command.documentName,
    DocumentVersion: command.documentVersion,
    Comment: command.comment,
    ExpiresAfter: new Date(command.expiresAfter),
    Parameters: command.parameters,
    InstanceIds: command.instanceIds,
    Targets: command.targets,
    RequestedDateTime: new Date(command.requestedAt),
    Status: command.status,
    StatusDetails: command.statusDetails,
    OutputS3Region: command.outputS3Region ?? '',
    OutputS3BucketName: command.outputS3BucketName ?? '',
    OutputS3KeyPrefix: command.outputS3KeyPrefix ?? '',
    MaxConcurrency: command.maxConcurrency,
    MaxErrors: command.maxErrors,
    // SendCommand's own response reports zero counts; later reads report them.
    TargetCount: counts ? command.invocations.length : 0,
    CompletedCount: counts ? command.invocations.filter(isDone).length : 0,
    ErrorCount: counts ? command.invocations.filter((i) => i.status === 'Failed' || i.status === 'TimedOut').length : 0,
    DeliveryTimedOutCount: 0,
    ServiceRole: command.serviceRole ?? '',
    NotificationConfig: command.notificationConfig ?? { NotificationArn: '', NotificationEvents: [], NotificationType: '' },
    CloudWatchOutputConfig: command.cloudWatchOutputConfig ?? { CloudWatchLogGroupName: '', CloudWatchOutputEnabled: false },
    TimeoutSeconds: command.timeoutSeconds,
  };
}

/** A plugin's Output: standard output, then standard error under the agent's separator. */
function pluginOutput(invocation: InvocationRecord): string {
  const text = invocation.stderr ? `${invocation.stdout}\n----------ERROR-------\n${invocation.stderr}` : invocation.stdout;
  return truncate(text, MAX_PLUGIN_OUTPUT);
}

export function toInvocation(command: CommandRecord, invocation: InvocationRecord, details: boolean): CommandInvocation {
  return {
    CommandId: command.commandId,
    InstanceId: invocation.instanceId,
    InstanceName: invocation.instanceName,
    Comment: command.comment,
    DocumentName: command.documentName,
    DocumentVersion: command.documentVersion,
    RequestedDateTime: new Date(command.requestedAt),
    Status: invocation.status,
    StatusDetails: invocation.statusDetails,
    TraceOutput: '',
    StandardOutputUrl: '',
    StandardErrorUrl: '',
    CommandPlugins: details
      ? [
          {
            Name: command.pluginName,
            // A plugin has no Cancelling status: it runs until the agent stops it.
            Status: invocation.status === 'Cancelling' ? 'InProgress' : invocation.status,
            StatusDetails: invocation.statusDetails,
            ResponseCode: invocation.responseCode,
            ResponseStartDateTime: invocation.startedAt === undefined ? undefined : new Date(invocation.startedAt),
            ResponseFinishDateTime: invocation.finishedAt === undefined ? undefined : new Date(invocation.finishedAt),
            Output: pluginOutput(invocation),
            StandardOutputUrl: '',
            StandardErrorUrl: '',
            OutputS3Region: command.outputS3Region ?? '',
            OutputS3BucketName: command.outputS3BucketName ?? '',
            OutputS3KeyPrefix: command.outputS3KeyPrefix ?? '',
          },
        ]
      : [],
    ServiceRole: command.serviceRole ?? '',
    NotificationConfig: command.notificationConfig ?? { NotificationArn: '', NotificationEvents: [], NotificationType: '' },
    CloudWatchOutputConfig: command.cloudWatchOutputConfig ?? { CloudWatchLogGroupName: '', CloudWatchOutputEnabled: false },
  };
}

export function toInvocationResult(command: CommandRecord, invocation: InvocationRecord): Omit<GetCommandInvocationCommandOutput, '$metadata'> {
  return {
    CommandId: command.commandId,
    InstanceId: invocation.instanceId,
    Comment: command.comment,
    DocumentName: command.documentName,
    DocumentVersion: command.documentVersion,
    PluginName: command.pluginName,
    ResponseCode: invocation.responseCode,
    ExecutionStartDateTime: iso(invocation.startedAt),
    ExecutionElapsedTime: elapsed(invocation),
    ExecutionEndDateTime: iso(invocation.finishedAt),
    Status: invocation.status,
    StatusDetails: invocation.statusDetails,
    StandardOutputContent: truncate(invocation.stdout, MAX_STREAM),
    StandardOutputUrl: '',
    StandardErrorContent: truncate(invocation.stderr, MAX_STREAM),
    StandardErrorUrl: '',
    CloudWatchOutputConfig: command.cloudWatchOutputConfig ?? { CloudWatchLogGroupName: '', CloudWatchOutputEnabled: false },
  };
}
