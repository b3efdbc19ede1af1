import type { AslMachine, AslState } from './asl.ts';
import { fanOut } from './fan-out.ts';
import { type Frame, stateContext } from './frame.ts';
import { evaluateTemplate } from './payload-evaluation.ts';

/**
 * A Parallel state: every branch runs at once on the same input (after Parameters), the output is
 * the branches' outputs in order. Records ParallelStateStarted and ParallelStateSucceeded/Failed;
 * the first failed branch stops the others and fails the state.
 */
export async function runParallel(frame: Frame, name: string, state: AslState, input: unknown, retryCount: number): Promise<unknown[]> {
  const branches = (state.Branches ?? []) as AslMachine[];
  const branchInput = 'Parameters' in state ? await evaluateTemplate(state.Parameters, input, stateContext(frame, name, retryCount)) : input;
  frame.run.history.add(frame, 'ParallelStateStarted');
  return fanOut(frame, {
    count: branches.length,
    maxConcurrency: 0,
    succeededState: 'ParallelStateSucceeded',
    failedState: 'ParallelStateFailed',
    machine: (index) => branches[index],
    input: async () => structuredClone(branchInput),
  });
}
