import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DescribeInstancesCommand, EC2Client, RunInstancesCommand, TerminateInstancesCommand } from '@aws-sdk/client-ec2';
import { afterAll, describe, expect, it } from 'vitest';
import { ACCOUNT, REGION, startEc2TestCloud } from './ec2-test-cloud.ts';

describe('EC2: instance lifecycle across a restart', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'ec2-lifecycle-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('finishes the transitions of instances that were pending or shutting down when the state was saved', async () => {
    // Prepare
    const first = await startEc2TestCloud({ dataDir });
    const { imageId } = first.registerImage();
    const launched = await first.ec2.send(new RunInstancesCommand({ ImageId: imageId, MinCount: 2, MaxCount: 2 }));
    const [booting, stopping] = launched.Instances?.map((i) => i.InstanceId as string) ?? [];
    await first.ec2.send(new TerminateInstancesCommand({ InstanceIds: [stopping] }));
    first.cloud.clock.advance(10_000);
    await first.cloud.stop();
    // Act
    const second = await startEc2TestCloud({ dataDir, startTime: first.cloud.clock.now() });
    second.cloud.clock.advance(20_000);
    // Assess
    const ec2 = new EC2Client(second.cloud.config());
    const described = await ec2.send(new DescribeInstancesCommand({ InstanceIds: [booting, stopping] }));
    const states = Object.fromEntries(described.Reservations?.flatMap((r) => r.Instances ?? []).map((i) => [i.InstanceId, i.State?.Name]) ?? []);
    expect(states).toEqual({ [booting]: 'running', [stopping]: 'terminated' });
    expect(second.cloud.runtime.events.map((e) => [e.detail['instance-id'], e.detail.state])).toEqual(
      expect.arrayContaining([
        [booting, 'running'],
        [stopping, 'terminated'],
      ]),
    );
    expect(second.cloud.runtime.services.ec2.store.get(ACCOUNT, REGION).images[imageId]).toBeDefined();
    await second.cloud.stop();
  });
});
