import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { StartInstanceRefreshCommand } from '@aws-sdk/client-auto-scaling';
import { afterAll, describe, expect, it } from 'vitest';
import { startAsgTestCloud, versionsOf } from './asg-test-cloud.ts';

describe('Auto Scaling: resume after restore', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'goldsmith-asg-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('carries on with a refresh that was in flight when the local cloud stopped', async () => {
    // Prepare
    const first = await startAsgTestCloud({ dataDir });
    const lt = await first.createTemplate();
    await first.createGroup({ AutoScalingGroupName: 'resumed', DesiredCapacity: 2, LaunchTemplate: { LaunchTemplateId: lt.id, Version: '1' } });
    await first.advance(120);
    const { InstanceRefreshId } = await first.asg.send(
      new StartInstanceRefreshCommand({
        AutoScalingGroupName: 'resumed',
        DesiredConfiguration: { LaunchTemplate: { LaunchTemplateId: lt.id, Version: '2' } },
        Preferences: { MinHealthyPercentage: 50 },
      }),
    );
    await first.advance(60);
    await first.cloud.stop();
    // Act
    const second = await startAsgTestCloud({ dataDir });
    const restored = await second.refresh('resumed', InstanceRefreshId as string);
    await second.advance(300, 60);
    // Assess
    expect(restored).toMatchObject({ Status: 'InProgress', PercentageComplete: 0 });
    expect(await second.refresh('resumed', InstanceRefreshId as string)).toMatchObject({ Status: 'Successful', PercentageComplete: 100 });
    const group = await second.group('resumed');
    expect(versionsOf(group)).toEqual(['2', '2']);
    expect(group.LaunchTemplate?.Version).toBe('2');
    expect(second.refreshEvents('resumed').map(([type]) => type)).toEqual(['Succeeded']);
    await second.cloud.stop();
  });
});
