import { CancelCommandCommand, GetCommandInvocationCommand, ListCommandInvocationsCommand, ListCommandsCommand, SendCommandCommand } from '@aws-sdk/client-ssm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CANCEL_MS, DELIVERY_MS, EXECUTION_MS } from '../../../local-cloud/services/ssm/command-lifecycle.ts';
import { expectAwsError, NO_MESSAGE, type SsmTestCloud, startSsmTestCloud } from './ssm-test-cloud.ts';

const UNKNOWN_COMMAND = '00000000-0000-4000-8000-000000000000';

describe('SSM: ListCommands, ListCommandInvocations, GetCommandInvocation and CancelCommand', () => {
  let t: SsmTestCloud;
  let instanceId: string;
  beforeAll(async () => {
    t = await startSsmTestCloud();
    instanceId = await t.managedInstance();
  });
  afterAll(() => t.cloud.stop());

  const send = async (commands: string[]) =>
    (await t.ssm.send(new SendCommandCommand({ DocumentName: 'AWS-RunShellScript', InstanceIds: [instanceId], Parameters: { commands } }))).Command
      ?.CommandId as string;

  it('lists commands newest first with their counts', async () => {
    // Prepare
    const first = await send(['echo one']);
    const second = await send(['echo two']);
    t.cloud.clock.advance(DELIVERY_MS + EXECUTION_MS);
    // Act
    const { Commands } = await t.ssm.send(new ListCommandsCommand({ InstanceId: instanceId }));
    const filtered = await t.ssm.send(new ListCommandsCommand({ CommandId: first, Filters: [{ key: 'Status', value: 'Success' }] }));
    // Assess
    expect(Commands?.slice(0, 2).map((c) => c.CommandId)).toEqual([second, first]);
    expect(Commands?.[0]).toMatchObject({ Status: 'Success', TargetCount: 1, CompletedCount: 1, ErrorCount: 0 });
    expect(filtered.Commands?.map((c) => c.CommandId)).toEqual([first]);
  });

  it('lists invocations with their plugin output when Details is set', async () => {
    // Prepare
    t.cloud.setScenario({ commands: [{ commandContains: 'exit 3', status: 'Failed', output: 'boom' }] });
    const commandId = await send(['exit 3']);
    t.cloud.clock.advance(DELIVERY_MS + EXECUTION_MS);
    // Act
    const plain = await t.ssm.send(new ListCommandInvocationsCommand({ CommandId: commandId }));
    const detailed = await t.ssm.send(new ListCommandInvocationsCommand({ CommandId: commandId, Details: true }));
    // Assess
    expect(plain.CommandInvocations?.[0]).toMatchObject({ CommandId: commandId, InstanceId: instanceId, Status: 'Failed', CommandPlugins: [] });
    expect(detailed.CommandInvocations?.[0]?.CommandPlugins?.[0]).toMatchObject({
      Name: 'aws:runShellScript',
      Status: 'Failed',
      ResponseCode: 1,
      Output: '\n----------ERROR-------\nboom\nfailed to run commands: exit status 1',
    });
    t.cloud.setScenario({});
  });

  it('cancels a command that is still running', async () => {
    // Prepare
    const commandId = await send(['sleep 30']);
    t.cloud.clock.advance(DELIVERY_MS);
    // Act
    await t.ssm.send(new CancelCommandCommand({ CommandId: commandId }));
    const cancelling = await t.ssm.send(new GetCommandInvocationCommand({ CommandId: commandId, InstanceId: instanceId }));
    t.cloud.clock.advance(CANCEL_MS + EXECUTION_MS);
    const cancelled = await t.ssm.send(new GetCommandInvocationCommand({ CommandId: commandId, InstanceId: instanceId }));
    const { Commands } = await t.ssm.send(new ListCommandsCommand({ CommandId: commandId }));
    // Assess
    expect(cancelling.Status).toBe('Cancelling');
    expect(cancelled).toMatchObject({ Status: 'Cancelled', StatusDetails: 'Cancelled', ResponseCode: -1 });
    expect(Commands?.[0]?.Status).toBe('Cancelled');
  });

  it('throws InvocationDoesNotExist for an instance the command did not target', async () => {
    // Prepare
    const commandId = await send(['true']);
    // Act
    const call = t.ssm.send(new GetCommandInvocationCommand({ CommandId: commandId, InstanceId: 'i-0000000000000000f' }));
    // Assess
    await expectAwsError(call, 'InvocationDoesNotExist', NO_MESSAGE);
  });

  it('throws InvalidCommandId for an unknown command', async () => {
    // Act
    const cancel = t.ssm.send(new CancelCommandCommand({ CommandId: UNKNOWN_COMMAND }));
    const list = t.ssm.send(new ListCommandsCommand({ CommandId: UNKNOWN_COMMAND }));
    list.catch(() => undefined);
    // Assess
    await expectAwsError(cancel, 'InvalidCommandId', NO_MESSAGE);
    await expectAwsError(list, 'InvalidCommandId', NO_MESSAGE);
  });

  it('throws ValidationException for an unknown filter key', async () => {
    // Act
    const call = t.ssm.send(new ListCommandsCommand({ Filters: [{ key: 'Owner' as 'Status', value: 'me' }] }));
    // Assess
    await expectAwsError(
      call,
      'ValidationException',
      "1 validation error detected: Value 'Owner' at 'filters.1.member.key' failed to satisfy constraint: Member must satisfy enum value set: [InvokedAfter, InvokedBefore, Status, ExecutionStage, DocumentName]",
    );
  });
});
