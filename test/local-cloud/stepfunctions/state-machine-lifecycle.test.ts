import {
  DeleteStateMachineCommand,
  DescribeStateMachineCommand,
  DescribeStateMachineForExecutionCommand,
  ListStateMachinesCommand,
  ListTagsForResourceCommand,
  SFNClient,
  TagResourceCommand,
  UntagResourceCommand,
  UpdateStateMachineCommand,
  ValidateStateMachineDefinitionCommand,
} from '@aws-sdk/client-sfn';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCloud, type TestCloud } from '../harness.ts';
import { createMachine, rejectionOf, startExecution, uniqueName } from './state-machine-fixtures.ts';

const PASS = { StartAt: 'A', States: { A: { Type: 'Pass', End: true } } };
const WAIT = { StartAt: 'W', States: { W: { Type: 'Wait', Seconds: 60, End: true } } };

describe('Step Functions: DescribeStateMachine', () => {
  let cloud: TestCloud;
  let sfn: SFNClient;
  beforeAll(async () => {
    cloud = await startTestCloud();
    sfn = new SFNClient(cloud.config());
  });
  afterAll(() => cloud.stop());

  it('describes a state machine', async () => {
    // Prepare
    const arn = await createMachine(sfn, PASS, 'described');
    // Act
    const described = await sfn.send(new DescribeStateMachineCommand({ stateMachineArn: arn }));
    // Assess
    expect(described).toMatchObject({ stateMachineArn: arn, name: 'described', status: 'ACTIVE', type: 'STANDARD', definition: JSON.stringify(PASS) });
  });

  it('answers StateMachineDoesNotExist for an unknown state machine', async () => {
    // Prepare
    const arn = 'arn:aws:states:us-east-1:123456789012:stateMachine:nowhere';
    // Act
    const error = await rejectionOf(sfn.send(new DescribeStateMachineCommand({ stateMachineArn: arn })));
    // Assess
    expect(error.name).toBe('StateMachineDoesNotExist');
    expect(error.message).toBe(`State Machine Does Not Exist: '${arn}'`);
    expect(error.$metadata?.httpStatusCode).toBe(400);
  });

  it('answers InvalidArn for something that is no ARN', async () => {
    // Act
    const error = await rejectionOf(sfn.send(new DescribeStateMachineCommand({ stateMachineArn: 'not_a_valid_arn' })));
    // Assess
    expect(error.name).toBe('InvalidArn');
    expect(error.message).toBe("Invalid Arn: 'Invalid ARN prefix: not_a_valid_arn'");
    expect(error.$metadata?.httpStatusCode).toBe(400);
  });

  it('answers InvalidArn for an execution ARN', async () => {
    // Act
    const error = await rejectionOf(sfn.send(new DescribeStateMachineCommand({ stateMachineArn: 'arn:aws:states:us-east-1:123456789012:execution:m:e' })));
    // Assess
    expect(error.name).toBe('InvalidArn');
    expect(error.message).toBe("Invalid Arn: 'Resource type not valid in this context: execution'");
  });
});

describe('Step Functions: ListStateMachines', () => {
  let cloud: TestCloud;
  let sfn: SFNClient;
  beforeAll(async () => {
    cloud = await startTestCloud();
    sfn = new SFNClient(cloud.config());
  });
  afterAll(() => cloud.stop());

  it('lists state machines by name, a page at a time', async () => {
    // Prepare
    for (const name of ['charlie', 'alpha', 'bravo']) await createMachine(sfn, PASS, name);
    // Act
    const first = await sfn.send(new ListStateMachinesCommand({ maxResults: 2 }));
    const second = await sfn.send(new ListStateMachinesCommand({ maxResults: 2, nextToken: first.nextToken }));
    // Assess
    expect(first.stateMachines?.map((m) => m.name)).toEqual(['alpha', 'bravo']);
    expect(second.stateMachines?.map((m) => m.name)).toEqual(['charlie']);
    expect(second.nextToken).toBeUndefined();
    expect(first.stateMachines?.[0]).toMatchObject({ type: 'STANDARD', stateMachineArn: expect.stringMatching(/:stateMachine:alpha$/) });
  });

  it('rejects maxResults above 1000 with ValidationException', async () => {
    // Act
    const error = await rejectionOf(sfn.send(new ListStateMachinesCommand({ maxResults: 1001 })));
    // Assess
    expect(error.name).toBe('ValidationException');
    expect(error.message).toBe(
      "1 validation error detected: Value '1001' at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to 1000",
    );
    expect(error.$metadata?.httpStatusCode).toBe(400);
  });

  it('rejects a nextToken it did not hand out with InvalidToken', async () => {
    // Act
    const error = await rejectionOf(sfn.send(new ListStateMachinesCommand({ nextToken: 'made-up' })));
    // Assess
    expect(error.name).toBe('InvalidToken');
    expect(error.message).toBe("Invalid Token: 'Invalid token'");
  });
});

describe('Step Functions: UpdateStateMachine', () => {
  let cloud: TestCloud;
  let sfn: SFNClient;
  beforeAll(async () => {
    cloud = await startTestCloud();
    sfn = new SFNClient(cloud.config());
  });
  afterAll(() => cloud.stop());

  it('updates the definition, while a running execution keeps the one it started with', async () => {
    // Prepare
    const arn = await createMachine(sfn, WAIT);
    const executionArn = await startExecution(sfn, arn);
    cloud.clock.advance(1000);
    const updated = { ...PASS, Comment: 'v2' };
    // Act
    const result = await sfn.send(new UpdateStateMachineCommand({ stateMachineArn: arn, definition: JSON.stringify(updated) }));
    // Assess
    expect(result.updateDate?.getTime()).toBe(cloud.clock.now());
    expect(result.revisionId).toMatch(/^[0-9a-f-]{36}$/);
    const described = await sfn.send(new DescribeStateMachineCommand({ stateMachineArn: arn }));
    expect(described.definition).toBe(JSON.stringify(updated));
    expect(described.revisionId).toBe(result.revisionId);
    const forExecution = await sfn.send(new DescribeStateMachineForExecutionCommand({ executionArn }));
    expect(forExecution.definition).toBe(JSON.stringify(WAIT));
  });

  it('requires something to change with MissingRequiredParameter', async () => {
    // Prepare
    const arn = await createMachine(sfn, PASS);
    // Act
    const error = await rejectionOf(sfn.send(new UpdateStateMachineCommand({ stateMachineArn: arn })));
    // Assess
    expect(error.name).toBe('MissingRequiredParameter');
    expect(error.message).toBe('Either the definition, the role ARN, the LoggingConfiguration, or the TracingConfiguration must be specified');
    expect(error.$metadata?.httpStatusCode).toBe(400);
  });

  it('rejects an invalid definition with InvalidDefinition and keeps the old one', async () => {
    // Prepare
    const arn = await createMachine(sfn, PASS);
    // Act
    const error = await rejectionOf(sfn.send(new UpdateStateMachineCommand({ stateMachineArn: arn, definition: '{"StartAt":"A"}' })));
    // Assess
    expect(error.name).toBe('InvalidDefinition');
    expect((await sfn.send(new DescribeStateMachineCommand({ stateMachineArn: arn }))).definition).toBe(JSON.stringify(PASS));
  });
});

describe('Step Functions: DeleteStateMachine', () => {
  let cloud: TestCloud;
  let sfn: SFNClient;
  beforeAll(async () => {
    cloud = await startTestCloud();
    sfn = new SFNClient(cloud.config());
  });
  afterAll(() => cloud.stop());

  it('deletes a state machine', async () => {
    // Prepare
    const arn = await createMachine(sfn, PASS);
    // Act
    await sfn.send(new DeleteStateMachineCommand({ stateMachineArn: arn }));
    // Assess
    const error = await rejectionOf(sfn.send(new DescribeStateMachineCommand({ stateMachineArn: arn })));
    expect(error.name).toBe('StateMachineDoesNotExist');
  });

  it('succeeds for a state machine that does not exist, as AWS does', async () => {
    // Act
    const result = await sfn.send(new DeleteStateMachineCommand({ stateMachineArn: 'arn:aws:states:us-east-1:123456789012:stateMachine:gone' }));
    // Assess
    expect(result.$metadata.httpStatusCode).toBe(200);
  });

  it('answers InvalidArn for something that is no ARN', async () => {
    // Act
    const error = await rejectionOf(sfn.send(new DeleteStateMachineCommand({ stateMachineArn: 'gone' })));
    // Assess
    expect(error.name).toBe('InvalidArn');
    expect(error.message).toBe("Invalid Arn: 'Invalid ARN prefix: gone'");
    expect(error.$metadata?.httpStatusCode).toBe(400);
  });
});

describe('Step Functions: ValidateStateMachineDefinition', () => {
  let cloud: TestCloud;
  let sfn: SFNClient;
  beforeAll(async () => {
    cloud = await startTestCloud();
    sfn = new SFNClient(cloud.config());
  });
  afterAll(() => cloud.stop());

  it('reports a definition without errors as OK', async () => {
    // Act
    const result = await sfn.send(new ValidateStateMachineDefinitionCommand({ definition: JSON.stringify(PASS) }));
    // Assess
    expect(result).toMatchObject({ result: 'OK', diagnostics: [], truncated: false });
  });

  it('reports a loop without a terminal state as MISSING_END_STATE', async () => {
    // Prepare
    const loop = { StartAt: 'A', States: { A: { Type: 'Pass', Next: 'B' }, B: { Type: 'Pass', Next: 'A' } } };
    // Act
    const result = await sfn.send(new ValidateStateMachineDefinitionCommand({ definition: JSON.stringify(loop) }));
    // Assess
    expect(result.result).toBe('FAIL');
    expect(result.diagnostics).toEqual([{ severity: 'ERROR', code: 'MISSING_END_STATE', message: 'Workflow has no terminal state' }]);
  });
});

describe('Step Functions: TagResource, UntagResource, ListTagsForResource', () => {
  let cloud: TestCloud;
  let sfn: SFNClient;
  beforeAll(async () => {
    cloud = await startTestCloud();
    sfn = new SFNClient(cloud.config());
  });
  afterAll(() => cloud.stop());

  it('adds, replaces and removes tags', async () => {
    // Prepare
    const arn = await createMachine(sfn, PASS);
    // Act
    await sfn.send(
      new TagResourceCommand({
        resourceArn: arn,
        tags: [
          { key: 'a', value: '1' },
          { key: 'b', value: '2' },
        ],
      }),
    );
    await sfn.send(new TagResourceCommand({ resourceArn: arn, tags: [{ key: 'a', value: '3' }] }));
    await sfn.send(new UntagResourceCommand({ resourceArn: arn, tagKeys: ['b'] }));
    // Assess
    const tags = await sfn.send(new ListTagsForResourceCommand({ resourceArn: arn }));
    expect(tags.tags).toEqual([{ key: 'a', value: '3' }]);
  });

  it('answers ResourceNotFound for an unknown resource', async () => {
    // Prepare
    const arn = `arn:aws:states:us-east-1:123456789012:stateMachine:${uniqueName('missing')}`;
    // Act
    const error = await rejectionOf(sfn.send(new ListTagsForResourceCommand({ resourceArn: arn })));
    // Assess
    expect(error.name).toBe('ResourceNotFound');
    expect(error.message).toBe(`Resource not found: '${arn}'`);
    expect(error.$metadata?.httpStatusCode).toBe(400);
  });
});
