import { describe, expect, it } from 'vitest';
import { executionNames } from '../../../core/release/execution-names.ts';

describe('Core: execution names', () => {
  it('names a scheduled release by pipeline, year and month', () => {
    // Act
    const name = executionNames.scheduled('web-server', new Date('2026-11-10T02:00:00Z'));
    // Assess
    expect(name).toBe('web-server-2026-11-scheduled');
  });

  it("takes the month in the schedule's time zone", () => {
    // Act: 23:30 UTC on 30 November is already December in Berlin.
    const name = executionNames.scheduled('web-server', new Date('2026-11-30T23:30:00Z'), 'Europe/Berlin');
    // Assess
    expect(name).toBe('web-server-2026-12-scheduled');
  });

  it('gives the same request the same name, and another request another one', () => {
    // Act
    const a = executionNames.requested('web-server', 'ci-run-42');
    const again = executionNames.requested('web-server', 'ci-run-42');
    const b = executionNames.requested('web-server', 'ci-run-43');
    // Assess
    expect(a).toBe(again);
    expect(a).not.toBe(b);
    expect(a).toMatch(/^web-server-req-[0-9a-f]{10}$/);
  });

  it('names chained, upstream and external-build releases deterministically, within 80 characters', () => {
    // Prepare
    const pipeline = 'a-pipeline-name-of-thirty-two-ch';
    // Act
    const names = [
      executionNames.chained(pipeline, 'base-2026-11-scheduled'),
      executionNames.upstream(pipeline, 'ami-0123456789abcdef0'),
      executionNames.externalBuild(pipeline, 'arn:aws:imagebuilder:eu-central-1:123456789012:image/acme-web/1.0.7/3'),
    ];
    // Assess
    expect(names[0]).toMatch(/^a-pipeline-name-of-thirty-two-ch-after-[0-9a-f]{10}$/);
    expect(names[1]).toBe(`${pipeline}-upstream-ami-0123456789abcdef0`);
    for (const name of names) expect(name).toMatch(/^[A-Za-z0-9_-]{1,80}$/);
  });
});
