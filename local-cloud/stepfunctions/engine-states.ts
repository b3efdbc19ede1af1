import type { AslState } from './asl.ts';
import type { Frame } from './frame.ts';
import { runMap } from './map-state.ts';
import { runParallel } from './parallel-state.ts';
import { withRetry } from './retry-loop.ts';
import { runTaskAttempt } from './task-state.ts';
import { runWait } from './wait-state.ts';

/** Runs a state the library hands to the engine (see library-definition.ts). */
export function runEngineState(frame: Frame, name: string, state: AslState, input: unknown): Promise<unknown> {
  switch (state.Type) {
    case 'Wait':
      return runWait(frame, name, state, input);
    case 'Map':
      return withRetry(frame, state, (retryCount) => runMap(frame, name, state, input, retryCount));
    case 'Parallel':
      return withRetry(frame, state, (retryCount) => runParallel(frame, name, state, input, retryCount));
    default:
      return withRetry(frame, state, (retryCount) => runTaskAttempt(frame, name, state, input, retryCount));
  }
}
