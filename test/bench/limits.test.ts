import { describe, expect, it } from 'vitest';
import { eventsPerIteration, largestPayload } from '../../bench/limits.ts';
import type { HistoryEventRecord } from '../../local-cloud/services/stepfunctions/store.ts';

const history = (...events: Array<[string, Record<string, unknown>?]>): HistoryEventRecord[] =>
  events.map(([type, details], i) => ({
    id: i + 1,
    previousEventId: i,
    timestamp: 0,
    type,
    ...(details && { [`${type.charAt(0).toLowerCase()}${type.slice(1)}EventDetails`]: details }),
  }));

describe('Bench: Step Functions limits', () => {
  it('finds the largest payload in bytes and where it was', () => {
    // Prepare
    const events = history(
      ['TaskStateEntered', { name: 'Plan', input: '{"a":1}' }],
      ['TaskStateExited', { name: 'Plan', output: `{"a":"${'é'.repeat(100)}"}` }],
    );
    // Act
    const largest = largestPayload({ input: '{}', output: undefined, history: events });
    // Assess
    expect(largest).toEqual({ bytes: 208, where: 'TaskStateExited (Plan)' });
  });

  it('counts history events per Map iteration', () => {
    // Prepare
    const events = history(
      ['MapStateEntered'],
      ['MapStateStarted'],
      ['MapIterationStarted'],
      ['TaskStateEntered'],
      ['TaskStateExited'],
      ['MapIterationSucceeded'],
      ['MapIterationStarted'],
      ['TaskStateEntered'],
      ['TaskStateExited'],
      ['MapIterationSucceeded'],
      ['MapStateSucceeded'],
    );
    // Act
    const perIteration = eventsPerIteration(events);
    // Assess
    expect(perIteration).toBe(4);
  });

  it('has no per-iteration figure without a Map', () => {
    // Act & Assess
    expect(eventsPerIteration(history(['PassStateEntered']))).toBeUndefined();
  });
});
