import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { APPROVAL_STATE, type FastForward, fastForward } from '../../cli/fast-forward.ts';
import { type LocalCloud, startLocalCloud } from '../../local-cloud/index.ts';

let cloud: LocalCloud | undefined;
let forward: FastForward | undefined;
afterEach(async () => {
  forward?.dispose();
  await cloud?.stop();
});

describe('CLI: fast-forward', () => {
  it('jumps an idle clock from timer to timer until the awaited work is done', async () => {
    // Prepare
    cloud = await startLocalCloud({ port: 0, dataDir: false, timeScale: 1 });
    forward = fastForward(cloud);
    const started = cloud.clock.now();
    const fired: number[] = [];
    const done = new Promise<string>((resolve) => {
      cloud?.clock.setTimeout(() => fired.push(1), 3_600_000);
      cloud?.clock.setTimeout(() => resolve('built'), 7_200_000);
    });
    const realStart = Date.now();
    // Act
    const result = await forward.until(done);
    // Assess
    expect(result).toBe('built');
    expect(fired).toEqual([1]);
    expect(cloud.clock.now() - started).toBeGreaterThanOrEqual(7_200_000);
    expect(Date.now() - realStart).toBeLessThan(2_000);
    expect(forward.skippedMs).toBeGreaterThan(7_000_000);
  });

  it('stops with a clear error when the real-time limit passes first', async () => {
    // Prepare
    cloud = await startLocalCloud({ port: 0, dataDir: false, timeScale: 0 });
    forward = fastForward(cloud);
    // Act
    const act = forward.until(new Promise(() => {}), { limitMs: 50 });
    // Assess
    await expect(act).rejects.toThrow('Still waiting after 50 ms of real time.');
  });

  it('never jumps past the moment a condition holds', async () => {
    // Prepare
    cloud = await startLocalCloud({ port: 0, dataDir: false, timeScale: 0 });
    forward = fastForward(cloud);
    let asked = false;
    cloud.clock.setTimeout(() => {
      asked = true;
    }, 60_000);
    const timedOut = new Promise<void>((resolve) => cloud?.clock.setTimeout(resolve, 300_000));
    const started = cloud.clock.now();
    // Act
    await forward.untilCondition(() => asked, timedOut);
    // Assess
    expect(asked).toBe(true);
    expect(cloud.clock.now() - started).toBe(60_000);
  });

  it('names the approval state of the release workflow, which it never skips over', () => {
    // Act
    const release = JSON.parse(readFileSync(new URL('../../statemachines/release.asl.json', import.meta.url), 'utf8')) as {
      States: Record<string, { Resource?: string }>;
    };
    // Assess
    expect(release.States[APPROVAL_STATE]?.Resource).toBe('arn:aws:states:::lambda:invoke.waitForTaskToken');
  });
});
