import { randomUUID } from 'node:crypto';
import type {
  CreateStateMachineCommandInput,
  CreateStateMachineCommandOutput,
  DeleteStateMachineCommandInput,
  DeleteStateMachineCommandOutput,
  DescribeStateMachineCommandInput,
  DescribeStateMachineCommandOutput,
  ListStateMachinesCommandInput,
  ListStateMachinesCommandOutput,
  UpdateStateMachineCommandInput,
  UpdateStateMachineCommandOutput,
  ValidateStateMachineDefinitionCommandInput,
  ValidateStateMachineDefinitionCommandOutput,
} from '@aws-sdk/client-sfn';
import type { RequestContext } from '../../../service.ts';
import { inScope, parseStatesArn, stateMachineArn } from '../arns.ts';
import { formatDiagnostics, validateDefinition } from '../definition-validation.ts';
import {
  enumViolation,
  invalidArn,
  invalidDefinition,
  invalidLoggingConfiguration,
  missingRequiredParameter,
  stateMachineAlreadyExists,
  validationException,
} from '../errors.ts';
import { findStateMachine, stateOf } from '../lookup.ts';
import { checkName } from '../names.ts';
import { pageOf, pageSize } from '../pagination.ts';
import type { LoggingConfigurationRecord, StateMachineType } from '../store.ts';
import { tagsFromList } from './tags.ts';

type Output<T> = Omit<T, '$metadata'>;

const TYPES = ['STANDARD', 'EXPRESS'] as const;
const LOG_LEVELS = ['ALL', 'ERROR', 'FATAL', 'OFF'] as const;

/**
 * CreateStateMachine is idempotent on name, definition (as text), type, logging and tracing: the same
 * request again answers the existing machine, and a different roleArn or tags are ignored, as the
 * API reference says. The same name with anything else different is StateMachineAlreadyExists.
 */
export function createStateMachine(input: CreateStateMachineCommandInput, ctx: RequestContext): Output<CreateStateMachineCommandOutput> {
  const name = input.name ?? '';
  checkName(name);
  const type = (input.type ?? 'STANDARD') as StateMachineType;
  if (!TYPES.includes(type)) throw validationException([enumViolation(input.type, 'type', TYPES)]);
  checkRoleArn(input.roleArn ?? '');
  const logging = loggingConfiguration(input.loggingConfiguration);
  const tracing = { enabled: input.tracingConfiguration?.enabled ?? false };
  const arn = stateMachineArn(ctx.accountId, ctx.region, name);
  const existing = stateOf(ctx).stateMachines[arn];
  if (existing) {
    const same =
      existing.definition === input.definition &&
      existing.type === type &&
      JSON.stringify(existing.loggingConfiguration) === JSON.stringify(logging) &&
      existing.tracingConfiguration.enabled === tracing.enabled;
    if (!same) throw stateMachineAlreadyExists(arn);
    return { stateMachineArn: arn, creationDate: new Date(existing.creationDate) };
  }
  checkDefinition(input.definition ?? '');
  const now = ctx.cloud.clock.now();
  stateOf(ctx).stateMachines[arn] = {
    stateMachineArn: arn,
    name,
    definition: input.definition ?? '',
    roleArn: input.roleArn ?? '',
    type,
    creationDate: now,
    updateDate: now,
    loggingConfiguration: logging,
    tracingConfiguration: tracing,
    tags: tagsFromList(input.tags, arn),
  };
  return { stateMachineArn: arn, creationDate: new Date(now) };
}

export function describeStateMachine(input: DescribeStateMachineCommandInput, ctx: RequestContext): Output<DescribeStateMachineCommandOutput> {
  const machine = findStateMachine(ctx, input.stateMachineArn ?? '');
  return {
    stateMachineArn: machine.stateMachineArn,
    name: machine.name,
    status: 'ACTIVE',
    definition: machine.definition,
    roleArn: machine.roleArn,
    type: machine.type,
    creationDate: new Date(machine.creationDate),
    loggingConfiguration: machine.loggingConfiguration,
    tracingConfiguration: machine.tracingConfiguration,
    ...(machine.revisionId ? { revisionId: machine.revisionId } : {}),
  };
}

export function listStateMachines(input: ListStateMachinesCommandInput, ctx: RequestContext): Output<ListStateMachinesCommandOutput> {
  const size = pageSize(input.maxResults);
  const machines = Object.values(stateOf(ctx).stateMachines).sort((a, b) => a.name.localeCompare(b.name));
  const { items, nextToken } = pageOf(machines, size, input.nextToken, 1024);
  return {
    stateMachines: items.map((m) => ({ stateMachineArn: m.stateMachineArn, name: m.name, type: m.type, creationDate: new Date(m.creationDate) })),
    ...(nextToken ? { nextToken } : {}),
  };
}

/** Changes the definition, role, logging or tracing; executions already running keep what they started with. */
export function updateStateMachine(input: UpdateStateMachineCommandInput, ctx: RequestContext): Output<UpdateStateMachineCommandOutput> {
  const machine = findStateMachine(ctx, input.stateMachineArn ?? '');
  if (input.definition === undefined && input.roleArn === undefined && input.loggingConfiguration === undefined && input.tracingConfiguration === undefined)
    throw missingRequiredParameter('Either the definition, the role ARN, the LoggingConfiguration, or the TracingConfiguration must be specified');
  if (input.definition !== undefined) checkDefinition(input.definition);
  if (input.roleArn !== undefined) checkRoleArn(input.roleArn);
  const logging = input.loggingConfiguration === undefined ? undefined : loggingConfiguration(input.loggingConfiguration);
  const changed =
    (input.definition !== undefined && input.definition !== machine.definition) ||
    (input.roleArn !== undefined && input.roleArn !== machine.roleArn) ||
    (logging !== undefined && JSON.stringify(logging) !== JSON.stringify(machine.loggingConfiguration)) ||
    (input.tracingConfiguration !== undefined && (input.tracingConfiguration.enabled ?? false) !== machine.tracingConfiguration.enabled);
  const now = ctx.cloud.clock.now();
  if (changed) {
    if (input.definition !== undefined) machine.definition = input.definition;
    if (input.roleArn !== undefined) machine.roleArn = input.roleArn;
    if (logging) machine.loggingConfiguration = logging;
    if (input.tracingConfiguration) machine.tracingConfiguration = { enabled: input.tracingConfiguration.enabled ?? false };
    machine.revisionId = randomUUID();
    machine.updateDate = now;
  }
  return { updateDate: new Date(now), ...(machine.revisionId ? { revisionId: machine.revisionId } : {}) };
}

/**
 * Deletes the state machine; as on AWS, deleting one that does not exist succeeds. Its executions
 * stay describable, and running ones run to their end.
 */
export function deleteStateMachine(input: DeleteStateMachineCommandInput, ctx: RequestContext): Output<DeleteStateMachineCommandOutput> {
  const arn = input.stateMachineArn ?? '';
  const parsed = parseStatesArn(arn, ['stateMachine']);
  if (inScope(parsed, ctx.accountId, ctx.region)) delete stateOf(ctx).stateMachines[arn];
  return {};
}

export function validateStateMachineDefinition(input: ValidateStateMachineDefinitionCommandInput): Output<ValidateStateMachineDefinitionCommandOutput> {
  const diagnostics = validateDefinition(input.definition ?? '');
  return {
    result: diagnostics.length ? 'FAIL' : 'OK',
    diagnostics: diagnostics.map((d) => ({ severity: 'ERROR', code: d.code, message: d.message, ...(d.location ? { location: d.location } : {}) })),
    truncated: false,
  };
}

function checkDefinition(definition: string): void {
  const diagnostics = validateDefinition(definition);
  if (diagnostics.length) throw invalidDefinition(formatDiagnostics(diagnostics));
}

function checkRoleArn(roleArn: string): void {
  if (!roleArn.startsWith('arn:')) throw invalidArn(`Invalid ARN prefix: ${roleArn}`);
  if (!/^arn:aws[a-z-]*:iam::\d{12}:role\/.+/.test(roleArn)) throw invalidArn(roleArn);
}

/** Level OFF by default; any other level needs exactly one log group destination. */
function loggingConfiguration(input: CreateStateMachineCommandInput['loggingConfiguration']): LoggingConfigurationRecord {
  const level = (input?.level ?? 'OFF') as LoggingConfigurationRecord['level'];
  if (!LOG_LEVELS.includes(level)) throw validationException([enumViolation(input?.level, 'loggingConfiguration.level', LOG_LEVELS)]);
  const destinations = input?.destinations ?? [];
  if (destinations.length > 1 || (level !== 'OFF' && destinations.length !== 1)) throw invalidLoggingConfiguration('Must specify exactly one Log Destination.');
  return { level, includeExecutionData: input?.includeExecutionData ?? false, ...(destinations.length ? { destinations } : {}) };
}
