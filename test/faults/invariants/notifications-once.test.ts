import { describe, expect, it } from 'vitest';
import { at, healthyRelease } from '../history-fixture.ts';
import { notificationsOnce } from './notifications-once.ts';

describe('Invariant: notifications-once', () => {
  it('passes a release told once when it started and once when it succeeded', () => {
    // Prepare
    const history = healthyRelease();

    // Act
    const problems = notificationsOnce.check(history);

    // Assess
    expect(problems).toEqual([]);
  });

  it('reports a second notification of one outcome', () => {
    // Prepare
    const history = healthyRelease();
    history.notifications.push({ ...history.notifications[1], at: at(950) });

    // Act
    const problems = notificationsOnce.check(history);

    // Assess
    expect(problems).toEqual(['notification sns web-req-1 succeeded was sent 2 times']);
  });

  it('reports a finished release without a final notification, and one told two outcomes', () => {
    // Prepare
    const lost = healthyRelease();
    lost.notifications.pop();
    const both = healthyRelease();
    both.notifications.push({ ...both.notifications[1], outcome: 'failed' });

    // Act
    const problems = [...notificationsOnce.check(lost), ...notificationsOnce.check(both)];

    // Assess
    expect(problems).toEqual(['release web-req-1 SUCCEEDED without a final SNS notification', 'release web-req-1 was told succeeded and failed']);
  });

  it('passes a release that only joined a running one', () => {
    // Prepare
    const history = healthyRelease();
    history.notifications = [];
    history.executions[0].states.push({ name: 'Already Running', enteredAt: at(1) });

    // Act
    const problems = notificationsOnce.check(history);

    // Assess
    expect(problems).toEqual([]);
  });
});
