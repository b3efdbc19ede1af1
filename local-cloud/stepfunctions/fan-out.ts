import type { AslMachine } from './asl.ts';
import { runFlat } from './flat-run.ts';
import { childFrame, type Frame } from './frame.ts';
import { RunAbortedError, type StatesError, toStatesError } from './states-error.ts';

interface FanOutSpec {
  count: number;
  /** 0 runs every child at once. */
  maxConcurrency: number;
  /** Details of a child's own events (Map iterations); undefined records none (Parallel branches). */
  label?: (index: number) => Record<string, unknown>;
  startedEvent?: string;
  succeededEvent?: string;
  failedEvent?: string;
  abortedEvent?: string;
  succeededState: string;
  failedState: string;
  machine: (index: number) => AslMachine;
  input: (index: number) => Promise<unknown>;
}

/**
 * Runs Map iterations or Parallel branches as flat machines, each on its own strand of history.
 * The first failure stops the others (recording `<Type>StateAborted` for the state each was in),
 * records the failed-state event and rejects with the child's error.
 */
export async function fanOut(frame: Frame, spec: FanOutSpec): Promise<unknown[]> {
  const { history } = frame.run;
  const stop = new AbortController();
  const signal = AbortSignal.any([frame.signal, stop.signal]);
  const results: unknown[] = new Array(spec.count);
  const running = new Map<number, Frame>();
  let failure: { error: StatesError; lastEventId: number } | undefined;
  let next = 0;

  await new Promise<void>((resolve) => {
    const launch = () => {
      while (!failure && !signal.aborted && next < spec.count && (spec.maxConcurrency === 0 || running.size < spec.maxConcurrency)) start(next++);
      if (running.size === 0) resolve();
    };
    const start = (index: number) => {
      const child = childFrame(frame, signal);
      running.set(index, child);
      if (spec.startedEvent) history.add(child, spec.startedEvent, spec.label?.(index));
      spec
        .input(index)
        .then((input) => runFlat(spec.machine(index), input, child))
        .then(
          (output) => {
            results[index] = output;
            const lastInner = child.lastEventId;
            if (spec.succeededEvent) history.add(child, spec.succeededEvent, spec.label?.(index));
            // AWS chains the next child, and the state's own events, to the last event inside this one.
            frame.lastEventId = lastInner;
          },
          (error: unknown) => {
            if (error instanceof RunAbortedError || failure || signal.aborted) return;
            failure = { error: toStatesError(error), lastEventId: child.lastEventId };
            if (spec.failedEvent) history.add(child, spec.failedEvent, spec.label?.(index));
            running.delete(index);
            abortOthers(frame, running, spec);
            stop.abort(new RunAbortedError());
          },
        )
        .finally(() => {
          running.delete(index);
          launch();
        });
    };
    launch();
  });

  if (frame.signal.aborted) throw new RunAbortedError();
  if (failure) {
    history.add(undefined, spec.failedState, undefined, failure.lastEventId);
    frame.lastEventId = history.lastId;
    throw failure.error;
  }
  history.add(frame, spec.succeededState);
  return results;
}

/** Records, for each child still running, the state it was in as aborted, then the child as aborted. */
function abortOthers(frame: Frame, running: Map<number, Frame>, spec: FanOutSpec): void {
  const { history } = frame.run;
  for (const [index, child] of running) {
    if (child.current) history.add(undefined, `${child.current.type}StateAborted`, undefined, child.lastEventId);
    if (spec.abortedEvent) history.add(undefined, spec.abortedEvent, spec.label?.(index), child.lastEventId);
  }
}
