import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReleaseView } from '../../adapters/aws/release-console.ts';
import { goldsmithAsync, tempProject } from '../cli/cli-fixture.ts';
import { type Fleet, startFleet } from './harness.ts';

const cliProject = tempProject();
let fleet: Fleet;
beforeAll(async () => {
  fleet = await startFleet();
});
afterAll(async () => {
  await fleet.close();
  cliProject.remove();
});

describe('CLI: goldsmith rollback', () => {
  it('exits 1 and starts nothing when stable was never published', async () => {
    // Act
    const cli = await goldsmithAsync(['rollback', 'web-server', '--config', cliProject.config, '--endpoint', fleet.session.cloud.endpoint]);
    // Assess
    expect(cli.status).toBe(1);
    expect(cli.stderr).toContain('Nothing to roll back to: /goldsmith/web-server/stable in eu-central-1 was never published. Nothing was changed.');
    expect(await fleet.executions()).toEqual([]);
  });

  it('releases the image stable held before, without building, and moves every channel and template back to it', async () => {
    // Prepare
    const first: ReleaseView = await fleet.release('web-server');
    const second: ReleaseView = await fleet.release('web-server', { force: true });
    // Act
    const cli = await goldsmithAsync(['rollback', 'web-server', '--config', cliProject.config, '--endpoint', fleet.session.cloud.endpoint]);
    const started = (await fleet.executions()).find((e) => e.name.startsWith('web-server-rollback-'));
    const rollback = await fleet.finish(started?.executionArn as string);
    // Assess
    expect(cli.stderr).toBe('');
    expect(cli.status).toBe(0);
    expect(cli.stdout).toContain(`Rolling web-server back to eu-central-1 ${first.output?.image?.amis?.[0].imageId}`);
    expect(second.status).toBe('SUCCEEDED');
    expect(rollback.status).toBe('SUCCEEDED');
    expect(rollback.input?.trigger.kind).toBe('rollback');
    for (const { region, imageId } of first.output?.image?.amis ?? []) {
      expect((await fleet.channel('/goldsmith/web-server/stable', region)).current).toMatchObject({ value: imageId, version: 3 });
    }
    const template = await fleet.launchTemplate('web-production');
    expect(template).toMatchObject({ defaultVersion: 4, defaultImageId: first.output?.image?.amis?.[0].imageId });
    expect(rollback.output?.plan?.action).toBe('rollback');
  }, 60_000);
});
