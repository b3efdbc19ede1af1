import { describe, expect, it } from 'vitest';
import type { ExecutionEvent, ReleaseView } from '../../adapters/aws/release-console.ts';
import { causeMessage, followExecution, formatDuration, formatSimTime, HistoryFormatter } from '../../cli/progress.ts';

const at = (seconds: number) => Date.UTC(2026, 11, 8, 2, 0, seconds);
const event = (type: string, seconds: number, details: Partial<ExecutionEvent> = {}): ExecutionEvent => ({ type, at: at(seconds), ...details });

describe('CLI: release progress', () => {
  it('shows tasks as they start and end, with how long they took in simulated time', () => {
    // Prepare
    const formatter = new HistoryFormatter();
    // Act
    const lines = formatter.lines([
      event('PassStateEntered', 0, { state: 'Start Release' }),
      event('PassStateExited', 0, { state: 'Start Release' }),
      event('TaskStateEntered', 1, { state: 'Wait For Image' }),
      event('TaskStateExited', 2701, { state: 'Wait For Image' }),
    ]);
    // Assess
    expect(lines).toEqual([
      { at: at(1), text: '▸ Wait For Image' },
      { at: at(2701), text: '✓ Wait For Image (45m)' },
    ]);
  });

  it('shows a failure with its error and the message of its cause', () => {
    // Prepare
    const formatter = new HistoryFormatter(2);
    // Act
    const lines = formatter.lines([
      event('LambdaFunctionFailed', 5, {
        error: 'BuildFailedError',
        cause: JSON.stringify({ errorMessage: 'The build failed at install-nginx.', errorType: 'BuildFailedError' }),
      }),
      event('ExecutionAborted', 6),
    ]);
    // Assess
    expect(lines).toEqual([
      { at: at(5), text: '    ✗ lambda function failed: BuildFailedError — The build failed at install-nginx.' },
      { at: at(6), text: '    ✗ execution aborted' },
    ]);
  });

  it('follows the child executions a release starts, indented, until the release ends', async () => {
    // Prepare
    const parent = 'arn:aws:states:eu-central-1:123456789012:execution:release:web-run-1';
    const child = 'arn:aws:states:eu-central-1:123456789012:execution:wave:staging';
    const histories = new Map<string, ExecutionEvent[][]>([
      [
        parent,
        [
          [event('TaskStateEntered', 0, { state: 'Roll Out Staging' }), event('TaskSubmitted', 0, { childExecutionArn: child })],
          [event('TaskStateExited', 120, { state: 'Roll Out Staging' }), event('ExecutionSucceeded', 121)],
        ],
      ],
      [child, [[event('TaskStateEntered', 1, { state: 'Start Refresh' }), event('TaskStateExited', 90, { state: 'Start Refresh' })]]],
    ]);
    const calls = new Map<string, number>();
    const release = { name: 'web-run-1', executionArn: parent, status: 'SUCCEEDED', startDate: new Date(at(0)) } satisfies ReleaseView;
    const releases = {
      async executionHistory(arn: string) {
        const call = calls.get(arn) ?? 0;
        calls.set(arn, call + 1);
        const pages = histories.get(arn) ?? [];
        return pages.slice(0, call + 1).flat();
      },
      async describeRelease(arn: string) {
        return { ...release, executionArn: arn };
      },
    };
    const printed: string[] = [];
    // Act
    const ended = await followExecution(releases, parent, { print: (line) => printed.push(line), pollMs: 0 });
    // Assess
    expect(ended).toEqual(release);
    expect(printed.map((line) => line.replace(/^ +\d+\.\ds {2}/, ''))).toEqual([
      '12-08 02:00:00Z  ▸ Roll Out Staging',
      '12-08 02:00:01Z      ▸ Start Refresh',
      '12-08 02:01:30Z      ✓ Start Refresh (1m 29s)',
      '12-08 02:02:00Z  ✓ Roll Out Staging (2m)',
    ]);
  });

  it('formats durations and simulated times compactly', () => {
    // Assess
    expect([formatDuration(42_000), formatDuration(90_000), formatDuration(7_260_000), formatDuration(3 * 86_400_000)]).toEqual([
      '42s',
      '1m 30s',
      '2h 1m',
      '3d 0h',
    ]);
    expect(formatSimTime(at(5))).toBe('12-08 02:00:05Z');
    expect(causeMessage('not json')).toBe('not json');
  });
});
