import type { AslMachine, AslState } from './asl.ts';
import { fanOut } from './fan-out.ts';
import { type Frame, stateContext } from './frame.ts';
import { evaluatePath, evaluateTemplate } from './payload-evaluation.ts';
import { runtimeError } from './states-error.ts';

/**
 * An inline Map state: each item runs the ItemProcessor as a flat machine of its own, at most
 * MaxConcurrency at a time (0: all at once). Records MapStateStarted, MapIteration* and
 * MapStateSucceeded/Failed; the first failed iteration stops the others and fails the state.
 */
export async function runMap(frame: Frame, name: string, state: AslState, input: unknown, retryCount: number): Promise<unknown[]> {
  const context = stateContext(frame, name, retryCount);
  const items = typeof state.ItemsPath === 'string' ? await evaluatePath(state.ItemsPath, input, context) : input;
  if (!Array.isArray(items))
    throw runtimeError(
      `The Map state's ItemsPath (${String(state.ItemsPath ?? '$')}) must reference a JSON array, but it references ${JSON.stringify(items)}.`,
    );
  const maxConcurrency = await concurrencyOf(state, input, context);
  const processor = (state.ItemProcessor ?? state.Iterator) as AslMachine;
  const selector = state.ItemSelector ?? state.Parameters;
  frame.run.history.add(frame, 'MapStateStarted', { length: items.length });
  return fanOut(frame, {
    count: items.length,
    maxConcurrency,
    label: (index) => ({ index, name }),
    startedEvent: 'MapIterationStarted',
    succeededEvent: 'MapIterationSucceeded',
    failedEvent: 'MapIterationFailed',
    abortedEvent: 'MapIterationAborted',
    succeededState: 'MapStateSucceeded',
    failedState: 'MapStateFailed',
    machine: () => processor,
    input: async (index) =>
      selector === undefined ? items[index] : evaluateTemplate(selector, input, { ...context, Map: { Item: { Index: index, Value: items[index] } } }),
  });
}

async function concurrencyOf(state: AslState, input: unknown, context: Record<string, unknown>): Promise<number> {
  if (typeof state.MaxConcurrencyPath !== 'string') return typeof state.MaxConcurrency === 'number' ? state.MaxConcurrency : 0;
  const value = await evaluatePath(state.MaxConcurrencyPath, input, context);
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0)
    throw runtimeError(`The MaxConcurrencyPath field refers to value "${JSON.stringify(value)}" which is not a valid integer`);
  return value;
}
