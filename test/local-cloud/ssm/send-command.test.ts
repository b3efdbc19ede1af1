import { GetCommandInvocationCommand, SendCommandCommand } from '@aws-sdk/client-ssm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DELIVERY_MS, EXECUTION_MS } from '../../../local-cloud/services/ssm/command-lifecycle.ts';
import { expectAwsError, type SsmTestCloud, startSsmTestCloud } from './ssm-test-cloud.ts';

describe('SSM: SendCommand', () => {
  let t: SsmTestCloud;
  beforeAll(async () => {
    t = await startSsmTestCloud();
  });
  beforeEach(() => {
    t.cloud.setScenario({});
  });
  afterAll(() => t.cloud.stop());

  const invocation = (CommandId: string, InstanceId: string) => t.ssm.send(new GetCommandInvocationCommand({ CommandId, InstanceId }));

  it('runs a shell script through Pending, InProgress and Success on the simulated clock', async () => {
    // Prepare
    const instanceId = await t.managedInstance();
    // Act
    const { Command } = await t.ssm.send(
      new SendCommandCommand({
        DocumentName: 'AWS-RunShellScript',
        InstanceIds: [instanceId],
        Parameters: { commands: ['echo "smoke ok"', 'systemctl is-active nginx'] },
        Comment: 'smoke test',
      }),
    );
    const commandId = Command?.CommandId as string;
    const pending = await invocation(commandId, instanceId);
    t.cloud.clock.advance(DELIVERY_MS);
    const running = await invocation(commandId, instanceId);
    t.cloud.clock.advance(EXECUTION_MS);
    const done = await invocation(commandId, instanceId);
    // Assess
    expect(Command).toMatchObject({
      DocumentName: 'AWS-RunShellScript',
      Status: 'Pending',
      InstanceIds: [instanceId],
      Comment: 'smoke test',
      TimeoutSeconds: 3600,
    });
    expect(commandId).toMatch(/^[0-9a-f-]{36}$/);
    expect(pending).toMatchObject({ Status: 'Pending', StatusDetails: 'Pending', ResponseCode: -1, ExecutionStartDateTime: '' });
    expect(running).toMatchObject({ Status: 'InProgress', StatusDetails: 'InProgress', ResponseCode: -1 });
    expect(done).toMatchObject({
      Status: 'Success',
      StatusDetails: 'Success',
      ResponseCode: 0,
      PluginName: 'aws:runShellScript',
      StandardOutputContent: 'smoke ok\n',
      StandardErrorContent: '',
      ExecutionElapsedTime: 'PT2.000S',
    });
    expect(Date.parse(done.ExecutionEndDateTime as string) - Date.parse(done.ExecutionStartDateTime as string)).toBe(EXECUTION_MS);
  });

  it('fails the command on an instance whose AMI the scenario names', async () => {
    // Prepare
    t.cloud.setScenario({ commands: [{ imageNamePrefix: 'broken-image', commandContains: 'curl', status: 'Failed', output: 'curl: (7) Failed to connect' }] });
    const broken = await t.managedInstance({ imageName: 'broken-image' });
    const healthy = await t.managedInstance({ imageName: 'healthy-image' });
    // Act
    const { Command } = await t.ssm.send(
      new SendCommandCommand({ DocumentName: 'AWS-RunShellScript', InstanceIds: [broken, healthy], Parameters: { commands: ['curl -fsS localhost'] } }),
    );
    t.cloud.clock.advance(DELIVERY_MS + EXECUTION_MS);
    // Assess
    expect(await invocation(Command?.CommandId as string, broken)).toMatchObject({
      Status: 'Failed',
      StatusDetails: 'Failed',
      ResponseCode: 1,
      StandardErrorContent: 'curl: (7) Failed to connect\nfailed to run commands: exit status 1',
    });
    expect(await invocation(Command?.CommandId as string, healthy)).toMatchObject({ Status: 'Success', ResponseCode: 0 });
  });

  it('fails only as many times as the scenario says', async () => {
    // Prepare
    t.cloud.setScenario({ commands: [{ commandContains: 'flaky', status: 'Failed', times: 1 }] });
    const instanceId = await t.managedInstance();
    const send = async () =>
      (await t.ssm.send(new SendCommandCommand({ DocumentName: 'AWS-RunShellScript', InstanceIds: [instanceId], Parameters: { commands: ['./flaky.sh'] } })))
        .Command?.CommandId as string;
    // Act
    const first = await send();
    const second = await send();
    t.cloud.clock.advance(DELIVERY_MS + EXECUTION_MS);
    // Assess
    expect((await invocation(first, instanceId)).Status).toBe('Failed');
    expect((await invocation(second, instanceId)).Status).toBe('Success');
  });

  it('times out after the execution timeout when the scenario says so', async () => {
    // Prepare
    t.cloud.setScenario({ commands: [{ commandContains: 'sleep', status: 'TimedOut' }] });
    const instanceId = await t.managedInstance();
    // Act
    const { Command } = await t.ssm.send(
      new SendCommandCommand({
        DocumentName: 'AWS-RunShellScript',
        InstanceIds: [instanceId],
        Parameters: { commands: ['sleep 999'], executionTimeout: ['60'] },
      }),
    );
    t.cloud.clock.advance(DELIVERY_MS + 59_000);
    const running = await invocation(Command?.CommandId as string, instanceId);
    t.cloud.clock.advance(1_000);
    const done = await invocation(Command?.CommandId as string, instanceId);
    // Assess
    expect(running.Status).toBe('InProgress');
    expect(done).toMatchObject({ Status: 'TimedOut', StatusDetails: 'ExecutionTimedOut', ResponseCode: 137 });
  });

  it('targets managed instances by tag', async () => {
    // Prepare
    const tagged = await t.managedInstance({ tags: { Role: 'smoke-target' } });
    await t.managedInstance({ tags: { Role: 'other' } });
    // Act
    const { Command } = await t.ssm.send(
      new SendCommandCommand({
        DocumentName: 'AWS-RunShellScript',
        Targets: [{ Key: 'tag:Role', Values: ['smoke-target'] }],
        Parameters: { commands: ['true'] },
      }),
    );
    t.cloud.clock.advance(DELIVERY_MS + EXECUTION_MS);
    // Assess
    expect(Command?.InstanceIds).toEqual([]);
    expect((await invocation(Command?.CommandId as string, tagged)).Status).toBe('Success');
  });

  it('emits command and invocation status-change events', async () => {
    // Prepare
    const instanceId = await t.managedInstance();
    const before = t.cloud.runtime.events.length;
    // Act
    const { Command } = await t.ssm.send(
      new SendCommandCommand({ DocumentName: 'AWS-RunShellScript', InstanceIds: [instanceId], Parameters: { commands: ['true'] } }),
    );
    t.cloud.clock.advance(DELIVERY_MS + EXECUTION_MS);
    // Assess
    const events = t.cloud.runtime.events.slice(before);
    const invocationStatuses = events.filter((e) => e['detail-type'] === 'EC2 Command Invocation Status-change Notification').map((e) => e.detail.status);
    const commandStatuses = events.filter((e) => e['detail-type'] === 'EC2 Command Status-change Notification').map((e) => e.detail.status);
    expect(invocationStatuses).toEqual(['Pending', 'InProgress', 'Success']);
    expect(commandStatuses).toEqual(['Pending', 'InProgress', 'Success']);
    expect(events[0]).toMatchObject({ source: 'aws.ssm', detail: { 'command-id': Command?.CommandId, 'document-name': 'AWS-RunShellScript' } });
  });

  it('throws InvalidInstanceId for an instance whose agent has not registered yet', async () => {
    // Prepare
    const instanceId = await t.launchInstance();
    t.cloud.clock.advance(45_000);
    // Act
    const call = t.ssm.send(new SendCommandCommand({ DocumentName: 'AWS-RunShellScript', InstanceIds: [instanceId], Parameters: { commands: ['true'] } }));
    // Assess
    await expectAwsError(call, 'InvalidInstanceId', 'Instances not in a valid state for account');
  });

  it('throws InvalidInstanceId for an unknown instance', async () => {
    // Act
    const call = t.ssm.send(
      new SendCommandCommand({ DocumentName: 'AWS-RunShellScript', InstanceIds: ['i-0123456789abcdef0'], Parameters: { commands: ['true'] } }),
    );
    // Assess
    await expectAwsError(call, 'InvalidInstanceId', 'Instances not in a valid state for account');
  });

  it('throws InvalidDocument for a document the local cloud does not run', async () => {
    // Prepare
    const instanceId = await t.managedInstance();
    // Act
    const call = t.ssm.send(new SendCommandCommand({ DocumentName: 'AWS-Nope', InstanceIds: [instanceId], Parameters: { commands: ['true'] } }));
    // Assess
    await expectAwsError(call, 'InvalidDocument', 'Document with name AWS-Nope does not exist.');
  });

  it('throws InvalidParameters without commands', async () => {
    // Prepare
    const instanceId = await t.managedInstance();
    // Act
    const call = t.ssm.send(new SendCommandCommand({ DocumentName: 'AWS-RunShellScript', InstanceIds: [instanceId], Parameters: {} }));
    // Assess
    await expectAwsError(call, 'InvalidParameters', 'Parameters provided are missing the required parameter "commands".');
  });
});
