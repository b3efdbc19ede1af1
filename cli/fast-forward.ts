/**
 * Fast-forward for an in-process local cloud: while something waits on simulated time (a build, a
 * checkpoint delay, a Wait state), jump the clock to the next timer, but only when the cloud is idle: no
 * function running and no service calling another. Real work (function code) then never races a simulated
 * timeout, however fast the clock goes, and an hour-long release takes as long as its code runs. A release
 * waiting for a person's approval is never skipped over.
 */
import type { LocalCloud } from '../local-cloud/index.ts';

/**
 * Real milliseconds between idle checks, and how many checks in a row must see nothing happen. Step
 * Functions moves from state to state through a few zero-delay real timers; five quiet checks outlast them.
 */
const TICK_MS = 1;
const QUIET_TICKS = 5;

export interface FastForward {
  /** Jumps over idle time until `done` settles; returns what it resolved to. */
  until<T>(done: Promise<T>, options?: { limitMs?: number }): Promise<T>;
  /**
   * Jumps over idle time until `condition` holds, checked right before each jump, so the clock never jumps
   * past the moment it holds; or until `ended` settles first.
   */
  untilCondition(condition: () => boolean, ended: Promise<unknown>, options?: { limitMs?: number }): Promise<void>;
  /** Simulated milliseconds skipped so far. */
  readonly skippedMs: number;
  /** Functions running right now. */
  readonly busy: number;
  dispose(): void;
}

export function fastForward(cloud: LocalCloud): FastForward {
  const lambda = cloud.runtime.services.lambda.runtime;
  const original = lambda.invoke.bind(lambda);
  let busy = 0;
  // Counts running invocations: the local cloud's Lambda runtime reports none, so its invoke is wrapped.
  lambda.invoke = async (...args: Parameters<typeof original>) => {
    busy++;
    try {
      return await original(...args);
    } finally {
      busy--;
    }
  };
  let skippedMs = 0;
  // What changed since the last check: the newest call one service made to another (clients' own HTTP
  // calls, such as a CLI polling, are not activity), the newest event, the history of running executions
  // (state transitions), and the next timer (one was just set).
  let scanned: unknown;
  let internal: unknown;
  const activity = (): unknown[] => {
    const calls = cloud.runtime.calls;
    for (let i = calls.length - 1; i >= 0 && calls[i] !== scanned; i--) {
      if (calls[i].caller !== 'client') {
        internal = calls[i];
        break;
      }
    }
    scanned = calls.at(-1);
    return [internal, cloud.runtime.events.at(-1), runningHistory(cloud), cloud.clock.nextDue()];
  };

  // One driver jumps the clock however many callers wait, so two jumps never race. Before each jump it
  // asks every waiter's stop condition: a wait that must see the cloud as it is now ends instead.
  let waiting = 0;
  let driving = false;
  const stopChecks = new Set<() => boolean>();
  const drive = async () => {
    let last: unknown[] = [];
    let quiet = 0;
    while (waiting > 0) {
      await new Promise((resolve) => setTimeout(resolve, TICK_MS));
      const now = activity();
      quiet = busy === 0 && now.every((value, index) => value === last[index]) ? quiet + 1 : 0;
      last = now;
      if (quiet < QUIET_TICKS || waiting === 0) continue;
      if ([...stopChecks].some((stopped) => stopped()) || runningExecutions(cloud).some(awaitsDecision)) continue;
      const next = cloud.clock.nextDue();
      if (next === undefined) continue;
      const before = cloud.clock.now();
      cloud.clock.advanceTo(next);
      skippedMs += Math.max(0, cloud.clock.now() - before);
      quiet = 0;
    }
    driving = false;
  };

  async function wait<T>(endings: Promise<T>[], limitMs: number | undefined): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const limit =
      limitMs === undefined
        ? []
        : [
            new Promise<never>((_, reject) => {
              timer = setTimeout(() => reject(new Error(`Still waiting after ${limitMs} ms of real time.`)), limitMs);
            }),
          ];
    waiting++;
    if (!driving) {
      driving = true;
      void drive();
    }
    try {
      return await Promise.race([...endings, ...limit]);
    } finally {
      clearTimeout(timer);
      // The driver stops at its next check: it never jumps once nobody waits.
      waiting--;
    }
  }

  return {
    get skippedMs() {
      return skippedMs;
    },
    get busy() {
      return busy;
    },
    until<T>(done: Promise<T>, options: { limitMs?: number } = {}): Promise<T> {
      return wait([done], options.limitMs);
    },
    async untilCondition(condition: () => boolean, ended: Promise<unknown>, options: { limitMs?: number } = {}): Promise<void> {
      let release!: () => void;
      const held = new Promise<void>((resolve) => {
        release = resolve;
      });
      const check = () => {
        if (!condition()) return false;
        release();
        return true;
      };
      stopChecks.add(check);
      try {
        await wait<unknown>([held, ended], options.limitMs);
      } finally {
        stopChecks.delete(check);
      }
    },
    dispose() {
      waiting = 0;
      lambda.invoke = original;
    },
  };
}

/** How many history events the running executions have: it grows with every state transition. */
function runningHistory(cloud: LocalCloud): number {
  return runningExecutions(cloud).reduce((events, execution) => events + execution.history.length, 0);
}

/**
 * The state of statemachines/release.asl.json that waits for a person to approve or reject. While a release
 * waits there, the clock runs at its time scale but never jumps: jumping would time the approval out at once.
 */
export const APPROVAL_STATE = 'Request Approval';

type Execution = ReturnType<typeof runningExecutions>[number];

/** True while the execution waits in the approval state: the last state it entered, and has not left. */
export function awaitsDecision(execution: Execution): boolean {
  for (let i = execution.history.length - 1; i >= 0; i--) {
    const event = execution.history[i] as { type: string; stateEnteredEventDetails?: { name?: string }; stateExitedEventDetails?: { name?: string } };
    if (event.stateExitedEventDetails) return false;
    if (event.stateEnteredEventDetails)
      return event.stateEnteredEventDetails.name === APPROVAL_STATE && !/Timed?Out|Failed/.test(execution.history.at(-1)?.type ?? '');
  }
  return false;
}

/** The Step Functions executions running in the cloud, in every account and region. */
export function runningExecutions(cloud: LocalCloud) {
  return cloud.runtime.services.stepfunctions.store
    .entries()
    .flatMap(({ state }) => Object.values(state.executions))
    .filter((execution) => execution.status === 'RUNNING');
}

/**
 * For a cloud that runs in the background (`goldsmith local up --fast-forward`): whenever executions run,
 * skips idle simulated time until none does. Stops when `signal` aborts.
 */
export async function skipIdleTimeWhileRunning(forward: FastForward, cloud: LocalCloud, signal: AbortSignal): Promise<void> {
  const stopped = new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
  while (!signal.aborted) {
    if (runningExecutions(cloud).length) await forward.untilCondition(() => runningExecutions(cloud).length === 0, stopped);
    else await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
