import { describe, expect, it } from 'vitest';
import { at, healthyRelease, NEW_AMI, OLD_AMI } from '../history-fixture.ts';
import { channelsValidated } from './channels-validated.ts';

describe('Invariant: channels-validated', () => {
  it('passes a release that published a validated, rolled-out image', () => {
    // Prepare
    const history = healthyRelease();

    // Act
    const problems = channelsValidated.check(history);

    // Assess
    expect(problems).toEqual([]);
  });

  it('reports a candidate whose findings are over a threshold', () => {
    // Prepare
    const history = healthyRelease();
    history.builds[0].findings = { critical: 1 };

    // Act
    const problems = channelsValidated.check(history);

    // Assess
    expect(problems.some((p) => p.includes('/goldsmith/web/candidate') && p.includes('critical 1 > 0'))).toBe(true);
  });

  it('reports a candidate published before its smoke test passed', () => {
    // Prepare
    const history = healthyRelease();
    history.commands[0].invocations[0] = { instanceId: 'i-0000000000000test', status: 'Failed', finishedAt: at(200) };

    // Act
    const problems = channelsValidated.check(history);

    // Assess
    expect(problems).toContain(`/goldsmith/web/candidate v1 in us-east-1 → ${NEW_AMI} at t+300s: no smoke test passed on it`);
  });

  it('reports a stable channel set before every wave succeeded', () => {
    // Prepare
    const history = healthyRelease();
    history.refreshes[0].status = 'Failed';

    // Act
    const problems = channelsValidated.check(history);

    // Assess
    expect(problems).toEqual([`/goldsmith/web/stable v1 in us-east-1 → ${NEW_AMI} at t+800s: wave 'staging' had not rolled group web-staging to this image`]);
  });

  it('reports an image that comes from no build, and a build that never became AVAILABLE', () => {
    // Prepare
    const history = healthyRelease();
    history.parameterWrites[0].value = OLD_AMI;
    history.builds[0].timeline = [{ status: 'FAILED', at: at(100) }];

    // Act
    const problems = channelsValidated.check(history);

    // Assess
    expect(problems).toContain(`/goldsmith/web/candidate v1 in us-east-1 → ${OLD_AMI} at t+300s: ${OLD_AMI} comes from no recorded build`);
    expect(problems.some((p) => p.includes('/goldsmith/web/stable') && p.includes('was not AVAILABLE'))).toBe(true);
  });

  it('reports a candidate published without the approval its pipeline requires', () => {
    // Prepare
    const history = healthyRelease();
    history.pipelines[0].approval = true;

    // Act
    const problems = channelsValidated.check(history);

    // Assess
    expect(problems.filter((p) => p.endsWith('no approval was given for it'))).toHaveLength(2);
  });
});
