import { describe, expect, it } from 'vitest';
import { SmokeTestFailedError, TestInstanceNotReadyError } from '../../../core/release/errors.ts';
import { rejectImage } from '../../../core/release/reject-image.ts';
import { checkSmokeTests, runSmokeTests } from '../../../core/release/smoke-tests.ts';
import { checkTestInstance, launchTestInstance, terminateTestInstances } from '../../../core/release/test-instance.ts';
import { FakeCommands, FakeImages, FakeInstances } from './fakes.ts';
import { ACCOUNT } from './release-fixture.ts';

const REGION = 'eu-central-1';
const smokeTest = {
  commands: ['curl -fsS localhost'],
  instanceType: 't3.small',
  instanceProfile: 'acme-build',
  timeoutSeconds: 300,
  documentName: 'AWS-RunShellScript' as const,
};
const ami = { region: REGION, imageId: 'ami-0aaaaaaaaaaaaaaaa' };

describe('Core: validation steps', () => {
  it('launches one tagged test instance per release and AMI, even when retried', async () => {
    // Prepare
    const instances = new FakeInstances();
    // Act
    const first = await launchTestInstance({ releaseId: 'r1', pipeline: 'web', ami, smokeTest }, { instances });
    const retried = await launchTestInstance({ releaseId: 'r1', pipeline: 'web', ami, smokeTest }, { instances });
    // Assess
    expect(retried).toEqual(first);
    expect(instances.instances.get(first.instanceId)?.tags).toMatchObject({
      'goldsmith:managed': 'true',
      'goldsmith:release': 'r1',
      'goldsmith:role': 'test-instance',
    });
  });

  it('waits for the agent, then reports ready; fails when the instance never comes online', async () => {
    // Prepare
    const instances = new FakeInstances();
    const commands = new FakeCommands();
    const { instanceId } = await launchTestInstance({ releaseId: 'r1', pipeline: 'web', ami, smokeTest }, { instances });
    // Act
    const early = await checkTestInstance({ instanceId, region: REGION }, 60_000, { instances, commands });
    const late = checkTestInstance({ instanceId, region: REGION }, 901_000, { instances, commands });
    (instances.instances.get(instanceId) as { state: string }).state = 'running';
    commands.online.add(instanceId);
    const ready = await checkTestInstance({ instanceId, region: REGION }, 120_000, { instances, commands });
    // Assess
    expect(early.ready).toBe(false);
    await expect(late).rejects.toThrow(TestInstanceNotReadyError);
    expect(ready.ready).toBe(true);
  });

  it('terminates every test instance of the release, and nothing else', async () => {
    // Prepare
    const instances = new FakeInstances();
    const mine = await launchTestInstance({ releaseId: 'r1', pipeline: 'web', ami, smokeTest }, { instances });
    const other = await launchTestInstance({ releaseId: 'r2', pipeline: 'web', ami, smokeTest }, { instances });
    // Act
    const result = await terminateTestInstances({ releaseId: 'r1', region: REGION }, { instances });
    const again = await terminateTestInstances({ releaseId: 'r1', region: REGION }, { instances });
    // Assess
    expect(result.terminated).toEqual([mine.instanceId]);
    expect(again.terminated).toEqual([]);
    expect(instances.instances.get(other.instanceId)?.state).toBe('pending');
  });

  it('runs the smoke tests and reports them done on Success', async () => {
    // Prepare
    const commands = new FakeCommands();
    // Act
    const sent = await runSmokeTests({ instanceId: 'i-0123456789abcdef0', region: REGION, commands: ['true'], timeoutSeconds: 300 }, { commands });
    const pending = await checkSmokeTests(sent, { commands });
    commands.invocations.set(sent.commandId, { status: 'Success', output: 'ok' });
    const done = await checkSmokeTests(sent, { commands });
    // Assess
    expect(commands.sentCommands[0]).toMatchObject({ documentName: 'AWS-RunShellScript', timeoutSeconds: 300 });
    expect(pending).toMatchObject({ done: false, status: 'Pending' });
    expect(done).toMatchObject({ done: true, status: 'Success' });
  });

  it('throws SmokeTestFailedError with the command output when a test fails', async () => {
    // Prepare
    const commands = new FakeCommands();
    const sent = await runSmokeTests(
      { instanceId: 'i-0123456789abcdef0', region: REGION, commands: ['curl -fsS localhost'], timeoutSeconds: 300 },
      { commands },
    );
    commands.invocations.set(sent.commandId, { status: 'Failed', error: 'curl: (7) Failed to connect to localhost port 80' });
    // Act
    const attempt = checkSmokeTests(sent, { commands });
    // Assess
    await expect(attempt).rejects.toThrow(SmokeTestFailedError);
    await expect(attempt).rejects.toThrow(/ended Failed: curl: \(7\)/);
  });

  it("tags and deprecates a rejected image in every region of this account's AMIs", async () => {
    // Prepare
    const images = new FakeImages();
    const amis = [
      ami,
      { region: 'eu-west-1', imageId: 'ami-0bbbbbbbbbbbbbbbb' },
      { region: 'eu-west-1', imageId: 'ami-0cccccccccccccccc', accountId: '210987654321' },
    ];
    // Act
    const result = await rejectImage({ releaseId: 'r1', amis, reason: 'ValidationGateError' }, 5_000, { images, accountId: ACCOUNT });
    // Assess
    expect(result.rejected).toEqual(amis.slice(0, 2));
    expect(images.tagged.map((t) => [t.region, t.imageIds, t.tags['goldsmith:status']])).toEqual([
      [REGION, ['ami-0aaaaaaaaaaaaaaaa'], 'rejected'],
      ['eu-west-1', ['ami-0bbbbbbbbbbbbbbbb'], 'rejected'],
    ]);
    expect(images.deprecations.map((d) => d.imageId)).toEqual(['ami-0aaaaaaaaaaaaaaaa', 'ami-0bbbbbbbbbbbbbbbb']);
  });
});
