/**
 * The AWSTOE action modules and what their `inputs` must hold, as the AWSTOE action module reference documents them.
 * Only required inputs and their basic types are checked: AWSTOE itself checks the rest when it runs.
 */

export type Platform = 'Linux' | 'Windows';

/** A problem in a step's inputs, relative to the step. */
export interface InputProblem {
  readonly path: readonly PropertyKey[];
  readonly message: string;
  readonly input?: unknown;
}

interface ActionSpec {
  /** A list of objects (`- path: …`) or one object (`commands: …`). */
  readonly shape: 'list' | 'object' | 'any';
  /** Keys every item (or the object) must have. */
  readonly required?: readonly string[];
  /** Steps may leave out `inputs`. */
  readonly inputsOptional?: boolean;
  /** The only platform the module runs on. */
  readonly platform?: Platform;
  readonly check?: (inputs: Record<string, unknown>, path: PropertyKey[]) => InputProblem[];
}

const list = (...required: string[]): ActionSpec => ({ shape: 'list', required });

export const ACTIONS: Readonly<Record<string, ActionSpec>> = {
  AppendFile: list('path'),
  Assert: { shape: 'any' },
  CopyFile: list('source', 'destination'),
  CopyFolder: list('source', 'destination'),
  CreateFile: list('path'),
  CreateFolder: list('path'),
  CreateSymlink: list('path', 'target'),
  DeleteFile: list('path'),
  DeleteFolder: list('path'),
  ExecuteBash: { shape: 'object', required: ['commands'], platform: 'Linux', check: (inputs, path) => stringList(inputs, 'commands', path, true) },
  ExecuteBinary: { shape: 'object', required: ['path'], check: (inputs, path) => stringList(inputs, 'arguments', path, false) },
  ExecuteDocument: { shape: 'object', required: ['document'] },
  ExecutePowerShell: { shape: 'object', platform: 'Windows', check: checkPowerShell },
  InstallMSI: { shape: 'object', required: ['path'], platform: 'Windows' },
  ListFiles: list('path'),
  MoveFile: list('source', 'destination'),
  MoveFolder: list('source', 'destination'),
  ReadFile: { shape: 'any' },
  Reboot: { shape: 'object', inputsOptional: true, check: checkReboot },
  S3Download: { shape: 'list', required: ['source', 'destination'], check: (item, path) => s3Uri(item, 'source', path) },
  S3Upload: { shape: 'list', required: ['source', 'destination'], check: (item, path) => s3Uri(item, 'destination', path) },
  SetFileEncoding: list('path'),
  SetFileOwner: list('path', 'owner'),
  SetFilePermissions: list('path', 'permissions'),
  SetFolderOwner: list('path', 'owner'),
  SetFolderPermissions: list('path', 'permissions'),
  SetRegistry: { shape: 'list', required: ['path', 'name', 'value', 'type'], platform: 'Windows', check: checkRegistryType },
  UninstallMSI: { shape: 'object', required: ['path'], platform: 'Windows' },
  UpdateOS: {
    shape: 'object',
    inputsOptional: true,
    check: (inputs, path) => [...stringList(inputs, 'include', path, false), ...stringList(inputs, 'exclude', path, false)],
  },
  WebDownload: list('source', 'destination'),
};

export const KNOWN_ACTIONS = Object.keys(ACTIONS);

/** The platform an action module is limited to, if any. */
export function actionPlatform(action: string): Platform | undefined {
  return ACTIONS[action]?.platform;
}

// A string that AWSTOE resolves at run time (a parameter or chaining expression) cannot be checked here.
const isExpression = (value: unknown) => typeof value === 'string' && value.includes('{{');

/** Checks a step's `inputs` for its action; `inputs` is undefined when the step has none. */
export function checkInputs(action: string, inputs: unknown): InputProblem[] {
  const spec = ACTIONS[action];
  if (!spec) return [];
  if (inputs === undefined || inputs === null) {
    return spec.inputsOptional ? [] : [{ path: [], message: `inputs are required for ${action}` }];
  }
  if (isExpression(inputs) || spec.shape === 'any') return [];
  if (spec.shape === 'list') {
    if (!Array.isArray(inputs)) {
      return [
        {
          path: ['inputs'],
          input: inputs,
          message: `must be a list for ${action}, one item per ${spec.required?.[0] ?? 'entry'} (- ${spec.required?.[0] ?? 'path'}: …)`,
        },
      ];
    }
    if (inputs.length === 0) return [{ path: ['inputs'], message: `must not be empty for ${action}` }];
    return inputs.flatMap((item, index) => checkObject(action, spec, item, ['inputs', index]));
  }
  if (Array.isArray(inputs)) return [{ path: ['inputs'], message: `must be an object for ${action}, not a list` }];
  return checkObject(action, spec, inputs, ['inputs']);
}

function checkObject(action: string, spec: ActionSpec, value: unknown, path: PropertyKey[]): InputProblem[] {
  if (isExpression(value)) return [];
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return [{ path, input: value, message: `must be an object with ${spec.required?.join(', ') ?? 'the inputs'} for ${action}` }];
  }
  const record = value as Record<string, unknown>;
  const missing = (spec.required ?? []).filter((key) => record[key] === undefined || record[key] === null || record[key] === '');
  const problems: InputProblem[] = missing.map((key) => ({ path: [...path, key], message: `is required for ${action}` }));
  return [...problems, ...(spec.check?.(record, path) ?? [])];
}

function stringList(inputs: Record<string, unknown>, key: string, path: PropertyKey[], required: boolean): InputProblem[] {
  const value = inputs[key];
  if (value === undefined) return [];
  if (isExpression(value)) return [];
  if (!Array.isArray(value)) return [{ path: [...path, key], input: value, message: `must be a list of strings (- …)` }];
  if (required && value.length === 0) return [{ path: [...path, key], message: 'must not be empty' }];
  return value.flatMap((item, index) =>
    typeof item === 'string' ? [] : [{ path: [...path, key, index], input: item, message: 'must be a string; quote it' }],
  );
}

function checkPowerShell(inputs: Record<string, unknown>, path: PropertyKey[]): InputProblem[] {
  const hasCommands = inputs.commands !== undefined;
  const hasFile = inputs.file !== undefined;
  if (hasCommands === hasFile) return [{ path, message: 'needs exactly one of commands and file for ExecutePowerShell' }];
  return stringList(inputs, 'commands', path, true);
}

function checkReboot(inputs: Record<string, unknown>, path: PropertyKey[]): InputProblem[] {
  const delay = inputs.delaySeconds;
  if (delay === undefined || isExpression(delay)) return [];
  return Number.isInteger(delay) && (delay as number) >= 0
    ? []
    : [{ path: [...path, 'delaySeconds'], input: delay, message: 'must be a whole number of seconds, 0 or more' }];
}

function s3Uri(item: Record<string, unknown>, key: string, path: PropertyKey[]): InputProblem[] {
  const value = item[key];
  if (typeof value !== 'string' || isExpression(value) || value.startsWith('s3://')) return [];
  return [{ path: [...path, key], input: value, message: 'must be an S3 URI (s3://bucket/key)' }];
}

const REGISTRY_TYPES = ['BINARY', 'DWORD', 'QWORD', 'SZ', 'EXPAND_SZ', 'MULTI_SZ'];

function checkRegistryType(item: Record<string, unknown>, path: PropertyKey[]): InputProblem[] {
  const type = item.type;
  if (typeof type !== 'string' || isExpression(type) || REGISTRY_TYPES.includes(type)) return [];
  return [{ path: [...path, 'type'], input: type, message: `must be one of ${REGISTRY_TYPES.join(', ')}` }];
}
