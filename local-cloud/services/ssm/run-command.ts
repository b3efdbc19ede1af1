import { randomUUID } from 'node:crypto';
import type { CancelCommandCommandInput, CancelCommandCommandOutput, SendCommandCommandInput, SendCommandCommandOutput } from '@aws-sdk/client-ssm';
import type { RequestContext } from '../../service.ts';
import { DELIVERY_MS } from './command-lifecycle.ts';
import { toCommand } from './command-views.ts';
import { Constraints } from './constraints.ts';
import { invalidCommandId, invalidDocument, invalidInstanceId, invalidParameters, unsupportedPlatformType, validation } from './errors.ts';
import { describeInstances, type Ec2Instance, imageNames, type PlatformType, pingStatus, platformOf, tagValue } from './managed-instances.ts';
import type { CommandRecord, InvocationRecord } from './store.ts';

type Output<T> = Omit<T, '$metadata'>;

/** The Run Command documents the local cloud runs, with their plugin and the platforms they support. */
const DOCUMENTS: Record<string, { plugin: string; platforms: PlatformType[] }> = {
  'AWS-RunShellScript': { plugin: 'aws:runShellScript', platforms: ['Linux'] },
  'AWS-RunPowerShellScript': { plugin: 'aws:runPowerShellScript', platforms: ['Windows', 'Linux'] },
};

const DOCUMENT_PARAMETERS = ['commands', 'workingDirectory', 'executionTimeout'];
const DEFAULT_EXECUTION_TIMEOUT_SECONDS = 3600;
const DEFAULT_DELIVERY_TIMEOUT_SECONDS = 3600;
const COMMAND_HISTORY_MS = 30 * 86_400_000;

function validateSendInput(input: SendCommandCommandInput): void {
  new Constraints()
    .required(input.DocumentName, 'documentName')
    .length(input.InstanceIds, 'instanceIds', 0, 50)
    .length(input.Targets, 'targets', 0, 5)
    .range(input.TimeoutSeconds, 'timeoutSeconds', 30, 2_592_000)
    .length(input.Comment, 'comment', 0, 100)
    .pattern(input.MaxConcurrency, 'maxConcurrency', /^([1-9][0-9]*|[1-9][0-9]%|[1-9]%|100%)$/, '^([1-9][0-9]*|[1-9][0-9]%|[1-9]%|100%)$')
    .pattern(input.MaxErrors, 'maxErrors', /^([1-9][0-9]*|[0]|[1-9][0-9]%|[0-9]%|100%)$/, '^([1-9][0-9]*|[0]|[1-9][0-9]%|[0-9]%|100%)$')
    .check();
}

/** Checks the document parameters the way the document's schema does; returns the execution timeout. */
function validateParameters(parameters: Record<string, string[]> | undefined): number {
  const unknown = Object.keys(parameters ?? {}).filter((name) => !DOCUMENT_PARAMETERS.includes(name));
  if (unknown.length) throw invalidParameters(`Parameters ${JSON.stringify(unknown)} are not defined in the document.`);
  const commands = parameters?.commands;
  if (!Array.isArray(commands) || commands.length === 0) throw invalidParameters('Parameters provided are missing the required parameter "commands".');
  const timeout = parameters?.executionTimeout?.[0];
  if (timeout === undefined) return DEFAULT_EXECUTION_TIMEOUT_SECONDS;
  const seconds = Number(timeout);
  if (!/^\d+$/.test(timeout) || seconds < 1 || seconds > 172_800)
    throw invalidParameters(`Parameter "executionTimeout" has an invalid value ${timeout}: it must be a number of seconds from 1 to 172800.`);
  return seconds;
}

/** The managed, online instances a Targets list selects. */
function resolveTargets(targets: NonNullable<SendCommandCommandInput['Targets']>, online: Ec2Instance[]): Ec2Instance[] {
  return online.filter((instance) =>
    targets.every((target) => {
      const key = target.Key ?? '';
      const values = target.Values ?? [];
      if (key === 'InstanceIds') return values.includes(instance.InstanceId as string);
      if (key === 'tag-key') return values.some((tagKey) => tagValue(instance, tagKey) !== undefined);
      if (key.startsWith('tag:')) {
        const value = tagValue(instance, key.slice(4));
        return value !== undefined && values.includes(value);
      }
      // Resource groups are not modelled: they select nothing.
      return false;
    }),
  );
}

export async function sendCommand(input: SendCommandCommandInput, ctx: RequestContext): Promise<Output<SendCommandCommandOutput>> {
  validateSendInput(input);
  const documentName = (input.DocumentName as string).replace(/^arn:aws[\w-]*:ssm:[^:]*:[^:]*:document\//, '');
  const document = DOCUMENTS[documentName];
  if (!document) throw invalidDocument(input.DocumentName as string);
  const executionTimeoutSeconds = validateParameters(input.Parameters);
  const hasIds = (input.InstanceIds?.length ?? 0) > 0;
  const hasTargets = (input.Targets?.length ?? 0) > 0;
  if (hasIds === hasTargets) throw validation('Exactly one of InstanceIds or Targets must be specified.');

  const now = ctx.cloud.clock.now();
  const all = await describeInstances(ctx.cloud, ctx);
  const online = all.filter((instance) => pingStatus(instance, now) === 'Online');
  let targeted: Ec2Instance[];
  if (hasIds) {
    const ids = [...new Set(input.InstanceIds)];
    targeted = ids.map((id) => online.find((instance) => instance.InstanceId === id)).filter((i): i is Ec2Instance => i !== undefined);
    if (targeted.length !== ids.length) throw invalidInstanceId();
    if (targeted.some((instance) => !document.platforms.includes(platformOf(instance)))) throw unsupportedPlatformType();
  } else {
    targeted = resolveTargets(input.Targets ?? [], online).filter((instance) => document.platforms.includes(platformOf(instance)));
  }

  const names = await imageNames(
    ctx.cloud,
    ctx,
    targeted.map((i) => i.ImageId ?? ''),
  );
  const commandText = (input.Parameters?.commands ?? []).join('\n');
  const invocations: InvocationRecord[] = targeted.map((instance) => ({
    instanceId: instance.InstanceId as string,
    instanceName: '',
    status: 'Pending',
    statusDetails: 'Pending',
    responseCode: -1,
    stdout: '',
    stderr: '',
    outcome: ctx.cloud.services.ssm.commandScenario.decide(ctx.cloud.scenario, commandText, names.get(instance.ImageId ?? '')),
    nextAt: now + DELIVERY_MS,
  }));
  const timeoutSeconds = input.TimeoutSeconds ?? DEFAULT_DELIVERY_TIMEOUT_SECONDS;
  const command: CommandRecord = {
    commandId: randomUUID(),
    documentName: input.DocumentName as string,
    documentVersion: input.DocumentVersion ?? '$DEFAULT',
    pluginName: document.plugin,
    comment: input.Comment ?? '',
    parameters: input.Parameters ?? {},
    instanceIds: hasIds ? [...new Set(input.InstanceIds)] : [],
    targets: (input.Targets ?? []).map((t) => ({ Key: t.Key ?? '', Values: t.Values ?? [] })),
    requestedAt: now,
    expiresAfter: now + timeoutSeconds * 1000,
    timeoutSeconds,
    executionTimeoutSeconds,
    maxConcurrency: input.MaxConcurrency ?? '50',
    maxErrors: input.MaxErrors ?? '0',
    serviceRole: input.ServiceRoleArn,
    notificationConfig: input.NotificationConfig as Record<string, unknown> | undefined,
    cloudWatchOutputConfig: input.CloudWatchOutputConfig as Record<string, unknown> | undefined,
    // Output to S3 is accepted and reported, but nothing is written.
    outputS3Region: input.OutputS3Region ?? (input.OutputS3BucketName ? ctx.region : undefined),
    outputS3BucketName: input.OutputS3BucketName,
    outputS3KeyPrefix: input.OutputS3KeyPrefix,
    status: invocations.length ? 'Pending' : 'Failed',
    statusDetails: invocations.length ? 'Pending' : 'No Instances In Tag',
    invocations,
  };
  const state = ctx.cloud.services.ssm.store.get(ctx.accountId, ctx.region);
  // Systems Manager keeps command history for 30 days.
  state.commands = state.commands.filter((c) => c.requestedAt >= now - COMMAND_HISTORY_MS);
  state.commands.push(command);
  ctx.cloud.services.ssm.commandLifecycle.start(ctx, command);
  return { Command: toCommand(command, false) };
}

export function cancelCommand(input: CancelCommandCommandInput, ctx: RequestContext): Output<CancelCommandCommandOutput> {
  new Constraints().required(input.CommandId, 'commandId').length(input.CommandId, 'commandId', 36, 36).length(input.InstanceIds, 'instanceIds', 0, 50).check();
  const command = ctx.cloud.services.ssm.store.get(ctx.accountId, ctx.region).commands.find((c) => c.commandId === input.CommandId);
  if (!command) throw invalidCommandId();
  if (input.InstanceIds?.some((id) => !command.invocations.some((i) => i.instanceId === id))) throw invalidInstanceId();
  // Only invocations still pending or running are stopped; finished ones keep their result.
  ctx.cloud.services.ssm.commandLifecycle.cancel(ctx, command, input.InstanceIds?.length ? input.InstanceIds : undefined);
  return {};
}
