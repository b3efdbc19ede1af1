import { DescribeImagesCommand } from '@aws-sdk/client-ec2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { goldsmithAsync, tempProject } from '../cli/cli-fixture.ts';
import { exampleConfig, type Fleet, projectOf, startFleet } from './harness.ts';

/** The example fleet with an approval gate. */
async function approvalProject(timeoutMinutes: number) {
  const { config } = await exampleConfig();
  return projectOf({ ...config, pipelines: config.pipelines.map((p) => ({ ...p, approval: { timeoutMinutes } })) });
}

/** Runs a release until it waits for a decision (request-approval stored its token), or ends without asking. */
async function untilApprovalRequested(fleet: Fleet): Promise<{ executionArn: string; releaseId: string }> {
  const asked = () =>
    fleet.session.cloud.runtime.services.lambda.invocations().filter((i) => i.functionName.endsWith('-request-approval') && i.outcome === 'success').length;
  const before = asked();
  const started = await fleet.start('web-server', { force: true });
  // The clock must not jump on to the approval's timeout once the release waits.
  const ended = fleet.session.cloud.runtime.services.stepfunctions.whenExecutionClosed(started.executionArn);
  await fleet.session.fastForward.untilCondition(() => asked() > before, ended, { limitMs: 60_000 });
  expect(asked() > before, `no approval was requested: ${await fleet.trail(started.executionArn)}`).toBe(true);
  return started;
}

// The CLI reads only the project and stage from its config: the example's gives the same names.
const cliProject = tempProject();
// One fleet, whose approvals time out after 5 simulated minutes: far longer than a decision takes here.
let fleet: Fleet;
beforeAll(async () => {
  fleet = await startFleet({ project: await approvalProject(5) });
});
afterAll(async () => {
  await fleet.close();
  cliProject.remove();
});

describe('Release: approval', () => {
  it('publishes and rolls out once `goldsmith approve` approves', async () => {
    // Prepare
    const { executionArn, releaseId } = await untilApprovalRequested(fleet);
    // Act
    const approve = await goldsmithAsync(['approve', releaseId, '--config', cliProject.config, '--endpoint', fleet.session.cloud.endpoint]);
    const release = await fleet.finish(executionArn);
    // Assess
    expect(approve.stderr).toBe('');
    expect(approve.stdout).toContain(`Approved release ${releaseId} of web-server: it publishes and rolls out now.`);
    expect(approve.status).toBe(0);
    expect(release.status).toBe('SUCCEEDED');
    expect((await fleet.channel('/goldsmith/web-server/stable')).current?.value).toBe(release.output?.image?.amis?.[0].imageId);
  });

  it('rejects the image and publishes nothing once `goldsmith reject` rejects, and refuses a second decision', async () => {
    // Prepare
    const candidate = (await fleet.channel('/goldsmith/web-server/candidate')).current;
    const templateVersion = (await fleet.launchTemplate('web-production')).latestVersion;
    const { executionArn, releaseId } = await untilApprovalRequested(fleet);
    // Act
    const reject = await goldsmithAsync([
      'reject',
      releaseId,
      '--reason',
      'CVE-2026-1234 is not fixed',
      '--config',
      cliProject.config,
      '--endpoint',
      fleet.session.cloud.endpoint,
    ]);
    const release = await fleet.finish(executionArn);
    const again = await goldsmithAsync(['approve', releaseId, '--config', cliProject.config, '--endpoint', fleet.session.cloud.endpoint]);
    // Assess
    expect(reject.stdout).toContain(`Rejected release ${releaseId} of web-server`);
    expect(reject.status, reject.stdout + reject.stderr).toBe(0);
    expect(release.status).toBe('FAILED');
    expect(release.error).toBe('ApprovalRejectedError');
    expect((await fleet.channel('/goldsmith/web-server/candidate')).current).toEqual(candidate);
    expect((await fleet.launchTemplate('web-production')).latestVersion).toBe(templateVersion);
    const image = await fleet.clients.ec2.send(
      new DescribeImagesCommand({ Owners: ['self'], Filters: [{ Name: 'tag:goldsmith:status', Values: ['rejected'] }] }),
    );
    const [ami] = await fleet.amisOf(executionArn);
    expect(image.Images?.map((i) => i.ImageId)).toContain(ami?.imageId);
    expect(again.status).toBe(1);
    expect(again.stderr).toContain(`Release ${releaseId} was already rejected; nothing changed.`);
  });

  it('exits 2 when the release is not waiting for approval', async () => {
    // Act
    const result = await goldsmithAsync(['approve', 'web-server-run-0000000000', '--config', cliProject.config, '--endpoint', fleet.session.cloud.endpoint]);
    // Assess
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('Release web-server-run-0000000000 is not waiting for approval.');
  });

  it('counts an approval timeout as a reject', async () => {
    // Prepare
    const candidate = (await fleet.channel('/goldsmith/web-server/candidate')).current;
    const { executionArn } = await untilApprovalRequested(fleet);
    // Act: nobody decides. Fast-forward never skips a wait for a person, so the clock is moved past the timeout here.
    fleet.session.cloud.clock.advance(5 * 60_000);
    const release = await fleet.finish(executionArn);
    // Assess
    expect(release.status).toBe('FAILED');
    expect(release.error).toBe('ApprovalTimedOutError');
    expect((await fleet.channel('/goldsmith/web-server/candidate')).current).toEqual(candidate);
    const [ami] = await fleet.amisOf(executionArn);
    const image = await fleet.clients.ec2.send(
      new DescribeImagesCommand({ Owners: ['self'], Filters: [{ Name: 'tag:goldsmith:status', Values: ['rejected'] }] }),
    );
    expect(image.Images?.map((i) => i.ImageId)).toContain(ami?.imageId);
  });
});
