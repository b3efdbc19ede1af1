import { Constraints } from './constraints.ts';
import { hierarchyLevelLimitExceeded, reservedParameterName, validation } from './errors.ts';

const VALID_CHARACTERS = /^[a-zA-Z0-9_.\-/]+$/;
const MAX_HIERARCHY_LEVELS = 15;

const INVALID_PATH_MESSAGE =
  'Parameter name: can\'t be prefixed with "ssm" (case-insensitive). If formed as a path, it can consist of sub-paths divided by slash symbol; each sub-path can be formed as a mix of letters, numbers and the following 3 symbols .-_';

/**
 * The key a parameter is stored under. Parameter Store treats `/TestParam1` and `TestParam1` as the
 * same parameter (both have the ARN `…:parameter/TestParam1`), so a top-level name drops its slash.
 */
export function parameterKey(name: string): string {
  return name.startsWith('/') && name.indexOf('/', 1) === -1 ? name.slice(1) : name;
}

export function isPublicName(name: string): boolean {
  return name.startsWith('/aws/');
}

export function parameterArn(name: string, accountId: string, region: string): string {
  return `arn:aws:ssm:${region}:${accountId}:parameter/${name.replace(/^\//, '')}`;
}

/** Checks a name for PutParameter as Parameter Store does. */
export function validateNameForPut(name: string): void {
  new Constraints().required(name, 'name').length(name, 'name', 1, 2048).check();
  const lower = name.toLowerCase();
  const isPath = name.split('/').length > 2;
  if (lower.startsWith('/aws') && isPath) throw reservedParameterName(name);
  if (name.includes('/') && !name.startsWith('/')) throw validation('Parameter name must be a fully qualified name.');
  if (!VALID_CHARACTERS.test(name) || name.includes('//') || (name.length > 1 && name.endsWith('/')) || name === '/') throw validation(INVALID_PATH_MESSAGE);
  const stripped = lower.replace(/^\//, '');
  if (stripped.startsWith('aws') || stripped.startsWith('ssm')) {
    throw validation(isPath ? INVALID_PATH_MESSAGE : 'Parameter name: can\'t be prefixed with "aws" or "ssm" (case-insensitive).');
  }
  if (name.replace(/^\//, '').split('/').length > MAX_HIERARCHY_LEVELS) throw hierarchyLevelLimitExceeded();
}

export interface ParameterReference {
  name: string;
  /** `:3` or `:label`, as GetParameter reports it. */
  selector?: string;
  version?: number;
  label?: string;
}

/**
 * Reads `name`, `name:version`, `name:label`, or the parameter's ARN (with an optional selector).
 * Returns undefined for a reference that cannot name any parameter in this account.
 */
export function parseReference(reference: string, accountId: string, region: string): ParameterReference | undefined {
  let text = reference;
  const arn = /^arn:aws[\w-]*:ssm:([^:]*):([^:]*):parameter\/(.+)$/.exec(reference);
  if (arn) {
    if (arn[1] !== region || (arn[2] !== accountId && arn[2] !== '')) return undefined;
    text = `/${arn[3]}`;
  }
  const parts = text.split(':');
  if (parts.length > 2) return undefined;
  const [name, selector] = parts;
  if (!name) return undefined;
  if (selector === undefined) return { name };
  if (/^\d+$/.test(selector)) return { name, selector: `:${selector}`, version: Number(selector) };
  return { name, selector: `:${selector}`, label: selector };
}
