import { describe, expect, it } from 'vitest';
import { awsWorkOf, completionsOf, type TimedEvent, uncoveredMs } from '../../bench/overhead.ts';
import type { CallRecord, CloudEvent } from '../../local-cloud/cloud.ts';

const call = (at: number, service: string, operation: string, caller = 'client'): CallRecord => ({
  at,
  service,
  operation,
  caller,
  accountId: '123456789012',
  region: 'eu-central-1',
  status: 200,
});

const event = (at: number, source: string, detailType: string, detail: Record<string, unknown> = {}): TimedEvent => ({
  at,
  event: {
    version: '0',
    id: String(at),
    source,
    'detail-type': detailType,
    detail,
    account: '123456789012',
    region: 'eu-central-1',
    time: '',
    resources: [],
  } as CloudEvent,
});

const available = (at: number) => event(at, 'aws.imagebuilder', 'EC2 Image Builder Image State Change', { state: { status: 'AVAILABLE' } });
const refreshed = (at: number) => event(at, 'aws.autoscaling', 'EC2 Auto Scaling Instance Refresh Succeeded');

describe('Bench: orchestration overhead', () => {
  it('measures an image from AVAILABLE to the first validation call', () => {
    // Prepare
    const calls = [call(900, 'imagebuilder', 'GetImage'), call(1_250, 'imagebuilder', 'ListImageScanFindings'), call(1_300, 'ec2', 'RunInstances')];
    // Act
    const [completion] = completionsOf([available(1_000)], calls);
    // Assess
    expect(completion).toMatchObject({ kind: 'image', at: 1_000, latencyMs: 250, next: { call: 'imagebuilder.ListImageScanFindings' } });
  });

  it("measures a wave from its last refresh to the next wave's first call", () => {
    // Prepare
    const events = [refreshed(1_000), refreshed(3_000), refreshed(9_000)];
    const calls = [call(3_400, 'ec2', 'DescribeLaunchTemplates'), call(9_700, 'ssm', 'GetParameter')];
    // Act
    const completions = completionsOf(events, calls);
    // Assess
    expect(completions.map((c) => [c.kind, c.at, c.latencyMs])).toEqual([
      ['wave', 3_000, 400],
      ['wave', 9_000, 700],
    ]);
  });

  it('ignores calls AWS services make, and calls before the completion', () => {
    // Prepare
    const calls = [call(500, 'ec2', 'RunInstances'), call(1_100, 'ec2', 'RunInstances', 'imagebuilder'), call(1_800, 'ec2', 'RunInstances')];
    // Act
    const [completion] = completionsOf([available(1_000)], calls);
    // Assess
    expect(completion.latencyMs).toBe(800);
  });

  it('leaves a completion with no next call without latency', () => {
    // Act
    const [completion] = completionsOf([available(1_000)], []);
    // Assess
    expect(completion).toEqual({ kind: 'image', at: 1_000 });
  });

  it("pairs AWS's long-running work from its start call to its end event", () => {
    // Prepare
    const calls = [
      call(100, 'imagebuilder', 'StartImagePipelineExecution'),
      call(2_000, 'autoscaling', 'StartInstanceRefresh'),
      call(2_100, 'autoscaling', 'StartInstanceRefresh'),
    ];
    const events = [available(1_000), refreshed(3_000), refreshed(3_500)];
    // Act
    const intervals = awsWorkOf(events, calls, { from: 0, to: 5_000 });
    // Assess
    expect(intervals).toEqual([
      { from: 100, to: 1_000 },
      { from: 2_000, to: 3_000 },
      { from: 2_100, to: 3_500 },
    ]);
  });

  it('counts the time no interval covers, overlaps merged', () => {
    // Prepare
    const intervals = [
      { from: 100, to: 1_000 },
      { from: 2_000, to: 3_000 },
      { from: 2_100, to: 3_500 },
      { from: 4_800, to: 6_000 },
    ];
    // Act
    const uncovered = uncoveredMs({ from: 0, to: 5_000 }, intervals);
    // Assess
    expect(uncovered).toBe(100 + 1_000 + 1_300);
  });
});
