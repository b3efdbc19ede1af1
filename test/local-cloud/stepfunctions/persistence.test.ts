import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DescribeStateMachineCommand, SFNClient } from '@aws-sdk/client-sfn';
import { afterEach, describe, expect, it } from 'vitest';
import { RESTART_CAUSE } from '../../../local-cloud/services/stepfunctions/index.ts';
import { startTestCloud, type TestCloud } from '../harness.ts';
import { closedExecution, createMachine, describeOf, historyOf, historyWith, startExecution, tokenTask, typesOf } from './state-machine-fixtures.ts';

describe('Step Functions: persistence across restarts', () => {
  const clouds: TestCloud[] = [];
  const dirs: string[] = [];
  const start = async (dataDir: string) => {
    const cloud = await startTestCloud({ dataDir });
    clouds.push(cloud);
    return cloud;
  };
  afterEach(async () => {
    for (const cloud of clouds.splice(0)) await cloud.stop();
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });
  const dataDir = () => {
    const dir = mkdtempSync(join(tmpdir(), 'sfn-persistence-'));
    dirs.push(dir);
    return dir;
  };

  it('keeps state machines and closed executions with their history', async () => {
    // Prepare
    const dir = dataDir();
    const first = await start(dir);
    const sfn = new SFNClient(first.config());
    const machine = await createMachine(sfn, { StartAt: 'A', States: { A: { Type: 'Pass', Result: 1, End: true } } });
    const executionArn = await startExecution(sfn, machine);
    await closedExecution(sfn, executionArn);
    const history = typesOf(await historyOf(sfn, executionArn));
    await first.stop();
    // Act
    const second = await start(dir);
    const again = new SFNClient(second.config());
    // Assess
    expect((await again.send(new DescribeStateMachineCommand({ stateMachineArn: machine }))).stateMachineArn).toBe(machine);
    expect(await describeOf(again, executionArn)).toMatchObject({ status: 'SUCCEEDED', output: '1' });
    expect(typesOf(await historyOf(again, executionArn))).toEqual(history);
  });

  it('fails an execution that was running when the cloud stopped, visibly, because it cannot be resumed', async () => {
    // Prepare
    const dir = dataDir();
    const first = await start(dir);
    const sfn = new SFNClient(first.config());
    const machine = await createMachine(sfn, { StartAt: 'Hold', States: { Hold: { Type: 'Wait', Seconds: 3600, End: true } } });
    const executionArn = await startExecution(sfn, machine);
    await historyWith(sfn, executionArn, 'WaitStateEntered');
    await first.stop();
    // Act
    const second = await start(dir);
    const again = new SFNClient(second.config());
    // Assess
    const described = await describeOf(again, executionArn);
    expect(described).toMatchObject({ status: 'FAILED', error: 'States.Runtime', cause: RESTART_CAUSE });
    const events = await historyOf(again, executionArn);
    expect(typesOf(events)).toEqual(['ExecutionStarted', 'WaitStateEntered', 'ExecutionFailed']);
    expect(events[2]).toMatchObject({ previousEventId: 2, executionFailedEventDetails: { error: 'States.Runtime', cause: RESTART_CAUSE } });
    const change = second.runtime.events.find((e) => e.detail.executionArn === executionArn);
    expect(change?.detail).toMatchObject({ status: 'FAILED', error: 'States.Runtime', cause: RESTART_CAUSE });
  });
});

describe('Step Functions: stopping the cloud', () => {
  it('leaves no timer behind when executions are still waiting', async () => {
    // Prepare
    const timers = () => process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;
    const cloud = await startTestCloud({ timeScale: 60 });
    const sfn = new SFNClient(cloud.config());
    const waiting = await startExecution(sfn, await createMachine(sfn, { StartAt: 'Hold', States: { Hold: { Type: 'Wait', Seconds: 86_400, End: true } } }));
    const awaiting = await startExecution(
      sfn,
      await createMachine(sfn, { StartAt: 'Await', States: { Await: { ...tokenTask({ TimeoutSeconds: 86_400 }), End: true } } }),
    );
    await historyWith(sfn, waiting, 'WaitStateEntered');
    await historyWith(sfn, awaiting, 'TaskSubmitted');
    // aws-local-stepfunctions holds a real timer for each Task it runs: here the Wait's and the Task's.
    const during = timers();
    // Act
    await cloud.stop();
    // Assess
    await new Promise((resolve) => setImmediate(resolve));
    expect(timers()).toBeLessThanOrEqual(during - 2);
  });
});
