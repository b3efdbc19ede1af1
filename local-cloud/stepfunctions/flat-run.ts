import { StateMachine } from 'aws-local-stepfunctions';
import { type AslMachine, type AslState, catchersOf } from './asl.ts';
import { catcherFor } from './error-matching.ts';
import type { Frame } from './frame.ts';
import { dataDetails, json } from './history-recorder.ts';
import { ENGINE_STATE_TYPES, libraryMachine } from './library-definition.ts';
import { drainEventLog } from './simulated-time.ts';
import { RunAbortedError, runtimeError, type StatesError, toStatesError } from './states-error.ts';

type LibraryEvent = { type: string; state?: { name: string; type: string; input?: unknown; output?: unknown } };

/**
 * Runs one flat machine (the root, a Map iteration or a Parallel branch) on aws-local-stepfunctions,
 * with the engine's overrides for Task, Wait, Map and Parallel states, and records the library's
 * state transitions in the history. Resolves with the machine's output; rejects with a StatesError,
 * or with RunAbortedError when the frame was stopped.
 */
export async function runFlat(machine: AslMachine, input: unknown, frame: Frame): Promise<unknown> {
  if (frame.signal.aborted) throw new RunAbortedError();
  // A fresh copy per run: the engine rewrites a state's Catch while that state fails (see routeCatch).
  const library = libraryMachine(machine);
  const handlers: Record<string, (input: unknown) => Promise<unknown>> = {};
  for (const [name, state] of Object.entries(machine.States)) {
    if (ENGINE_STATE_TYPES.has(state.Type)) handlers[name] = (effective) => runEngineState(frame, name, state, library.States[name], effective);
  }
  const execution = new StateMachine(library as never, { validationOptions: { noValidate: true } }).run(input as never, {
    overrides: { taskResourceLocalHandlers: handlers as never },
    context: frame.context as never,
    noThrowOnAbort: true,
  });
  const onAbort = () => execution.abort();
  frame.signal.addEventListener('abort', onAbort, { once: true });
  const recorded = recordTransitions(execution.eventLogs as AsyncGenerator<LibraryEvent>, frame, machine);
  try {
    const output = await execution.result;
    await recorded;
    if (frame.signal.aborted) throw new RunAbortedError();
    return output;
  } catch (error) {
    await recorded;
    if (frame.signal.aborted || error instanceof RunAbortedError) throw new RunAbortedError();
    throw withStateContext(toStatesError(error), frame);
  } finally {
    frame.signal.removeEventListener('abort', onAbort);
  }
}

async function runEngineState(frame: Frame, name: string, state: AslState, libraryState: AslState, effective: unknown): Promise<unknown> {
  await drainEventLog();
  if (frame.signal.aborted) throw new RunAbortedError();
  // Undo a narrowing left by an earlier failure of this state (a loop), for errors the library raises itself.
  if ('Catch' in state) libraryState.Catch = structuredClone(state.Catch);
  try {
    return await frame.run.runState(frame, name, state, effective);
  } catch (error) {
    const failure = error instanceof RunAbortedError || frame.signal.aborted ? new RunAbortedError() : toStatesError(error);
    routeCatch(libraryState, state, failure);
    throw failure;
  }
}

/**
 * Points the library at the catcher AWS would choose. The library matches `States.TaskFailed` even
 * for States.Timeout, and would catch a stopped run; so the failing state's Catch is narrowed to the
 * one chosen catcher (as States.ALL), or emptied. The library reads Catch right after the throw, and
 * states of one flat machine never run concurrently, so the rewrite cannot leak to another failure.
 */
function routeCatch(libraryState: AslState, state: AslState, failure: Error): void {
  const catchers = catchersOf(state);
  const index = failure instanceof RunAbortedError ? -1 : catcherFor(catchers, failure as StatesError);
  if (index < 0) {
    libraryState.Catch = [];
    return;
  }
  const { Next, ResultPath } = catchers[index];
  libraryState.Catch = [{ ErrorEquals: ['States.ALL'], Next, ...('ResultPath' in catchers[index] ? { ResultPath } : {}) }];
}

/** Records StateEntered/StateExited as `<Type>StateEntered`/`<Type>StateExited` with AWS's details. */
async function recordTransitions(events: AsyncGenerator<LibraryEvent>, frame: Frame, machine: AslMachine): Promise<void> {
  const { history } = frame.run;
  for await (const event of events) {
    if (!event.state) continue;
    const { name } = event.state;
    const type = machine.States[name]?.Type ?? event.state.type;
    if (event.type === 'StateEntered') {
      const id = history.add(frame, `${type}StateEntered`, { name, input: json(event.state.input), inputDetails: dataDetails });
      frame.current = { name, type, enteredEventId: id };
    } else if (event.type === 'StateExited') {
      frame.current = undefined;
      history.add(frame, `${type}StateExited`, { name, output: json(event.state.output), outputDetails: dataDetails });
    }
  }
}

const located = new WeakSet<StatesError>();

/** AWS names the state and its Entered event in a States.Runtime cause. */
function withStateContext(error: StatesError, frame: Frame): StatesError {
  if (error.name !== 'States.Runtime' || !frame.current || located.has(error)) return error;
  const { name, enteredEventId } = frame.current;
  const withState = runtimeError(`An error occurred while executing the state '${name}' (entered at the event id #${enteredEventId}). ${error.message}`);
  located.add(withState);
  return withState;
}
