/**
 * Runs Goldsmith's handlers as Lambda would, against a local cloud: the environment a deployer sets (table
 * names, the config file in the task root, AWS_ENDPOINT_URL), the tables created with the SDK, and a fake
 * Lambda context. Handlers read their environment once, so each test file imports them after `startFunctionCloud`.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateTableCommand, DynamoDBClient, UpdateTimeToLiveCommand } from '@aws-sdk/client-dynamodb';
import {
  CreateStateMachineCommand,
  DescribeExecutionCommand,
  type DescribeExecutionCommandOutput,
  GetExecutionHistoryCommand,
  SFNClient,
  StartExecutionCommand,
} from '@aws-sdk/client-sfn';
import type { Context } from 'aws-lambda';
import type { LocalCloudOptions } from '../../local-cloud/index.ts';
import { startTestCloud, type TestCloud } from '../local-cloud/harness.ts';

export const ACCOUNT = '123456789012';
export const REGION = 'eu-central-1';
export const TABLE = 'goldsmith-releases';
export const IDEMPOTENCY_TABLE = 'goldsmith-idempotency';
export const RELEASE_MACHINE = 'goldsmith-release';
export const RELEASE_MACHINE_ARN = `arn:aws:states:${REGION}:${ACCOUNT}:stateMachine:${RELEASE_MACHINE}`;

export interface FunctionCloud {
  cloud: TestCloud;
  sdk: { region: string; endpoint: string; credentials: { accessKeyId: string; secretAccessKey: string }; maxAttempts: number };
  context(functionName: string): Context;
  stop(): Promise<void>;
}

/** Starts a local cloud, points the process's AWS SDK at it, writes the config into a task root and creates the tables. */
export async function startFunctionCloud(configJson: string, options: LocalCloudOptions = {}): Promise<FunctionCloud> {
  const cloud = await startTestCloud(options);
  const taskRoot = mkdtempSync(join(tmpdir(), 'goldsmith-task-'));
  writeFileSync(join(taskRoot, 'goldsmith.config.json'), configJson);
  Object.assign(process.env, {
    AWS_ENDPOINT_URL: cloud.endpoint,
    AWS_ACCESS_KEY_ID: 'test',
    AWS_SECRET_ACCESS_KEY: 'test',
    AWS_REGION: REGION,
    AWS_MAX_ATTEMPTS: '1',
    LAMBDA_TASK_ROOT: taskRoot,
    GOLDSMITH_CONFIG_FILE: 'goldsmith.config.json',
    GOLDSMITH_TABLE: TABLE,
    GOLDSMITH_IDEMPOTENCY_TABLE: IDEMPOTENCY_TABLE,
    GOLDSMITH_RELEASE_STATE_MACHINE_ARN: RELEASE_MACHINE_ARN,
    GOLDSMITH_TOPIC_ARN: `arn:aws:sns:${REGION}:${ACCOUNT}:goldsmith`,
    POWERTOOLS_LOG_LEVEL: 'SILENT',
    POWERTOOLS_METRICS_DISABLED: 'true',
  });
  const sdk = cloud.config(REGION);
  const dynamo = new DynamoDBClient(sdk);
  await dynamo.send(
    new CreateTableCommand({
      TableName: TABLE,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [
        { AttributeName: 'pk', AttributeType: 'S' },
        { AttributeName: 'sk', AttributeType: 'S' },
      ],
      KeySchema: [
        { AttributeName: 'pk', KeyType: 'HASH' },
        { AttributeName: 'sk', KeyType: 'RANGE' },
      ],
    }),
  );
  await dynamo.send(new UpdateTimeToLiveCommand({ TableName: TABLE, TimeToLiveSpecification: { Enabled: true, AttributeName: 'expiresAt' } }));
  await dynamo.send(
    new CreateTableCommand({
      TableName: IDEMPOTENCY_TABLE,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
      KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
    }),
  );
  return {
    cloud,
    sdk,
    context: (functionName) => lambdaContext(functionName),
    stop: () => cloud.stop(),
  };
}

export function lambdaContext(functionName: string): Context {
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:${REGION}:${ACCOUNT}:function:${functionName}`,
    memoryLimitInMB: '256',
    awsRequestId: randomUUID(),
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: '2026/11/10/[$LATEST]0123456789abcdef',
    getRemainingTimeInMillis: () => 60_000,
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}

/** Calls a handler as Lambda does, with an event of any shape. */
// biome-ignore lint/suspicious/noExplicitAny: handlers are typed by their parsed input; tests also send bad input.
export function invoke<R>(handler: (event: any, context: Context) => Promise<R>, event: unknown, functionName = 'goldsmith-test'): Promise<R> {
  return handler(event, lambdaContext(functionName));
}

export interface WaitingExecution {
  token: string;
  executionArn: string;
  /** The execution once it ended (polls). */
  ended(): Promise<DescribeExecutionCommandOutput>;
}

let machines = 0;

/**
 * A stand-in for the release state machine under its deployed name: it only waits, so the executions that
 * functions start stay RUNNING (on a frozen clock) and can be read back.
 */
export async function createReleaseMachine(fc: FunctionCloud): Promise<string> {
  const { stateMachineArn } = await new SFNClient(fc.sdk).send(
    new CreateStateMachineCommand({
      name: RELEASE_MACHINE,
      roleArn: `arn:aws:iam::${ACCOUNT}:role/release`,
      definition: JSON.stringify({ StartAt: 'Hold', States: { Hold: { Type: 'Wait', Seconds: 31_536_000, End: true } } }),
    }),
  );
  return stateMachineArn as string;
}

/** The execution a function started, with its input. */
export async function execution(fc: FunctionCloud, executionArn: string): Promise<DescribeExecutionCommandOutput & { parsedInput: unknown }> {
  const described = await new SFNClient(fc.sdk).send(new DescribeExecutionCommand({ executionArn }));
  return { ...described, parsedInput: JSON.parse(described.input ?? 'null') };
}

/** A real Step Functions task waiting on a token (events:putEvents.waitForTaskToken), to complete from a handler. */
export async function waitingTask(fc: FunctionCloud): Promise<WaitingExecution> {
  const sfn = new SFNClient(fc.sdk);
  const { stateMachineArn } = await sfn.send(
    new CreateStateMachineCommand({
      name: `waiter-${++machines}`,
      roleArn: `arn:aws:iam::${ACCOUNT}:role/waiter`,
      definition: JSON.stringify({
        StartAt: 'Wait',
        States: {
          Wait: {
            Type: 'Task',
            Resource: 'arn:aws:states:::events:putEvents.waitForTaskToken',
            Parameters: { Entries: [{ Source: 'test.waiter', DetailType: 'Waiting', Detail: { 'token.$': '$$.Task.Token' } }] },
            End: true,
          },
        },
      }),
    }),
  );
  const { executionArn } = await sfn.send(new StartExecutionCommand({ stateMachineArn, input: '{}' }));
  const token = await poll(async () => {
    const { events } = await sfn.send(new GetExecutionHistoryCommand({ executionArn }));
    const scheduled = events?.find((e) => e.type === 'TaskScheduled');
    const parameters = scheduled?.taskScheduledEventDetails?.parameters;
    return parameters ? (JSON.parse(parameters).Entries[0].Detail.token as string) : undefined;
  });
  return {
    token,
    executionArn: executionArn as string,
    ended: () =>
      poll(async () => {
        const execution = await sfn.send(new DescribeExecutionCommand({ executionArn }));
        return execution.status === 'RUNNING' ? undefined : execution;
      }),
  };
}

/** The error a call failed with (undefined when it succeeded), so several failures can be awaited together. */
export function failure(call: Promise<unknown>): Promise<(Error & { $metadata?: { httpStatusCode?: number } }) | undefined> {
  return call.then(
    () => undefined,
    (error: Error) => error,
  );
}

/** Polls until `read` gives a value (real time: the local cloud works asynchronously even on a frozen clock). */
export async function poll<T>(read: () => Promise<T | undefined>, attempts = 100): Promise<T> {
  for (let i = 0; i < attempts; i++) {
    const value = await read();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error('Timed out waiting for the local cloud.');
}
