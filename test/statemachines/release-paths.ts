/**
 * Runs statemachines/*.asl.json on aws-local-stepfunctions with every Task answered in-process, so a test can
 * make any step fail and see which states ran. Waits take no time and retries happen at once.
 */
import { readFileSync } from 'node:fs';
import { StateMachine, type StateMachineDefinition } from 'aws-local-stepfunctions';

type JSONValue = Parameters<StateMachine['run']>[0];

import { substitute, type Workflow } from '../../statemachines/index.ts';

// biome-ignore lint/suspicious/noExplicitAny: task inputs and outputs are whatever the ASL hands over.
export type TaskHandler = (input: any) => unknown;

export interface PathRun {
  status: 'SUCCEEDED' | 'FAILED';
  error?: string;
  cause?: string;
  /** Every state entered, in order, with its name. */
  entered: string[];
  /** The inputs each Task was called with, by state name. */
  calls: Map<string, unknown[]>;
}

/** An AWS-style error, named as Step Functions' Retry and Catch see it. */
export function named(name: string, message = name): Error {
  const error = new Error(message);
  error.name = name;
  return error;
}

function allStates(machine: { States: Record<string, Record<string, unknown>> }): [string, Record<string, unknown>][] {
  return Object.entries(machine.States).flatMap(([name, state]) => [
    [name, state] as [string, Record<string, unknown>],
    ...((state.Branches as (typeof machine)[] | undefined) ?? []).flatMap(allStates),
    ...(state.ItemProcessor ? allStates(state.ItemProcessor as typeof machine) : []),
  ]);
}

export async function runPaths(workflow: Workflow, input: unknown, handlers: Record<string, TaskHandler>): Promise<PathRun> {
  const text = readFileSync(new URL(`../../statemachines/${workflow.file}`, import.meta.url), 'utf8');
  const values = Object.fromEntries(workflow.substitutions.map((key) => [key, `arn:aws:lambda:eu-central-1:123456789012:function:${key}`]));
  const definition = JSON.parse(substitute(text, values)) as StateMachineDefinition & { States: Record<string, Record<string, unknown>> };
  const states = allStates(definition);
  // aws-local-stepfunctions reads TimeoutSecondsPath from the Task's Parameters, not from its input as AWS does;
  // tasks answer at once here, so their timeouts do not matter.
  for (const [, state] of states) delete state.TimeoutSecondsPath;
  const calls = new Map<string, unknown[]>();
  const taskResourceLocalHandlers = Object.fromEntries(
    states
      .filter(([, state]) => state.Type === 'Task')
      .map(([name]) => [
        name,
        async (taskInput: unknown) => {
          calls.set(name, [...(calls.get(name) ?? []), taskInput]);
          const handler = handlers[name];
          if (!handler) throw named('UnexpectedTask', `No handler for the Task '${name}'`);
          return ((await handler(taskInput)) ?? {}) as JSONValue;
        },
      ]),
  );
  const waitTimeOverrides = Object.fromEntries(states.filter(([, state]) => state.Type === 'Wait').map(([name]) => [name, 0]));
  const retryIntervalOverrides = Object.fromEntries(states.filter(([, state]) => state.Retry).map(([name]) => [name, 0]));
  const machine = new StateMachine(definition, { validationOptions: { checkArn: false, checkPaths: false } });
  const execution = machine.run(input as never, {
    overrides: { taskResourceLocalHandlers, waitTimeOverrides, retryIntervalOverrides },
    context: {
      Execution: { Id: 'arn:aws:states:eu-central-1:123456789012:execution:release:r1', Name: 'r1' },
      State: { EnteredTime: '2026-11-10T03:00:00.000Z' },
      Task: { Token: 'token' },
    },
  });
  const entered: string[] = [];
  const collect = (async () => {
    for await (const event of execution.eventLogs)
      if (event.type === 'StateEntered') entered.push((event as unknown as { state: { name: string } }).state.name);
  })();
  try {
    await execution.result;
    await collect;
    return { status: 'SUCCEEDED', entered, calls };
  } catch (error) {
    await collect;
    const cause = (error as { cause?: { name?: string; message?: string } }).cause;
    return { status: 'FAILED', error: cause?.name ?? (error as Error).name, cause: cause?.message ?? (error as Error).message, entered, calls };
  }
}
