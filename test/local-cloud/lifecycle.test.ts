import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { describe, expect, it } from 'vitest';
import { startTestCloud } from './harness.ts';

describe('Local cloud: lifecycle', () => {
  it('frees its port and leaves no server or timer behind when stopped', async () => {
    // Prepare
    const before = process.getActiveResourcesInfo().filter((r) => r === 'TCPServerWrap' || r === 'Timeout').length;
    const cloud = await startTestCloud({ timeScale: 60 });
    await new STSClient(cloud.config()).send(new GetCallerIdentityCommand({}));
    // Act
    await cloud.stop();
    // Assess
    await expect(fetch(`${cloud.endpoint}/_local/health`)).rejects.toThrow();
    await new Promise((r) => setImmediate(r));
    const after = process.getActiveResourcesInfo().filter((r) => r === 'TCPServerWrap' || r === 'Timeout').length;
    expect(after).toBeLessThanOrEqual(before);
  });

  it('runs two clouds on different ports without interference', async () => {
    // Prepare
    const a = await startTestCloud();
    const b = await startTestCloud();
    try {
      a.setScenario({ api: [{ service: 'sts', operation: '*', error: 'AccessDenied', status: 403 }] });
      a.clock.advance(60_000);
      // Act
      const fromA = await new STSClient(a.config()).send(new GetCallerIdentityCommand({})).catch((e: Error) => e);
      const fromB = await new STSClient(b.config()).send(new GetCallerIdentityCommand({}));
      // Assess
      expect(a.port).not.toBe(b.port);
      expect((fromA as Error).name).toBe('AccessDenied');
      expect(fromB.Account).toBe('123456789012');
      expect(b.clock.now()).toBeLessThan(a.clock.now());
      expect(b.runtime.calls.every((c) => c.status === 200)).toBe(true);
    } finally {
      await Promise.all([a.stop(), b.stop()]);
    }
  });
});
