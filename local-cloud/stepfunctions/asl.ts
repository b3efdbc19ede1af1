/** The parts of the Amazon States Language the local cloud's engine reads. Definitions are plain JSON. */
export interface AslState {
  Type: string;
  [field: string]: unknown;
}

export interface AslMachine {
  StartAt: string;
  States: Record<string, AslState>;
  TimeoutSeconds?: number;
  [field: string]: unknown;
}

export interface Retrier {
  ErrorEquals: string[];
  IntervalSeconds?: number;
  MaxAttempts?: number;
  BackoffRate?: number;
  MaxDelaySeconds?: number;
  JitterStrategy?: 'FULL' | 'NONE';
}

export interface Catcher {
  ErrorEquals: string[];
  Next: string;
  ResultPath?: string | null;
}

export const retriersOf = (state: AslState): Retrier[] => (Array.isArray(state.Retry) ? (state.Retry as Retrier[]) : []);
export const catchersOf = (state: AslState): Catcher[] => (Array.isArray(state.Catch) ? (state.Catch as Catcher[]) : []);

/** The nested machines of a Map (ItemProcessor, or the older Iterator) or a Parallel (Branches). */
export function childMachines(state: AslState): AslMachine[] {
  if (state.Type === 'Map') return [(state.ItemProcessor ?? state.Iterator) as AslMachine].filter(Boolean);
  if (state.Type === 'Parallel' && Array.isArray(state.Branches)) return state.Branches as AslMachine[];
  return [];
}

export const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
