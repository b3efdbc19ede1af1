import { StateMachine } from 'aws-local-stepfunctions';
import { runtimeError, toStatesError } from './states-error.ts';

/**
 * Evaluates a payload template (Parameters, ItemSelector) or a reference path against an input and
 * a context object, with aws-local-stepfunctions' own JSONPath and intrinsic functions: a one-state
 * Pass machine does the work, so paths behave exactly as they do inside the library's runs.
 */
export async function evaluateTemplate(template: unknown, input: unknown, context: Record<string, unknown>): Promise<unknown> {
  const out = await evaluate({ Type: 'Pass', Parameters: { value: template }, End: true }, input, context);
  return (out as { value: unknown }).value;
}

/** Resolves a reference path (`$.seconds`, `$$.Execution.Id`); a path that selects nothing is States.Runtime. */
export async function evaluatePath(path: string, input: unknown, context: Record<string, unknown>): Promise<unknown> {
  const out = await evaluate({ Type: 'Pass', Parameters: { 'value.$': path }, End: true }, input, context);
  return (out as { value: unknown }).value;
}

async function evaluate(state: Record<string, unknown>, input: unknown, context: Record<string, unknown>): Promise<unknown> {
  const machine = new StateMachine({ StartAt: 'Evaluate', States: { Evaluate: state } } as never, { validationOptions: { noValidate: true } });
  try {
    return await machine.run(input as never, { context: context as never }).result;
  } catch (error) {
    const statesError = toStatesError(error);
    throw statesError.name === 'States.Runtime' ? statesError : runtimeError(statesError.message);
  }
}

/** A positive integer read from TimeoutSecondsPath or HeartbeatSecondsPath, as AWS requires. */
export async function positiveIntegerAt(path: string, field: string, input: unknown, context: Record<string, unknown>): Promise<number> {
  const value = await evaluatePath(path, input, context);
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1)
    throw runtimeError(`The value of the field '${field}' (${path}) must be a positive integer, but was ${JSON.stringify(value)}.`);
  return value;
}
