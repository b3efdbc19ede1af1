import { RESERVED_VARIABLES } from '../../lambda/function-spec.ts';
import { invalidParameter, validationFailed } from './errors.ts';

/** The runtimes the local cloud runs: Node.js in worker threads. */
export const LOCAL_RUNTIMES = ['nodejs24.x', 'nodejs22.x', 'nodejs20.x'];

/** Every runtime AWS accepts for a new function, in the order AWS lists them in its error. */
const VALID_RUNTIMES =
  '[nodejs20.x, python3.14, provided.al2023, python3.12, python3.13, nodejs24.x, nodejs22.x, java17, nodejs16.x, java25, dotnet8, python3.10, java11, python3.11, dotnet6, java21, nodejs18.x, provided.al2, ruby3.3, ruby3.4, java8.al2, ruby3.2, python3.8, python3.9]';

const ROLE_PATTERN = /^arn:(aws[a-zA-Z-]*)?:iam::\d{12}:role\/?[a-zA-Z_0-9+=,.@\-_/]+$/;
const ROLE_PATTERN_TEXT = 'arn:(aws[a-zA-Z-]*)?:iam::\\d{12}:role/?[a-zA-Z_0-9+=,.@\\-_/]+';
const VARIABLE_NAME = /^[a-zA-Z]([a-zA-Z0-9_])+$/;
const MAX_VARIABLES_BYTES = 4096;

export function checkRuntime(runtime: unknown): string {
  if (typeof runtime !== 'string' || !VALID_RUNTIMES.slice(1, -1).split(', ').includes(runtime)) {
    throw invalidParameter(
      `Value ${runtime} at 'runtime' failed to satisfy constraint: Member must satisfy enum value set: ${VALID_RUNTIMES} or be a valid ARN`,
    );
  }
  // Differs from AWS, which runs every runtime it lists: the local cloud only runs Node.js.
  if (!LOCAL_RUNTIMES.includes(runtime)) {
    throw invalidParameter(`The local cloud runs ${LOCAL_RUNTIMES.join(', ')} functions only; use one of them instead of ${runtime}.`);
  }
  return runtime;
}

export function checkRole(role: unknown): string {
  if (role === undefined || role === null) throw validationFailed(null, 'role', 'Member must not be null');
  if (typeof role !== 'string' || !ROLE_PATTERN.test(role)) {
    throw validationFailed(role, 'role', `Member must satisfy regular expression pattern: ${ROLE_PATTERN_TEXT}`);
  }
  return role;
}

export function checkHandler(handler: unknown): string {
  if (typeof handler !== 'string' || !/^[^\s]+$/.test(handler))
    throw validationFailed(handler, 'handler', 'Member must satisfy regular expression pattern: [^\\s]+');
  if (handler.length > 128) throw validationFailed(handler, 'handler', 'Member must have length less than or equal to 128');
  return handler;
}

export function checkTimeout(timeout: unknown): number {
  const value = Number(timeout);
  if (!Number.isInteger(value) || value < 1) throw validationFailed(timeout, 'timeout', 'Member must have value greater than or equal to 1');
  if (value > 900) throw validationFailed(timeout, 'timeout', 'Member must have value less than or equal to 900');
  return value;
}

export function checkMemorySize(memorySize: unknown): number {
  const value = Number(memorySize);
  if (!Number.isInteger(value) || value < 128) throw validationFailed(memorySize, 'memorySize', 'Member must have value greater than or equal to 128');
  if (value > 10240) throw validationFailed(memorySize, 'memorySize', 'Member must have value less than or equal to 10240');
  return value;
}

export function checkDescription(description: unknown): string {
  const value = description === undefined || description === null ? '' : String(description);
  if (value.length > 256) throw validationFailed(value, 'description', 'Member must have length less than or equal to 256');
  return value;
}

export function checkArchitectures(architectures: unknown): string[] {
  if (architectures === undefined || architectures === null) return ['x86_64'];
  const list = Array.isArray(architectures) ? architectures.map(String) : [String(architectures)];
  if (list.length !== 1) {
    throw validationFailed(`[${list.join(', ')}]`, 'architectures', 'Member must have length less than or equal to 1');
  }
  if (!['x86_64', 'arm64'].includes(list[0])) {
    throw validationFailed(
      `[${list.join(', ')}]`,
      'architectures',
      'Member must satisfy constraint: [Member must satisfy enum value set: [x86_64, arm64], Member must not be null]',
    );
  }
  return list;
}

export function checkVariables(variables: unknown): Record<string, string> | undefined {
  if (variables === undefined || variables === null) return undefined;
  const entries = Object.entries(variables as Record<string, unknown>).map(([key, value]) => [key, String(value ?? '')] as const);
  for (const [key] of entries) {
    if (!VARIABLE_NAME.test(key)) {
      throw validationFailed(
        key,
        'environment.variables',
        'Map keys must satisfy constraint: [Member must satisfy regular expression pattern: [a-zA-Z]([a-zA-Z0-9_])+]',
      );
    }
  }
  const reserved = entries.map(([key]) => key).filter((key) => RESERVED_VARIABLES.has(key));
  if (reserved.length) {
    throw invalidParameter(
      `Lambda was unable to configure your environment variables because the environment variables you have provided contains reserved keys that are currently not supported for modification. Reserved keys used in this request: ${reserved.join(', ')}`,
    );
  }
  const measured = JSON.stringify(Object.fromEntries(entries));
  if (Buffer.byteLength(measured) > MAX_VARIABLES_BYTES) {
    throw invalidParameter(
      `Lambda was unable to configure your environment variables because the environment variables you have provided exceeded the 4KB limit. String measured: ${measured}`,
    );
  }
  return entries.length ? Object.fromEntries(entries) : undefined;
}

const CREATE_NAME = /^(arn:(aws[a-zA-Z-]*)?:lambda:)?([a-z]{2}((-gov)|(-iso(b?)))?-[a-z]+-\d{1}:)?(\d{12}:)?(function:)?([a-zA-Z0-9-_]+)$/;
const CREATE_NAME_TEXT =
  '(arn:(aws[a-zA-Z-]*)?:lambda:)?([a-z]{2}((-gov)|(-iso(b?)))?-[a-z]+-\\d{1}:)?(\\d{12}:)?(function:)?([a-zA-Z0-9-_]+)(:(\\$LATEST|[a-zA-Z0-9-_]+))?';

/** CreateFunction takes a name or an unqualified (partial) ARN of a function in the caller's account and region. */
export function checkNewFunctionName(functionName: unknown): void {
  if (typeof functionName !== 'string' || !functionName) throw validationFailed(functionName, 'functionName', 'Member must not be null');
  if (functionName.length > 140) throw validationFailed(functionName, 'functionName', 'Member must have length less than or equal to 140');
  if (!CREATE_NAME.test(functionName)) {
    throw validationFailed(functionName, 'functionName', `Member must satisfy regular expression pattern: ${CREATE_NAME_TEXT}`);
  }
}

export function checkNameLength(name: string): void {
  if (name.length > 64)
    throw invalidParameter(
      `1 validation error detected: Value '${name}' at 'functionName' failed to satisfy constraint: Member must have length less than or equal to 64`,
    );
}
