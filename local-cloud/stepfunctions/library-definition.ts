import type { AslMachine, AslState } from './asl.ts';

/**
 * How the engine splits the work with aws-local-stepfunctions.
 *
 * The library runs each flat machine (the root, one Map iteration, one Parallel branch): it moves
 * from state to state, evaluates Choice rules, Pass states, InputPath, ResultSelector, ResultPath,
 * OutputPath and Catch transitions. Every state that takes time or talks to a service (Task, Wait,
 * Map, Parallel) is handed to the library as a Task whose local override is the engine:
 *   - durations (Wait, Retry intervals, TimeoutSeconds, HeartbeatSeconds, execution TimeoutSeconds)
 *     are slept on the simulated clock, so advancing the clock fires them and nothing waits in real
 *     time; the library's own real-time sleeps and its 60 s default task timeout never run;
 *   - Retry runs inside the override, because the library's retries would sleep in real time;
 *   - Map and Parallel run their iterations and branches as flat machines of their own, which gives
 *     each its own strand of history ids and lets one failure stop its siblings;
 *   - Parameters are evaluated per attempt by the engine, with the AWS context object
 *     ($$.Task.Token, $$.State.RetryCount) that the library does not provide.
 * The override is chosen by state name: ASL requires state names to be unique in a whole machine.
 */
export const ENGINE_STATE_TYPES = new Set(['Task', 'Wait', 'Map', 'Parallel']);

/** Node's longest timer (about 24.8 days): the library's own task timeout must never fire first. */
const LIBRARY_TASK_TIMEOUT_SECONDS = 2_147_483;
/** The library needs a Resource; the override always runs instead of it. */
const PLACEHOLDER_RESOURCE = 'arn:aws:lambda:us-east-1:000000000000:function:local-cloud-engine';

/** The library's copy of a flat machine: engine states become overridden Tasks; no Retry, no timeouts. */
export function libraryMachine(machine: AslMachine): AslMachine {
  const states: Record<string, AslState> = {};
  for (const [name, state] of Object.entries(machine.States)) states[name] = libraryState(state);
  return { StartAt: machine.StartAt, States: states };
}

function libraryState(state: AslState): AslState {
  if (!ENGINE_STATE_TYPES.has(state.Type)) return passFix(structuredClone(state));
  const copy: AslState = { Type: 'Task', Resource: PLACEHOLDER_RESOURCE, TimeoutSeconds: LIBRARY_TASK_TIMEOUT_SECONDS };
  for (const field of ['InputPath', 'ResultSelector', 'ResultPath', 'OutputPath', 'Next', 'End', 'Catch'])
    if (field in state) copy[field] = structuredClone(state[field]);
  return copy;
}

/** The library ignores a Pass state's Result when it is falsy (0, false, "", null); Parameters keeps it. */
function passFix(state: AslState): AslState {
  if (state.Type === 'Pass' && 'Result' in state && !state.Result) {
    state.Parameters = state.Result;
    delete state.Result;
  }
  return state;
}

/**
 * aws-local-stepfunctions overwrites `$$.Execution.Input` and `$$.Execution.StartTime` in every run
 * (with the run's own input and the real time), so paths to them are redirected to fields it leaves
 * alone, which the engine fills with the execution's input and simulated start time.
 */
export function redirectContextPaths<T>(value: T): T {
  if (typeof value === 'string')
    return value.replace(/\$\$\.Execution\.(Input|StartTime)\b/g, (_match, field: string) => `$$.Execution.LocalCloud${field}`) as T;
  if (Array.isArray(value)) return value.map((item) => redirectContextPaths(item)) as T;
  if (typeof value === 'object' && value !== null) {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) out[key] = redirectContextPaths(item);
    return out as T;
  }
  return value;
}
