import type { ComponentParameterDetail } from '@aws-sdk/client-imagebuilder';
import { isMap, isSeq, parseDocument } from 'yaml';
import { invalidParameterValue } from './errors.ts';

/** What Image Builder reads from an AWSTOE component document. */
export interface ComponentDocument {
  /** `TEST` when the document only has test phases: Image Builder then runs it in the test stage. */
  type: 'BUILD' | 'TEST';
  /** Step names per phase, in order. */
  phases: Record<string, string[]>;
  parameters: ComponentParameterDetail[];
}

/** The AWSTOE action modules. */
const ACTIONS = new Set([
  'AppendFile',
  'Assert',
  'CopyFile',
  'CopyFolder',
  'CreateFile',
  'CreateFolder',
  'CreateSymlink',
  'DeleteFile',
  'DeleteFolder',
  'ExecuteBash',
  'ExecuteBinary',
  'ExecuteDocument',
  'ExecutePowerShell',
  'InstallMSI',
  'ListFiles',
  'MoveFile',
  'MoveFolder',
  'ReadFile',
  'Reboot',
  'SetFileEncoding',
  'SetFileOwner',
  'SetFolderOwner',
  'SetFilePermissions',
  'SetFolderPermissions',
  'SetRegistry',
  'S3Download',
  'S3Upload',
  'UninstallMSI',
  'UpdateOS',
  'WebDownload',
]);

/** Actions that run without inputs. */
const ACTIONS_WITHOUT_INPUTS = new Set(['Reboot', 'UpdateOS']);
const PHASES = new Set(['build', 'validate', 'test', 'container-host-test']);
const TEST_PHASES = new Set(['test', 'container-host-test']);
const ON_FAILURE = new Set(['Abort', 'Continue', 'Ignore']);

/**
 * Parses and checks a component document as Image Builder does on CreateComponent, so that a document
 * AWS would refuse is refused here too, with InvalidParameterValueException on `data`.
 */
export function parseComponentDocument(data: string): ComponentDocument {
  const reject = (why: string) => invalidParameterValue('data', why);
  const doc = parseDocument(data, { prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length) throw reject(`The document is not valid YAML or JSON: ${doc.errors[0].message.split('\n')[0]}`);
  if (!isMap(doc.contents)) throw reject('The document must be a YAML mapping with schemaVersion and phases.');
  const root = doc.toJS() as Record<string, unknown>;

  if (root.schemaVersion === undefined) throw reject("The document is missing the required field 'schemaVersion'.");
  if (String(root.schemaVersion) !== '1' && String(root.schemaVersion) !== '1.0')
    throw reject(`Unsupported schemaVersion '${String(root.schemaVersion)}'. Supported schema versions: 1.0.`);

  const parameters = parseParameters(root.parameters, reject);

  if (root.phases === undefined) throw reject("The document is missing the required field 'phases'.");
  if (!isSeq(doc.get('phases')) || !Array.isArray(root.phases) || root.phases.length === 0) throw reject("The field 'phases' must be a non-empty list.");
  const phases: Record<string, string[]> = {};
  root.phases.forEach((raw: unknown, index: number) => {
    if (!raw || typeof raw !== 'object' || Array.isArray(raw)) throw reject(`Phase ${index + 1} must be a mapping with a name and steps.`);
    const phase = raw as Record<string, unknown>;
    if (typeof phase.name !== 'string' || !phase.name) throw reject(`Phase ${index + 1} is missing the required field 'name'.`);
    if (!PHASES.has(phase.name)) throw reject(`Phase name '${phase.name}' is not valid. Valid phase names: ${[...PHASES].join(', ')}.`);
    if (phases[phase.name]) throw reject(`Phase '${phase.name}' is defined more than once.`);
    if (!Array.isArray(phase.steps) || phase.steps.length === 0) throw reject(`Phase '${phase.name}' must have a non-empty list of steps.`);
    phases[phase.name] = parseSteps(phase.name, phase.steps, reject);
  });

  const names = Object.keys(phases);
  return { type: names.every((name) => TEST_PHASES.has(name)) ? 'TEST' : 'BUILD', phases, parameters };
}

function parseSteps(phase: string, steps: unknown[], reject: (why: string) => Error): string[] {
  const names: string[] = [];
  steps.forEach((raw, index) => {
    if (!raw || typeof raw !== 'object' || Array.isArray(raw))
      throw reject(`Parsing step ${index + 1} in phase '${phase}' failed. Error: a step must be a mapping.`);
    const step = raw as Record<string, unknown>;
    if (typeof step.name !== 'string' || !/^[A-Za-z0-9_-]+$/.test(step.name))
      throw reject(`Parsing step ${index + 1} in phase '${phase}' failed. Error: a step requires a 'name' of letters, digits, '-' and '_'.`);
    const fail = (why: string) => reject(`Parsing step '${step.name}' in phase '${phase}' failed. Error: ${why}`);
    if (names.includes(step.name)) throw fail(`Step name '${step.name}' is not unique in the phase.`);
    if (typeof step.action !== 'string') throw fail("the step has no 'action'.");
    if (!ACTIONS.has(step.action)) throw fail(`Action ${step.action} is not a supported action.`);
    if (step.inputs === undefined && !ACTIONS_WITHOUT_INPUTS.has(step.action)) throw fail(`Action ${step.action} has no inputs; it requires an 'inputs'`);
    if (step.onFailure !== undefined && !ON_FAILURE.has(String(step.onFailure)))
      throw fail(`onFailure '${String(step.onFailure)}' is not valid. Valid values: Abort, Continue, Ignore.`);
    for (const field of ['timeoutSeconds', 'maxAttempts'])
      if (step[field] !== undefined && !Number.isInteger(step[field])) throw fail(`'${field}' must be an integer.`);
    names.push(step.name);
  });
  return names;
}

function parseParameters(raw: unknown, reject: (why: string) => Error): ComponentParameterDetail[] {
  if (raw === undefined) return [];
  if (!Array.isArray(raw)) throw reject("The field 'parameters' must be a list.");
  return raw.map((entry: unknown, index: number) => {
    const keys = entry && typeof entry === 'object' && !Array.isArray(entry) ? Object.keys(entry) : [];
    if (keys.length !== 1) throw reject(`Parameter ${index + 1} must be a mapping of one parameter name to its definition.`);
    const name = keys[0];
    const definition = (entry as Record<string, Record<string, unknown> | null>)[name] ?? {};
    if (definition.type !== 'string') throw reject(`Parameter '${name}' must declare 'type: string'.`);
    const detail: ComponentParameterDetail = { name, type: 'string' };
    if (definition.default !== undefined) detail.defaultValue = [String(definition.default)];
    if (definition.description !== undefined) detail.description = String(definition.description);
    return detail;
  });
}
