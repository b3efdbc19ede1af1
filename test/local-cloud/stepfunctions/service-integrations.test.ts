import { CreateTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { EventBridgeClient, PutRuleCommand, PutTargetsCommand } from '@aws-sdk/client-eventbridge';
import { ListExecutionsCommand, SFNClient } from '@aws-sdk/client-sfn';
import { CreateTopicCommand, SNSClient } from '@aws-sdk/client-sns';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCloud, type TestCloud } from '../harness.ts';
import { closedExecution, createMachine, eventually, historyOf, ROLE, startExecution } from './state-machine-fixtures.ts';

/** A one-Task machine: the task's output is the execution's output. */
const oneTask = (task: Record<string, unknown>) => ({ StartAt: 'Call', States: { Call: { Type: 'Task', ...task, End: true } } });

describe('Step Functions: AWS SDK integrations', () => {
  let cloud: TestCloud;
  let sfn: SFNClient;
  beforeAll(async () => {
    cloud = await startTestCloud();
    sfn = new SFNClient(cloud.config());
  });
  afterAll(() => cloud.stop());

  const run = async (task: Record<string, unknown>, input: unknown = {}) => {
    const executionArn = await startExecution(sfn, await createMachine(sfn, oneTask(task)), input);
    return closedExecution(sfn, executionArn);
  };

  it('writes and reads an SSM parameter with PascalCase parameters and output', async () => {
    // Prepare
    await run({ Resource: 'arn:aws:states:::aws-sdk:ssm:putParameter', Parameters: { Name: '/goldsmith/candidate', Value: 'ami-123', Type: 'String' } });
    // Act
    const closed = await run({ Resource: 'arn:aws:states:::aws-sdk:ssm:getParameter', Parameters: { 'Name.$': '$.name' } }, { name: '/goldsmith/candidate' });
    // Assess
    const output = JSON.parse(closed.output ?? '');
    expect(output.Parameter).toMatchObject({ Name: '/goldsmith/candidate', Value: 'ami-123', Type: 'String', Version: 1 });
    expect(output.Parameter.LastModifiedDate).toBe(new Date(cloud.clock.now()).toISOString());
  });

  it('names a missing SSM parameter Ssm.ParameterNotFoundException, as AWS does', async () => {
    // Act
    const closed = await run({ Resource: 'arn:aws:states:::aws-sdk:ssm:getParameter', Parameters: { Name: '/does/not/exist' } });
    // Assess
    expect(closed.status).toBe('FAILED');
    expect(closed.error).toBe('Ssm.ParameterNotFoundException');
    expect(closed.cause).toMatch(/ \(Service: Ssm, Status Code: 400, Request ID: [0-9a-f-]{36}\)$/);
  });

  it('maps PascalCase parameters onto a camelCase API (Image Builder) and names its errors', async () => {
    // Prepare
    const arn = 'arn:aws:imagebuilder:us-east-1:123456789012:image-pipeline/missing';
    // Act
    const closed = await run({ Resource: 'arn:aws:states:::aws-sdk:imagebuilder:getImagePipeline', Parameters: { ImagePipelineArn: arn } });
    // Assess
    expect(closed.status).toBe('FAILED');
    expect(closed.error).toBe('Imagebuilder.ResourceNotFoundException');
    expect(closed.cause).toMatch(/\(Service: Imagebuilder, Status Code: 404, Request ID: /);
  });

  it('answers a camelCase API in PascalCase (Step Functions itself)', async () => {
    // Prepare
    const target = await createMachine(sfn, { StartAt: 'A', States: { A: { Type: 'Pass', End: true } } }, 'described-by-sdk');
    // Act
    const closed = await run({ Resource: 'arn:aws:states:::aws-sdk:sfn:describeStateMachine', Parameters: { StateMachineArn: target } });
    // Assess
    const output = JSON.parse(closed.output ?? '');
    expect(output).toMatchObject({ StateMachineArn: target, Name: 'described-by-sdk', Status: 'ACTIVE', Type: 'STANDARD' });
    expect(output.CreationDate).toBe(new Date(cloud.clock.now()).toISOString());
    expect(output.LoggingConfiguration).toEqual({ Level: 'OFF', IncludeExecutionData: false });
  });

  it('names a modeled Step Functions error Sfn.<Code>Exception', async () => {
    // Act
    const closed = await run({
      Resource: 'arn:aws:states:::aws-sdk:sfn:describeStateMachine',
      Parameters: { StateMachineArn: 'arn:aws:states:us-east-1:123456789012:stateMachine:absent' },
    });
    // Assess
    expect(closed.error).toBe('Sfn.StateMachineDoesNotExistException');
    expect(closed.cause).toMatch(/^State Machine Does Not Exist: 'arn:aws:states:us-east-1:123456789012:stateMachine:absent' \(Service: Sfn, Status Code: 400/);
  });
});

describe('Step Functions: optimized integrations', () => {
  let cloud: TestCloud;
  let sfn: SFNClient;
  beforeAll(async () => {
    cloud = await startTestCloud();
    sfn = new SFNClient(cloud.config());
  });
  afterAll(() => cloud.stop());

  const run = async (task: Record<string, unknown>, input: unknown = {}) => {
    const executionArn = await startExecution(sfn, await createMachine(sfn, oneTask(task)), input);
    return { executionArn, closed: await closedExecution(sfn, executionArn) };
  };

  it('publishes to SNS, sending a JSON Message as text, and answers MessageId with the SDK metadata', async () => {
    // Prepare
    const topic = await new SNSClient(cloud.config()).send(new CreateTopicCommand({ Name: 'releases' }));
    // Act
    const { executionArn, closed } = await run({
      Resource: 'arn:aws:states:::sns:publish',
      Parameters: { TopicArn: topic.TopicArn, Message: { release: 'r-1', status: 'started' }, Subject: 'Release started' },
    });
    // Assess
    const output = JSON.parse(closed.output ?? '');
    expect(output.MessageId).toMatch(/^[0-9a-f-]{36}$/);
    expect(output.SdkHttpMetadata.HttpStatusCode).toBe(200);
    expect(output.SdkResponseMetadata.RequestId).toBe(output.SdkHttpMetadata.HttpHeaders['x-amzn-RequestId']);
    expect(Object.keys(output)).toEqual(['MessageId', 'SdkHttpMetadata', 'SdkResponseMetadata']);
    const scheduled = (await historyOf(sfn, executionArn)).find((e) => e.type === 'TaskScheduled');
    expect(scheduled?.taskScheduledEventDetails).toMatchObject({ resourceType: 'sns', resource: 'publish', region: 'us-east-1' });
  });

  it('names an SNS error SNS.<Code>Exception with the Java SDK cause', async () => {
    // Act
    const { closed } = await run({
      Resource: 'arn:aws:states:::sns:publish',
      Parameters: { TopicArn: 'arn:aws:sns:us-east-1:123456789012:nowhere', Message: 'x' },
    });
    // Assess
    expect(closed.error).toBe('SNS.NotFoundException');
    expect(closed.cause).toMatch(/\(Service: AmazonSNS; Status Code: 404; Error Code: NotFound; Request ID: [0-9a-f-]{36}; Proxy: null\)$/);
  });

  it('puts events with the state machine and execution in Resources, and a rule starts a state machine on them', async () => {
    // Prepare
    const sink = await createMachine(sfn, { StartAt: 'Keep', States: { Keep: { Type: 'Pass', End: true } } });
    const events = new EventBridgeClient(cloud.config());
    await events.send(new PutRuleCommand({ Name: 'published', EventPattern: JSON.stringify({ source: ['goldsmith'] }) }));
    await events.send(new PutTargetsCommand({ Rule: 'published', Targets: [{ Id: 'sink', Arn: sink, RoleArn: ROLE }] }));
    // Act
    const { executionArn, closed } = await run({
      Resource: 'arn:aws:states:::events:putEvents',
      Parameters: { Entries: [{ Source: 'goldsmith', DetailType: 'Goldsmith Image Published', Detail: { ami: 'ami-7' } }] },
    });
    // Assess
    const output = JSON.parse(closed.output ?? '');
    expect(output.FailedEntryCount).toBe(0);
    expect(output.Entries).toHaveLength(1);
    const received = await eventually(
      () => sfn.send(new ListExecutionsCommand({ stateMachineArn: sink })),
      (list) => (list.executions ?? []).length === 1,
      'the rule to start the sink',
    );
    const event = JSON.parse((await closedExecution(sfn, received.executions?.[0].executionArn as string)).output ?? '');
    expect(event).toMatchObject({ source: 'goldsmith', 'detail-type': 'Goldsmith Image Published', detail: { ami: 'ami-7' } });
    expect(event.resources).toEqual([closed.stateMachineArn, executionArn]);
  });

  it('puts and gets a DynamoDB item', async () => {
    // Prepare
    await new DynamoDBClient(cloud.config()).send(
      new CreateTableCommand({
        TableName: 'releases',
        AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
        KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
        BillingMode: 'PAY_PER_REQUEST',
      }),
    );
    await run({ Resource: 'arn:aws:states:::dynamodb:putItem', Parameters: { TableName: 'releases', Item: { id: { S: 'r-1' }, state: { S: 'BUILDING' } } } });
    // Act
    const { closed } = await run({ Resource: 'arn:aws:states:::dynamodb:getItem', Parameters: { TableName: 'releases', Key: { id: { S: 'r-1' } } } });
    // Assess
    const output = JSON.parse(closed.output ?? '');
    expect(output.Item).toEqual({ id: { S: 'r-1' }, state: { S: 'BUILDING' } });
    expect(output.SdkHttpMetadata.HttpStatusCode).toBe(200);
  });

  it('names a failed conditional write DynamoDB.ConditionalCheckFailedException', async () => {
    // Act
    const { closed } = await run({
      Resource: 'arn:aws:states:::dynamodb:putItem',
      Parameters: { TableName: 'releases', Item: { id: { S: 'r-1' } }, ConditionExpression: 'attribute_not_exists(id)' },
    });
    // Assess
    expect(closed.error).toBe('DynamoDB.ConditionalCheckFailedException');
    expect(closed.cause).toMatch(/\(Service: AmazonDynamoDBv2; Status Code: 400; Error Code: ConditionalCheckFailedException; /);
  });
});
