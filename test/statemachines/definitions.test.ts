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

  it('names states in Title Case', () => {
    for (const [name] of allStates(machine)) expect(name.split(' › ').at(-1)).toMatch(/^[A-Z][a-z]*( [A-Z][a-z]*)*\??$/);
  });

  it('maps every function key to a functions/ entry point name', () => {
    for (const key of workflow.substitutions.filter((k) => k.endsWith('FunctionArn'))) expect(functionNameOf(key)).toMatch(/^[a-z]+(-[a-z]+)+$/);
  });
});
