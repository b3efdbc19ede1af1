import { createRequire } from 'node:module';
import { loadModel } from '../../protocol/model.ts';
import { type AslMachine, type AslState, isObject } from '../../stepfunctions/asl.ts';
import { SDK_SERVICES } from '../../stepfunctions/integrations/sdk-services.ts';
import { OPTIMIZED, parseTaskResource } from '../../stepfunctions/integrations/task-resource.ts';
import { jacksonLocation, parseJsonText } from './json-text.ts';

/** One finding, as ValidateStateMachineDefinition reports it and InvalidDefinition words it. */
export interface Diagnostic {
  code: string;
  message: string;
  location?: string;
}

/** `CODE: message at /location`, joined by commas; a JSON syntax error carries Jackson's own location instead. */
export const formatDiagnostics = (diagnostics: Diagnostic[]) =>
  diagnostics.map((d) => `${d.code}: ${d.message}${d.code === 'INVALID_JSON_DESCRIPTION' ? '' : ` at ${d.location ?? 'null'}`}`).join(', ');

const COMMON = ['Type', 'Comment', 'QueryLanguage'];
const IO = ['InputPath', 'OutputPath', 'Output', 'Assign'];
const FLOW = ['Next', 'End'];
const RESULT = ['ResultPath', 'ResultSelector'];
const ERRORS = ['Retry', 'Catch'];
const FIELDS: Record<string, string[]> = {
  Task: [...COMMON, ...IO, ...FLOW, ...RESULT, ...ERRORS, 'Resource', 'Parameters', 'Arguments', 'Credentials'].concat([
    'TimeoutSeconds',
    'TimeoutSecondsPath',
    'HeartbeatSeconds',
    'HeartbeatSecondsPath',
  ]),
  Pass: [...COMMON, ...IO, ...FLOW, 'Result', 'ResultPath', 'Parameters'],
  Choice: [...COMMON, ...IO, 'Choices', 'Default'],
  Wait: [...COMMON, ...IO, ...FLOW, 'Seconds', 'SecondsPath', 'Timestamp', 'TimestampPath'],
  Succeed: [...COMMON, 'InputPath', 'OutputPath', 'Output'],
  Fail: [...COMMON, 'Error', 'ErrorPath', 'Cause', 'CausePath'],
  Parallel: [...COMMON, ...IO, ...FLOW, ...RESULT, ...ERRORS, 'Branches', 'Parameters', 'Arguments'],
  Map: [...COMMON, ...IO, ...FLOW, ...RESULT, ...ERRORS].concat(
    ['ItemProcessor', 'Iterator', 'ItemsPath', 'Items', 'ItemSelector', 'Parameters', 'ItemReader', 'ItemBatcher', 'ResultWriter', 'Label'],
    ['MaxConcurrency', 'MaxConcurrencyPath', 'ToleratedFailurePercentage', 'ToleratedFailurePercentagePath'],
    ['ToleratedFailureCount', 'ToleratedFailureCountPath'],
  ),
};
const REQUIRED: Record<string, string[]> = { Task: ['Resource'], Choice: ['Choices'], Parallel: ['Branches'] };
const FLOWS = new Set(['Task', 'Pass', 'Wait', 'Parallel', 'Map']);

/**
 * Checks a definition as CreateStateMachine does, with AWS's codes and wording: INVALID_JSON_DESCRIPTION,
 * SCHEMA_VALIDATION_FAILED (missing and unsupported fields, invalid paths and resources),
 * MISSING_TRANSITION_TARGET (unknown targets, unreachable states), MISSING_END_STATE and DUPLICATE_STATE_NAME.
 */
export function validateDefinition(text: string): Diagnostic[] {
  const parsed = parseJsonText(text);
  if (!parsed.ok) return [{ code: 'INVALID_JSON_DESCRIPTION', message: `${parsed.reason}\n at ${jacksonLocation(text, parsed.position)}` }];
  if (!isObject(parsed.value)) return [{ code: 'SCHEMA_VALIDATION_FAILED', message: 'The state machine definition must be a JSON object', location: '/' }];
  const diagnostics: Diagnostic[] = [];
  checkMachine(parsed.value as AslMachine, '', 'root', diagnostics, new Map());
  if (diagnostics.length === 0) diagnostics.push(...pathDiagnostics(parsed.value));
  return diagnostics;
}

type MachineKind = 'root' | 'processor' | 'branch';
const MACHINE_FIELDS: Record<MachineKind, string[]> = {
  root: ['Comment', 'StartAt', 'States', 'TimeoutSeconds', 'Version', 'QueryLanguage'],
  processor: ['Comment', 'StartAt', 'States', 'ProcessorConfig'],
  branch: ['Comment', 'StartAt', 'States'],
};

function checkMachine(machine: AslMachine, path: string, kind: MachineKind, out: Diagnostic[], seen: Map<string, string>): void {
  const at = path || '/';
  const missing = ['StartAt', 'States'].filter((field) => !(field in machine));
  if (missing.length) out.push(schema(`These fields are required: [${missing.join(', ')}]`, at));
  for (const field of Object.keys(machine)) if (!MACHINE_FIELDS[kind].includes(field)) out.push(schema(`Field '${field}' is not supported`, at));
  if ('TimeoutSeconds' in machine && !positiveInteger(machine.TimeoutSeconds))
    out.push(schema("The value for the field 'TimeoutSeconds' must be a positive integer", `${path}/TimeoutSeconds`));
  if (!isObject(machine.States) || missing.length) return;
  const states = machine.States as Record<string, AslState>;
  if (typeof machine.StartAt !== 'string' || !(machine.StartAt in states))
    out.push({ code: 'MISSING_TRANSITION_TARGET', message: `Missing 'Next' target: ${String(machine.StartAt)}`, location: `${path}/StartAt` });
  for (const [name, state] of Object.entries(states)) {
    const statePath = `${path}/States/${name}`;
    if (seen.has(name)) out.push({ code: 'DUPLICATE_STATE_NAME', message: `Duplicate State name: ${name}`, location: statePath });
    seen.set(name, statePath);
    if (!isObject(state)) {
      out.push(schema('The state must be a JSON object', statePath));
      continue;
    }
    checkState(state as AslState, statePath, states, out, seen);
  }
  checkGraph(machine, path, states, out);
}

function checkState(state: AslState, at: string, states: Record<string, AslState>, out: Diagnostic[], seen: Map<string, string>): void {
  if (!('Type' in state)) return void out.push(schema('These fields are required: [Type]', at));
  const allowed = FIELDS[state.Type];
  if (!allowed) return void out.push(schema(`The value for the field 'Type' must be one of [${Object.keys(FIELDS).join(', ')}]`, `${at}/Type`));
  const missing = (REQUIRED[state.Type] ?? []).filter((field) => !(field in state));
  if (state.Type === 'Map' && !('ItemProcessor' in state) && !('Iterator' in state)) missing.push('ItemProcessor');
  if (missing.length) out.push(schema(`These fields are required: [${missing.join(', ')}]`, at));
  for (const field of Object.keys(state)) if (!allowed.includes(field)) out.push(schema(`Field '${field}' is not supported`, at));
  const target = (value: unknown, field: string, where: string) => {
    if (typeof value === 'string' && !(value in states))
      out.push({ code: 'MISSING_TRANSITION_TARGET', message: `Missing '${field}' target: ${value}`, location: where });
  };
  if (FLOWS.has(state.Type)) {
    const hasNext = 'Next' in state;
    const ends = state.End === true;
    if (hasNext === ends) out.push(schema(hasNext ? "Only one of 'Next' or 'End' can be specified" : "Either 'Next' or 'End' must be specified", at));
    target(state.Next, 'Next', `${at}/Next`);
  }
  if (state.Type === 'Choice') {
    if (!Array.isArray(state.Choices) || state.Choices.length === 0) out.push(schema("The field 'Choices' must be a non-empty array", `${at}/Choices`));
    else
      state.Choices.forEach((choice: Record<string, unknown>, i: number) => {
        if (!isObject(choice) || !('Next' in choice)) out.push(schema('These fields are required: [Next]', `${at}/Choices[${i}]`));
        else target(choice.Next, 'Next', `${at}/Choices[${i}]/Next`);
      });
    target(state.Default, 'Default', `${at}/Default`);
  }
  for (const field of ['Retry', 'Catch'] as const) {
    if (!(field in state)) continue;
    if (!Array.isArray(state[field])) {
      out.push(schema(`The field '${field}' must be an array`, `${at}/${field}`));
      continue;
    }
    for (const [i, rule] of (state[field] as unknown[]).entries()) {
      const where = `${at}/${field}[${i}]`;
      const needed = ['ErrorEquals', ...(field === 'Catch' ? ['Next'] : [])].filter((f) => !isObject(rule) || !(f in rule));
      if (needed.length) {
        out.push(schema(`These fields are required: [${needed.join(', ')}]`, where));
        continue;
      }
      const equals = (rule as { ErrorEquals: unknown }).ErrorEquals;
      if (!Array.isArray(equals) || equals.length === 0) out.push(schema("The field 'ErrorEquals' must be a non-empty array", `${where}/ErrorEquals`));
      if (field === 'Catch') target((rule as { Next: unknown }).Next, 'Next', `${where}/Next`);
    }
  }
  for (const field of ['TimeoutSeconds', 'HeartbeatSeconds', 'Seconds'])
    if (field in state && !(positiveInteger(state[field]) || (field === 'Seconds' && state[field] === 0)))
      out.push(schema(`The value for the field '${field}' must be a ${field === 'Seconds' ? 'non-negative' : 'positive'} integer`, `${at}/${field}`));
  if (state.Type === 'Wait' && ['Seconds', 'SecondsPath', 'Timestamp', 'TimestampPath'].filter((f) => f in state).length !== 1)
    out.push(schema("Exactly one of 'Seconds', 'SecondsPath', 'Timestamp' or 'TimestampPath' is required", at));
  if (state.Type === 'Task') checkResource(state.Resource, `${at}/Resource`, out);
  if (state.Type === 'Map') {
    const field = 'ItemProcessor' in state ? 'ItemProcessor' : 'Iterator';
    if (isObject(state[field])) checkMachine(state[field] as AslMachine, `${at}/${field}`, field === 'ItemProcessor' ? 'processor' : 'branch', out, seen);
  }
  if (state.Type === 'Parallel' && Array.isArray(state.Branches))
    state.Branches.forEach((branch: unknown, i: number) => {
      if (isObject(branch)) checkMachine(branch as AslMachine, `${at}/Branches[${i}]`, 'branch', out, seen);
    });
}

/**
 * A Task's Resource must be an ARN; an optimized integration must exist with that pattern, and an
 * AWS SDK integration of a service the local cloud knows must name an action of its API.
 */
function checkResource(resource: unknown, at: string, out: Diagnostic[]): void {
  if (typeof resource !== 'string' || !/^arn:aws[a-z-]*:[a-z0-9-]+:/.test(resource)) return void out.push(schema('Value is not a valid resource ARN', at));
  const parsed = parseTaskResource(resource);
  if (parsed?.kind !== 'service') return;
  const notRecognized = () =>
    out.push(
      schema(
        `The resource provided ${resource} is not recognized. The value is not a valid resource ARN, or the resource is not available in this region.`,
        at,
      ),
    );
  if (parsed.service === 'aws-sdk') {
    if (parsed.pattern && parsed.pattern !== 'waitForTaskToken') return void notRecognized();
    const known = parsed.sdkService ? SDK_SERVICES[parsed.sdkService] : undefined;
    if (!known) return;
    const model = sdkModel(known.signingName);
    if (model && !model.operations[parsed.action.charAt(0).toUpperCase() + parsed.action.slice(1)]) notRecognized();
    return;
  }
  const patterns = OPTIMIZED[parsed.service]?.[parsed.action];
  if (OPTIMIZED[parsed.service] && (!patterns || (parsed.pattern && !patterns.includes(parsed.pattern)))) notRecognized();
}

const SDK_MODELS: Record<string, string> = {
  autoscaling: 'autoscaling-2011-01-01',
  dynamodb: 'dynamodb-2012-08-10',
  ec2: 'ec2-2016-11-15',
  events: 'events-2015-10-07',
  imagebuilder: 'imagebuilder-2019-12-02',
  lambda: 'lambda-2015-03-31',
  scheduler: 'scheduler-2021-06-30',
  secretsmanager: 'secretsmanager-2017-10-17',
  states: 'states-2016-11-23',
  sns: 'sns-2010-03-31',
  ssm: 'ssm-2014-11-06',
  sts: 'sts-2011-06-15',
};

function sdkModel(signingName: string) {
  try {
    return loadModel(SDK_MODELS[signingName]);
  } catch {
    return undefined;
  }
}

/** Unreachable states and a machine without a way to end. */
function checkGraph(machine: AslMachine, path: string, states: Record<string, AslState>, out: Diagnostic[]): void {
  const reached = new Set<string>();
  const queue = [machine.StartAt];
  while (queue.length) {
    const name = queue.pop() as string;
    if (reached.has(name) || !isObject(states[name])) continue;
    reached.add(name);
    const state = states[name];
    const next = [state.Next, state.Default];
    if (Array.isArray(state.Choices)) next.push(...state.Choices.map((c: { Next?: unknown }) => c?.Next));
    if (Array.isArray(state.Catch)) next.push(...state.Catch.map((c: { Next?: unknown }) => c?.Next));
    for (const n of next) if (typeof n === 'string') queue.push(n);
  }
  for (const name of Object.keys(states))
    if (!reached.has(name)) out.push({ code: 'MISSING_TRANSITION_TARGET', message: `State "${name}" is not reachable.`, location: `${path}/States/${name}` });
  const terminal = Object.values(states).some((s) => isObject(s) && (s.End === true || s.Type === 'Succeed' || s.Type === 'Fail'));
  if (!terminal) out.push({ code: 'MISSING_END_STATE', message: 'Workflow has no terminal state' });
}

const requireCjs = createRequire(import.meta.url);
type AslValidator = (
  definition: unknown,
  options: { checkArn: boolean; checkPaths: boolean },
) => {
  errors: Array<{ schemaError?: { instancePath: string; schemaPath: string } }>;
};

/** JSONPath and payload-template syntax, checked with asl-validator's grammars. */
function pathDiagnostics(definition: unknown): Diagnostic[] {
  const module = requireCjs('asl-validator') as AslValidator | { default: AslValidator };
  const validator = typeof module === 'function' ? module : module.default;
  const out: Diagnostic[] = [];
  for (const error of validator(definition, { checkArn: false, checkPaths: true }).errors) {
    const schemaError = error.schemaError;
    if (!schemaError || !/\/format$/.test(schemaError.schemaPath)) continue;
    const segments = schemaError.instancePath.split('/');
    const field = segments.at(-1) ?? '';
    if (field.endsWith('.$'))
      out.push(schema(`The value for the field '${field}' must be a valid JSONPath or a valid intrinsic function call`, segments.slice(0, -1).join('/')));
    else out.push(schema(`The value for the field '${field}' must be a valid JSONPath`, schemaError.instancePath));
  }
  return out;
}

const schema = (message: string, location: string): Diagnostic => ({ code: 'SCHEMA_VALIDATION_FAILED', message, location });
const positiveInteger = (value: unknown) => typeof value === 'number' && Number.isInteger(value) && value > 0;
