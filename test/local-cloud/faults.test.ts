import { describe, expect, it } from 'vitest';
import { AwsServiceError } from '../../local-cloud/errors.ts';
import { FaultInjector } from '../../local-cloud/faults.ts';

type Event = { source: string; 'detail-type': string; n: number };
const event = (n: number): Event => ({ source: 'aws.imagebuilder', 'detail-type': 'EC2 Image Builder Image State Change', n });

describe('Local cloud: FaultInjector', () => {
  it('throws the configured error for the first N matching calls only', () => {
    // Prepare
    const faults = new FaultInjector(() => 0);
    faults.configure({ api: [{ service: 'ssm', operation: 'PutParameter', times: 2 }] });
    // Act
    const attempt = () => faults.beforeOperation('ssm', 'PutParameter');
    // Assess
    expect(attempt).toThrow(AwsServiceError);
    expect(attempt).toThrow('Rate exceeded');
    expect(attempt).not.toThrow();
    expect(() => faults.beforeOperation('ssm', 'GetParameter')).not.toThrow();
    expect(faults.injected).toHaveLength(2);
  });

  it('answers 5xx for internal errors', () => {
    const faults = new FaultInjector(() => 0);
    faults.configure({ api: [{ service: '*', operation: '*', error: 'InternalFailure' }] });
    try {
      faults.beforeOperation('ec2', 'RunInstances');
      expect.unreachable();
    } catch (error) {
      expect((error as AwsServiceError).status).toBe(500);
      expect((error as AwsServiceError).code).toBe('InternalFailure');
    }
  });

  it('replays the same rate-based faults from the same seed', () => {
    const pattern = (seed: number) => {
      const faults = new FaultInjector(() => 0);
      faults.configure({ seed, api: [{ service: 'ssm', operation: '*', rate: 0.5 }] });
      return Array.from({ length: 32 }, () => {
        try {
          faults.beforeOperation('ssm', 'GetParameter');
          return 0;
        } catch {
          return 1;
        }
      }).join('');
    };
    expect(pattern(7)).toBe(pattern(7));
    expect(pattern(7)).not.toBe(pattern(8));
  });

  it('drops, duplicates and delays matching events', () => {
    const faults = new FaultInjector(() => 0);
    faults.configure({
      events: [
        { contains: '"n":1', action: 'drop' },
        { contains: '"n":2', action: 'duplicate' },
        { contains: '"n":3', action: 'delay', delaySeconds: 90 },
      ],
    });
    const noop = () => {};
    expect(faults.onEvent(event(1), noop)).toEqual([]);
    expect(faults.onEvent(event(2), noop).map((d) => d.event.n)).toEqual([2, 2]);
    expect(faults.onEvent(event(3), noop)).toEqual([{ event: event(3), delayMs: 90_000 }]);
    expect(faults.onEvent(event(4), noop)).toEqual([{ event: event(4), delayMs: 0 }]);
  });

  it('delivers a reordered event after the next event', async () => {
    // Prepare
    const faults = new FaultInjector(() => 0);
    faults.configure({ events: [{ contains: '"n":1', action: 'reorder', times: 1 }] });
    const delivered: number[] = [];
    const deliver = (e: Event) => delivered.push(e.n);
    // Act
    for (const d of faults.onEvent(event(1), deliver)) queueMicrotask(() => deliver(d.event));
    for (const d of faults.onEvent(event(2), deliver)) queueMicrotask(() => deliver(d.event));
    await new Promise((r) => setImmediate(r));
    // Assess
    expect(delivered).toEqual([2, 1]);
  });
});
