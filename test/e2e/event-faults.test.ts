import { GetExecutionHistoryCommand } from '@aws-sdk/client-sfn';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
