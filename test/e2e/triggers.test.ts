import { DescribeImagesCommand } from '@aws-sdk/client-ec2';
import { GetExecutionHistoryCommand } from '@aws-sdk/client-sfn';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exampleConfig, type Fleet, projectOf, startFleet } from './harness.ts';

let fleet: Fleet;
beforeAll(async () => {
  fleet = await startFleet();
});
afterAll(() => fleet.close());

/** Skips idle time until an execution whose name starts with `prefix` exists; returns it. */
async function executionNamed(f: Fleet, prefix: string): Promise<{ name: string; executionArn: string }> {
  const found = new Promise<{ name: string; executionArn: string }>((resolve) => {
    const check = async () => {
      const match = (await f.executions()).find((e) => e.name.startsWith(prefix));
      if (match) resolve(match);
      else setTimeout(check, 20);
    };
    void check();
  });
  return f.session.fastForward.until(found, { limitMs: 60_000 });
}

describe('Release: triggers', () => {
  it('runs one release per pipeline when two triggers overlap; the second exits as already running', async () => {
    // Act
    const [a, b] = await Promise.all([fleet.start('web-server'), fleet.start('web-server')]);
    const [first, second] = await Promise.all([fleet.finish(a.executionArn), fleet.finish(b.executionArn)]);
    // Assess
    expect([first.status, second.status]).toEqual(['SUCCEEDED', 'SUCCEEDED']);
    const entered = async (arn: string) =>
      ((await fleet.clients.sfn.send(new GetExecutionHistoryCommand({ executionArn: arn, maxResults: 1000 })))?.events ?? []).map(
        (e) => e.stateEnteredEventDetails?.name,
      );
    const joined = [(await entered(a.executionArn)).includes('Already Running'), (await entered(b.executionArn)).includes('Already Running')];
    expect(joined.sort()).toEqual([false, true]);
    const images = await fleet.clients.ec2.send(
      new DescribeImagesCommand({ Owners: ['self'], Filters: [{ Name: 'tag:goldsmith:pipeline', Values: ['web-server'] }] }),
    );
    expect(images.Images).toHaveLength(1);
    for (const group of ['web-staging', 'web-production-a', 'web-production-b']) expect(await fleet.refreshes(group), group).toHaveLength(1);
  });

  it('starts one release for a Release Requested event from CI, however often it is put', async () => {
    // Act
    await fleet.requestRelease('web-server', 'commit-4f2a9c1');
    await fleet.requestRelease('web-server', 'commit-4f2a9c1');
    const requested = await executionNamed(fleet, 'web-server-req-');
    const release = await fleet.finish(requested.executionArn);
    // Assess
    expect(release.status).toBe('SUCCEEDED');
    expect(release.input?.trigger.kind).toBe('requested');
    expect((await fleet.executions()).filter((e) => e.name.startsWith('web-server-req-'))).toHaveLength(1);
  });

  it('releases a chained pipeline on the stable image its parent published', async () => {
    // Prepare
    const { config } = await exampleConfig();
    const [web] = config.pipelines;
    const project = projectOf({
      ...config,
      pipelines: [
        { ...web, rollout: { waves: [] }, notifications: {} },
        {
          ...web,
          name: 'web-app',
          parentImage: 'pipeline:web-server',
          schedule: undefined,
          components: [web.components[2]],
          testComponents: [],
          channels: { candidate: '/goldsmith/web-app/candidate', stable: '/goldsmith/web-app/stable' },
          rollout: { waves: [] },
          notifications: {},
        },
      ],
    });
    const chain = await startFleet({ project });
    // Act
    const parent = await chain.release('web-server');
    const chained = await executionNamed(chain, 'web-app-after-');
    const child = await chain.finish(chained.executionArn);
    const trail = await chain.trail(chained.executionArn);
    const stable = await chain.channel('/goldsmith/web-app/stable');
    await chain.close();
    // Assess
    expect(parent.status).toBe('SUCCEEDED');
    expect(child.status, trail).toBe('SUCCEEDED');
    expect(child.input?.trigger.kind).toBe('chained');
    expect(stable.current?.value).toBe(child.output?.image?.amis?.[0].imageId);
    expect(child.output?.image?.amis?.[0].imageId).not.toBe(parent.output?.image?.amis?.[0].imageId);
  });
});
