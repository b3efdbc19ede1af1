import type { HistoryEvent } from '@aws-sdk/client-sfn';
import { describe, expect, it } from 'vitest';
import { causeMessage, formatDuration, formatSimTime, HistoryFormatter } from '../../cli/progress.ts';

const at = (seconds: number) => new Date(Date.UTC(2026, 11, 8, 2, 0, seconds));
const event = (type: string, seconds: number, details: Partial<HistoryEvent>): HistoryEvent =>
  ({ type, timestamp: at(seconds), id: 1, ...details }) as HistoryEvent;

describe('CLI: release progress', () => {
  it('shows tasks as they start and end, with how long they took in simulated time', () => {
    // Prepare
    const formatter = new HistoryFormatter();
    // Act
    const lines = formatter.lines([
      event('PassStateEntered', 0, { stateEnteredEventDetails: { name: 'Start Release' } }),
      event('PassStateExited', 0, { stateExitedEventDetails: { name: 'Start Release' } }),
      event('TaskStateEntered', 1, { stateEnteredEventDetails: { name: 'Wait For Image' } }),
      event('TaskStateExited', 2701, { stateExitedEventDetails: { name: 'Wait For Image' } }),
    ]);
    // Assess
    expect(lines).toEqual([
      { at: at(1).getTime(), text: '▸ Wait For Image' },
      { at: at(2701).getTime(), text: '✓ Wait For Image (45m)' },
    ]);
  });

  it('shows a failure with its error and the message of its cause', () => {
    // Prepare
    const formatter = new HistoryFormatter(2);
    // Act
    const lines = formatter.lines([
      event('LambdaFunctionFailed', 5, {
        lambdaFunctionFailedEventDetails: {
          error: 'BuildFailedError',
          cause: JSON.stringify({ errorMessage: 'The build failed at install-nginx.', errorType: 'BuildFailedError' }),
        },
      }),
    ]);
    // Assess
    expect(lines).toEqual([{ at: at(5).getTime(), text: '    ✗ lambda function failed: BuildFailedError — The build failed at install-nginx.' }]);
  });

  it('formats durations and simulated times compactly', () => {
    // Assess
    expect([formatDuration(42_000), formatDuration(90_000), formatDuration(7_260_000), formatDuration(3 * 86_400_000)]).toEqual([
      '42s',
      '1m 30s',
      '2h 1m',
      '3d 0h',
    ]);
    expect(formatSimTime(at(5).getTime())).toBe('12-08 02:00:05Z');
    expect(causeMessage('not json')).toBe('not json');
  });
});
