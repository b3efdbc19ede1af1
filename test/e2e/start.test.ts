import { afterAll, describe, expect, it } from 'vitest';
import { goldsmith, tempProject } from '../cli/cli-fixture.ts';

const project = tempProject();
afterAll(() => project.remove());

describe('CLI: goldsmith start (npm start)', () => {
  it('deploys the example fleet, fires its monthly schedule and shows the release, well under a minute', () => {
    // Act
    const started = Date.now();
    const result = goldsmith(['start'], { cwd: project.dir, timeoutMs: 120_000 });
    const seconds = (Date.now() - started) / 1000;
    // Assess
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('cron(0 3 ? * TUE#2 *) fires.');
    expect(result.stdout).toMatch(/Release web-server-\d{4}-\d{2}-scheduled of web-server: SUCCEEDED/);
    expect(result.stdout).toMatch(/stable +eu-west-1 +ami-[0-9a-f]{17} v1/);
    expect(result.stdout).toMatch(/group web-production-b: Successful 100%/);
    expect(result.stdout).toMatch(/notifications +\d+ Slack, 2 SNS/);
    expect(seconds).toBeLessThan(60);
  }, 120_000);

  it('releases again on top of the first, with the previous channel values shown', () => {
    // Act
    const result = goldsmith(['start'], { cwd: project.dir, timeoutMs: 120_000 });
    // Assess
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('Deployed acme-platform-local: 47 resources: ');
    expect(result.stdout).toMatch(/plan +build: Changed since release web-server-\d{4}-\d{2}-scheduled: parent image/);
    expect(result.stdout).toMatch(/stable +eu-central-1 +ami-[0-9a-f]{17} v2, was ami-[0-9a-f]{17} v1/);
    expect(result.stdout).toMatch(/launch template web-production: default v3 of 3/);
  }, 120_000);

  it('runs a release on demand with goldsmith run, showing each state live', () => {
    // Act
    const result = goldsmith(['run', 'web-server', '--force', '--reason', 'hotfix'], { cwd: project.dir, timeoutMs: 120_000 });
    // Assess
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/Started release web-server-run-[0-9a-f]{10} of web-server on the local cloud/);
    expect(result.stdout).toMatch(/\d+\.\ds {2}\d{2}-\d{2} \d{2}:\d{2}:\d{2}Z {2}▸ Plan Release/);
    expect(result.stdout).toMatch(/✓ Promote Stable/);
    expect(result.stdout).toMatch(/trigger +manual \(goldsmith run by .+: hotfix\)/);
    expect(result.stdout).toMatch(/Release web-server-run-[0-9a-f]{10} of web-server: SUCCEEDED/);
  }, 120_000);

  it('has goldsmith status tell the same story afterwards', () => {
    // Act
    const status = goldsmith(['status'], { cwd: project.dir });
    const history = goldsmith(['history', 'web-server'], { cwd: project.dir });
    // Assess
    expect(status.status).toBe(0);
    expect(status.stdout).toMatch(/Release web-server-run-[0-9a-f]{10} of web-server: SUCCEEDED/);
    expect(status.stdout).toMatch(/stable +eu-central-1 +ami-[0-9a-f]{17} v3, was ami-[0-9a-f]{17} v2/);
    expect(status.stdout).toContain('earlier releases');
    expect(history.stdout.match(/SUCCEEDED web-server-\d{4}-\d{2}-scheduled/g)).toHaveLength(2);
    expect(history.stdout).toMatch(/SUCCEEDED web-server-run-[0-9a-f]{10} .*\(manual\)/);
  });
});
