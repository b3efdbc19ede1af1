import { readFileSync } from 'node:fs';
import aslValidator from 'asl-validator';
import { describe, expect, it } from 'vitest';
import { functionNameOf, substitute, workflows } from '../../statemachines/index.ts';

type State = { Type: string; Retry?: unknown[]; Catch?: unknown[]; Branches?: Machine[]; ItemProcessor?: Machine; Iterator?: Machine } & Record<
  string,
  unknown
>;
type Machine = { States: Record<string, State> } & Record<string, unknown>;

const read = (file: string) => readFileSync(new URL(`../../statemachines/${file}`, import.meta.url), 'utf8');

function* allStates(machine: Machine, path = ''): Generator<[string, State]> {
  for (const [name, state] of Object.entries(machine.States)) {
    yield [`${path}${name}`, state];
    for (const branch of state.Branches ?? []) yield* allStates(branch, `${path}${name} › `);
    if (state.ItemProcessor) yield* allStates(state.ItemProcessor, `${path}${name} › `);
    if (state.Iterator) yield* allStates(state.Iterator, `${path}${name} › `);
  }
}

const JSONATA_FIELDS = ['QueryLanguage', 'Arguments', 'Output', 'Assign'];

/** The clients functions call AWS with (adapters/aws): each error they model as a server fault is transient. */
const FUNCTION_CLIENTS = ['imagebuilder', 'ec2', 'auto-scaling', 'ssm', 'sns', 'secrets-manager', 'eventbridge', 'dynamodb', 'sfn'];
/** Throttling and timeouts as the SDK names them (its retry strategy's lists), and EC2's unmodelled 5xx codes. */
const UNMODELLED_TRANSIENT = [
  'ThrottlingException',
  'Throttling',
  'ThrottledException',
  'TooManyRequestsException',
  'RequestLimitExceeded',
  'ProvisionedThroughputExceededException',
  'TimeoutError',
  'RequestTimeout',
  'RequestTimeoutException',
  'InternalError',
  'Unavailable',
];

async function serverFaultsOf(client: string): Promise<string[]> {
  const exports: Record<string, unknown> = await import(`@aws-sdk/client-${client}`);
  const names: string[] = [];
  for (const [name, value] of Object.entries(exports)) {
    if (typeof value !== 'function' || !(value.prototype instanceof Error) || !/(Exception|Error|Fault)$/.test(name)) continue;
    const error = new (value as new (options: unknown) => Error & { $fault?: string })({ $metadata: {}, message: '' });
    if (error.$fault === 'server') names.push(error.name);
  }
  return names;
}

describe.each(workflows.map((w) => [w.name, w] as const))('State machine definition: %s', (_name, workflow) => {
  const text = read(workflow.file);
  const filled = substitute(
    text,
    Object.fromEntries(
      workflow.substitutions.map((key) => [
        key,
        key.endsWith('StateMachineArn')
          ? 'arn:aws:states:us-east-1:123456789012:stateMachine:x'
          : key === 'EventBusName'
            ? 'default'
            : `arn:aws:lambda:us-east-1:123456789012:function:${key}`,
      ]),
    ),
  );
  const parse = () => JSON.parse(filled) as Machine;
  const machine = parse();

  it('names exactly the substitutions listed in statemachines/index.ts', () => {
    const used = [...new Set([...text.matchAll(/\$\{([A-Za-z0-9]+)\}/g)].map((m) => m[1]))].sort();
    expect(used).toEqual([...workflow.substitutions].sort());
  });

  it('passes asl-validator after substitution', () => {
    const { isValid, errorsText } = aslValidator(parse(), { checkArn: true, checkPaths: true });
    expect(errorsText('\n'), errorsText('\n')).toBe('');
    expect(isValid).toBe(true);
  });

  it('uses JSONPath only: no JSONata fields anywhere', () => {
    for (const [name, state] of allStates(machine)) for (const field of JSONATA_FIELDS) expect(state[field], `${name}.${field}`).toBeUndefined();
    expect(machine.QueryLanguage).toBeUndefined();
  });

  it('gives every Task an explicit Retry and Catch', () => {
    for (const [name, state] of allStates(machine)) {
      if (state.Type !== 'Task') continue;
      expect(state.Retry, `${name} has no Retry`).toEqual(expect.any(Array));
      expect((state.Retry ?? []).length, `${name} has an empty Retry`).toBeGreaterThan(0);
      expect((state.Catch ?? []).length, `${name} has no Catch`).toBeGreaterThan(0);
    }
  });

  it("retries, on every function Task, each throttling and server error of the functions' AWS clients", async () => {
    // Prepare
    const transient = [...new Set([...(await Promise.all(FUNCTION_CLIENTS.map(serverFaultsOf))).flat(), ...UNMODELLED_TRANSIENT])];
    // Act
    const missing = [...allStates(machine)]
      .filter(([, state]) => state.Type === 'Task' && String(state.Resource).includes(':function:'))
      .flatMap(([name, state]) => {
        const retried = new Set((state.Retry as { ErrorEquals: string[] }[]).flatMap((r) => r.ErrorEquals));
        return transient.filter((error) => !retried.has(error)).map((error) => `${name}: ${error}`);
      });
    // Assess
    expect(transient).toEqual(expect.arrayContaining(['ServiceException', 'InternalServiceError', 'InternalException', 'InternalServerError']));
    expect(missing).toEqual([]);
  });

  it('names states in Title Case', () => {
    for (const [name] of allStates(machine)) expect(name.split(' › ').at(-1)).toMatch(/^[A-Z][a-z]*( [A-Z][a-z]*)*\??$/);
  });

  it('maps every function key to a functions/ entry point name', () => {
    for (const key of workflow.substitutions.filter((k) => k.endsWith('FunctionArn'))) expect(functionNameOf(key)).toMatch(/^[a-z]+(-[a-z]+)+$/);
  });
});
