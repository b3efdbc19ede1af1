import { GetExecutionHistoryCommand } from '@aws-sdk/client-sfn';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nextWaitSeconds } from '../../core/release/reconcile-window.ts';
import { WAIT_SECONDS } from '../../core/release/release-settings.ts';
import { type Fleet, startFleet } from './harness.ts';

let fleet: Fleet;
beforeAll(async () => {
  fleet = await startFleet();
});
afterAll(() => fleet.close());

const GROUPS = ['web-staging', 'web-production-a', 'web-production-b'];
const TEMPLATES = ['web-staging', 'web-production'];

async function statesEntered(f: Fleet, executionArn: string): Promise<string[]> {
  const history = await f.clients.sfn.send(new GetExecutionHistoryCommand({ executionArn, maxResults: 1000 }));
  return (history.events ?? []).flatMap((e) => (e.stateEnteredEventDetails?.name ? [e.stateEnteredEventDetails.name] : []));
}

/** The waits each Reconcile Image of a release was entered with, in order. */
async function reconcileWaits(f: Fleet, executionArn: string): Promise<number[]> {
  const history = await f.clients.sfn.send(new GetExecutionHistoryCommand({ executionArn, maxResults: 1000 }));
  return (history.events ?? []).flatMap((e) =>
    e.stateEnteredEventDetails?.name === 'Reconcile Image' ? [JSON.parse(e.stateEnteredEventDetails.input ?? '{}').reconciled.waitSeconds as number] : [],
  );
}

/** How many reconciles a build of `seconds` goes through, by the backoff alone. */
function reconcilesFor(seconds: number, boundSeconds: number): number {
  let [count, at, wait] = [0, WAIT_SECONDS, WAIT_SECONDS];
  for (; at < seconds; count++) {
    wait = nextWaitSeconds(wait, at * 1000, boundSeconds);
    at += wait;
  }
  return count + 1;
}

describe('Release: lost and duplicated events', () => {
  it('finds the image by reconciliation when its AVAILABLE event is lost', async () => {
    // Prepare
    fleet.setScenario({ events: [{ source: 'aws.imagebuilder', contains: '"AVAILABLE"', action: 'drop' }] });
    // Act
    const release = await fleet.release('web-server');
    // Assess
    expect(release.status).toBe('SUCCEEDED');
    expect(fleet.session.cloud.runtime.faults.injected.some((f) => JSON.stringify(f).includes('drop'))).toBe(true);
    expect(await statesEntered(fleet, release.executionArn)).toContain('Keep Reconciled Image');
    expect((await fleet.channel('/goldsmith/web-server/stable')).current?.value).toBe(release.output?.image?.amis?.[0].imageId);
  });

  it('notices the lost AVAILABLE event of a 3-hour build with a few reconciles, each waiting longer than the last', async () => {
    // Prepare
    const buildSeconds = 3 * 3600;
    fleet.setScenario({
      builds: { '*': { durationSeconds: buildSeconds } },
      events: [{ source: 'aws.imagebuilder', contains: '"AVAILABLE"', action: 'drop' }],
    });
    const boundSeconds = fleet.project.resolved.pipelines[0].config.timeouts.buildMinutes * 60;
    // Act
    const release = await fleet.release('web-server', { force: true });
    // Assess
    expect(release.status).toBe('SUCCEEDED');
    const waits = await reconcileWaits(fleet, release.executionArn);
    expect(waits.length).toBeGreaterThan(1);
    expect(waits.length).toBeLessThanOrEqual(reconcilesFor(buildSeconds, boundSeconds));
    expect(waits.length).toBeLessThan(buildSeconds / WAIT_SECONDS / 2);
    for (let i = 1; i < waits.length; i++) expect(waits[i], `reconcile ${i + 1}`).toBeGreaterThan(waits[i - 1]);
  });

  it('rolls out once and notifies once per outcome when every event arrives twice', async () => {
    // Prepare
    fleet.setScenario({ events: [{ action: 'duplicate' }] });
    const refreshesBefore = await Promise.all(GROUPS.map((group) => fleet.refreshes(group)));
    const templatesBefore = await Promise.all(TEMPLATES.map((name) => fleet.launchTemplate(name)));
    const stableBefore = (await fleet.channel('/goldsmith/web-server/stable')).current?.version ?? 0;
    // Act
    const release = await fleet.release('web-server', { force: true });
    // Assess
    expect(release.status).toBe('SUCCEEDED');
    for (const [index, group] of GROUPS.entries()) expect(await fleet.refreshes(group), group).toHaveLength(refreshesBefore[index].length + 1);
    for (const [index, name] of TEMPLATES.entries())
      expect((await fleet.launchTemplate(name)).latestVersion, name).toBe(templatesBefore[index].latestVersion + 1);
    expect((await fleet.channel('/goldsmith/web-server/stable')).current?.version).toBe(stableBefore + 1);
    const subjects = fleet.messages.filter((m) => m.channel === 'sns' && m.text.includes(release.name)).map((m) => m.subject);
    expect(subjects).toEqual([expect.stringMatching(/started/), expect.stringMatching(/released/)]);
  });
});
