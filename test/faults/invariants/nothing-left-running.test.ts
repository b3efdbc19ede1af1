import { describe, expect, it } from 'vitest';
import { healthyRelease, RELEASE_ARN } from '../history-fixture.ts';
import { nothingLeftRunning } from './nothing-left-running.ts';

describe('Invariant: nothing-left-running', () => {
  it('passes a history at rest', () => {
    // Prepare
    const history = healthyRelease();

    // Act
    const problems = nothingLeftRunning.check(history);

    // Assess
    expect(problems).toEqual([]);
  });

  it('reports an open token, an idempotency record in progress, a refresh, a command and a test instance still running', () => {
    // Prepare
    const history = healthyRelease();
    history.openTaskTokens.push(RELEASE_ARN);
    history.tables.idempotency.push({ id: 'acme-on-image-event#abc', status: 'INPROGRESS' });
    history.refreshes[0].status = 'InProgress';
    history.commands[0].invocations[0].status = 'InProgress';
    history.instances[0].state = 'running';

    // Act
    const problems = nothingLeftRunning.check(history);

    // Assess
    expect(problems).toEqual([
      'test instance i-0000000000000test is still running',
      `a task token of ${RELEASE_ARN} is still open`,
      'idempotency record acme-on-image-event#abc is still in progress',
      'instance refresh refresh-1 of web-staging is still InProgress',
      'command cmd-1 on i-0000000000000test is still InProgress',
    ]);
  });

  it('reports a release recorded as running after its execution ended, and a notification claim left sending', () => {
    // Prepare
    const history = healthyRelease();
    history.tables.release.push(
      { pk: 'PIPELINE#web', sk: 'RELEASE#web-req-1', kind: 'release', releaseId: 'web-req-1', status: 'running' },
      { pk: 'RELEASE#web-req-1', sk: 'NOTIFY#succeeded#sns', kind: 'notification', status: 'sending' },
    );

    // Act
    const problems = nothingLeftRunning.check(history);

    // Assess
    expect(problems).toEqual([
      'release web-req-1 is recorded as running, but its execution SUCCEEDED',
      "notification RELEASE#web-req-1 NOTIFY#succeeded#sns is still claimed as 'sending': it was never marked sent",
    ]);
  });
});
