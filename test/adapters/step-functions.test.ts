import { SendTaskSuccessCommand, SFNClient, StopExecutionCommand } from '@aws-sdk/client-sfn';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ReleaseStarter, StepFunctionsAdapter } from '../../adapters/aws/step-functions.ts';
import { createReleaseMachine, type FunctionCloud, REGION, RELEASE_MACHINE_ARN, startFunctionCloud, waitingTask } from '../functions/function-harness.ts';

const input = (releaseId: string, detail = 'a') => ({ pipeline: 'web', releaseId, trigger: { kind: 'manual' as const, detail } });

describe('Adapter: Step Functions', () => {
  let fc: FunctionCloud;
  let starter: ReleaseStarter;

  beforeAll(async () => {
    fc = await startFunctionCloud('{}');
    await createReleaseMachine(fc);
    starter = new ReleaseStarter(RELEASE_MACHINE_ARN, { region: REGION });
  });
  afterAll(() => fc.stop());

  it('starts a release under its name, and reports a taken name as already running or already done', async () => {
    // Act
    const started = await starter.start('web-run-1', input('web-run-1'));
    const running = await starter.start('web-run-1', input('web-run-1', 'another trigger'));
    await new SFNClient(fc.sdk).send(new StopExecutionCommand({ executionArn: started.executionArn }));
    const done = await starter.start('web-run-1', input('web-run-1'));
    // Assess
    expect(started).toEqual({ outcome: 'started', executionArn: `${RELEASE_MACHINE_ARN.replace(':stateMachine:', ':execution:')}:web-run-1` });
    expect(running).toEqual({ outcome: 'already-running', executionArn: started.executionArn, status: 'RUNNING' });
    expect(done).toEqual({ outcome: 'already-done', executionArn: started.executionArn, status: 'ABORTED' });
    expect(await starter.isRunning(started.executionArn)).toBe(false);
  });

  it('completes a waiting task once; a used or unknown token answers closed instead of failing', async () => {
    // Prepare
    const tasks = new StepFunctionsAdapter({ region: REGION });
    const task = await waitingTask(fc);
    // Act
    const first = await tasks.succeed(task.token, { ok: true });
    const second = await tasks.fail(task.token, 'BuildFailedError', 'late');
    const again = await tasks.succeed(task.token, { ok: false });
    const unknown = await tasks.succeed('not-a-token', {});
    // Assess
    expect([first, second, again, unknown]).toEqual(['sent', 'closed', 'closed', 'closed']);
    expect(await task.ended()).toMatchObject({ status: 'SUCCEEDED', output: '{"ok":true}' });
  });

  it('finds the completion a task ended with by its marker, in output or cause', async () => {
    // Prepare
    const tasks = new StepFunctionsAdapter({ region: REGION });
    const approved = await waitingTask(fc);
    const rejected = await waitingTask(fc);
    await tasks.succeed(approved.token, { approved: true, decision: 'd-approve-1' });
    await tasks.fail(rejected.token, 'ApprovalRejectedError', 'Rejected by bob (decision d-reject-1).');
    await approved.ended();
    await rejected.ended();
    // Act
    const found = await Promise.all([
      tasks.endingWith(approved.executionArn, 'd-approve-1'),
      tasks.endingWith(rejected.executionArn, 'd-reject-1'),
      tasks.endingWith(approved.executionArn, 'd-reject-1'),
      tasks.endingWith(`${approved.executionArn}-gone`, 'd-approve-1'),
    ]);
    // Assess
    expect(found).toEqual(['succeeded', 'failed', undefined, undefined]);
  });

  it('is not running for an execution that does not exist', async () => {
    // Act
    const running = await starter.isRunning(`${RELEASE_MACHINE_ARN.replace(':stateMachine:', ':execution:')}:nope`);
    // Assess
    expect(running).toBe(false);
    await expect(new SFNClient(fc.sdk).send(new SendTaskSuccessCommand({ taskToken: 'x', output: '{}' }))).rejects.toMatchObject({ name: 'InvalidToken' });
  });
});
