import type { AslState } from './asl.ts';
import { type Frame, type Scope, stateContext } from './frame.ts';
import { dataDetails, json } from './history-recorder.ts';
import { awsSdkIntegration } from './integrations/aws-sdk.ts';
import type { Integration, IntegrationContext } from './integrations/integration.ts';
import { invokeFunction, lambdaInvoke } from './integrations/lambda-invoke.ts';
import { dynamoDbItem, eventsPutEvents, snsPublish } from './integrations/optimized-call.ts';
import { pascal } from './integrations/sdk-casing.ts';
import { startExecution } from './integrations/start-execution.ts';
import { historyResource, parseTaskResource, type TaskResource, unsupportedReason } from './integrations/task-resource.ts';
import { evaluateTemplate, positiveIntegerAt } from './payload-evaluation.ts';
import { withDeadline } from './simulated-time.ts';
import { RunAbortedError, reportedName, runtimeError, toStatesError } from './states-error.ts';
import type { OpenTask } from './task-tokens.ts';

type ServiceResource = Extract<TaskResource, { kind: 'service' }>;

/**
 * One attempt of a Task state: evaluate Parameters (with $$.Task.Token for `.waitForTaskToken`),
 * call the resource under TimeoutSeconds/HeartbeatSeconds on the simulated clock, and record
 * AWS's Task* or LambdaFunction* events. Retry is the caller's (retry-loop.ts).
 */
export async function runTaskAttempt(frame: Frame, name: string, state: AslState, input: unknown, retryCount: number): Promise<unknown> {
  const resource = parseTaskResource(state.Resource);
  if (!resource) throw runtimeError(`The resource provided ${String(state.Resource)} is not recognized.`);
  if (resource.kind === 'service') {
    const reason = unsupportedReason(resource);
    if (reason) throw runtimeError(`The local cloud cannot run the resource ${String(state.Resource)}: ${reason}.`);
  }
  const context = stateContext(frame, name, retryCount);
  const timeoutSeconds = await secondsField(state, 'TimeoutSeconds', input, context);
  const heartbeatSeconds = await secondsField(state, 'HeartbeatSeconds', input, context);
  const { run } = frame;
  let open: OpenTask | undefined;
  if (resource.kind === 'service' && resource.pattern === 'waitForTaskToken') {
    open = run.tokens.open(run.record.executionArn, frame.signal, heartbeatSeconds);
    context.Task = { Token: open.token };
  }
  try {
    const parameters = 'Parameters' in state ? await evaluateTemplate(state.Parameters, input, context) : input;
    if (resource.kind === 'lambda-function') return await lambdaFunctionTask(frame, resource, parameters, timeoutSeconds);
    return await serviceTask(frame, resource, parameters, { timeoutSeconds, heartbeatSeconds, open });
  } finally {
    open?.close();
  }
}

async function secondsField(
  state: AslState,
  field: 'TimeoutSeconds' | 'HeartbeatSeconds',
  input: unknown,
  context: Record<string, unknown>,
): Promise<number | undefined> {
  if (typeof state[field] === 'number') return state[field] as number;
  const path = state[`${field}Path`];
  return typeof path === 'string' ? positiveIntegerAt(path, `${field}Path`, input, context) : undefined;
}

/** A Task whose Resource is a function ARN: LambdaFunction* events, the payload is the result. */
async function lambdaFunctionTask(
  frame: Frame,
  resource: Extract<TaskResource, { kind: 'lambda-function' }>,
  payload: unknown,
  timeoutSeconds?: number,
): Promise<unknown> {
  const { history, cloud } = frame.run;
  history.add(frame, 'LambdaFunctionScheduled', {
    resource: resource.arn,
    input: json(payload),
    inputDetails: dataDetails,
    ...(timeoutSeconds === undefined ? {} : { timeoutInSeconds: timeoutSeconds }),
  });
  history.add(frame, 'LambdaFunctionStarted');
  const scope = scopeOf(frame, resource);
  try {
    const result = await withDeadline(frame, invokeFunction(cloud, scope, { FunctionName: resource.arn, Payload: Buffer.from(json(payload)) }), timeoutSeconds);
    history.add(frame, 'LambdaFunctionSucceeded', { output: json(result.payload), outputDetails: dataDetails });
    return result.payload;
  } catch (error) {
    if (error instanceof RunAbortedError) throw error;
    const failure = toStatesError(error);
    if (failure.name === 'States.Timeout') history.add(frame, 'LambdaFunctionTimedOut', { error: failure.name });
    else history.add(frame, 'LambdaFunctionFailed', { error: reportedName(failure), cause: failure.causeText });
    throw failure;
  }
}

interface TaskLimits {
  timeoutSeconds?: number;
  heartbeatSeconds?: number;
  open?: OpenTask;
}

/** A service integration: TaskScheduled, TaskStarted, [TaskSubmitted], then TaskSucceeded/Failed/TimedOut. */
async function serviceTask(frame: Frame, resource: ServiceResource, parameters: unknown, limits: TaskLimits): Promise<unknown> {
  const { history, cloud } = frame.run;
  const where = historyResource(resource);
  const scope = scopeOf(frame, resource);
  history.add(frame, 'TaskScheduled', {
    ...where,
    region: scope.region,
    parameters: json(parameters),
    ...(limits.timeoutSeconds === undefined ? {} : { timeoutInSeconds: limits.timeoutSeconds }),
    ...(limits.heartbeatSeconds === undefined || !limits.open ? {} : { heartbeatInSeconds: limits.heartbeatSeconds }),
  });
  history.add(frame, 'TaskStarted', where);
  const integration = integrationFor(resource);
  const ctx: IntegrationContext = { cloud, scope, execution: frame.run.record, signal: frame.signal, executions: frame.run.executions };
  const work = (async () => {
    const submitted = await integration.call(parameters, ctx);
    if (!resource.pattern) return submitted;
    history.add(frame, 'TaskSubmitted', { ...where, output: json(submitted), outputDetails: dataDetails });
    if (limits.open) return limits.open.result;
    return integration.complete ? integration.complete(submitted, ctx, resource.pattern) : submitted;
  })();
  try {
    const output = await withDeadline(frame, work, limits.timeoutSeconds);
    history.add(frame, 'TaskSucceeded', { ...where, output: json(output), outputDetails: dataDetails });
    return output;
  } catch (error) {
    if (error instanceof RunAbortedError) throw error;
    const failure = toStatesError(error);
    if (failure.name === 'States.Timeout' || failure.name === 'States.HeartbeatTimeout') history.add(frame, 'TaskTimedOut', { ...where, error: failure.name });
    else history.add(frame, 'TaskFailed', { ...where, error: reportedName(failure), cause: failure.causeText });
    throw failure;
  }
}

function integrationFor(resource: ServiceResource): Integration {
  switch (resource.service) {
    case 'aws-sdk':
      return awsSdkIntegration(resource.sdkService ?? '', resource.action);
    case 'lambda':
      return { call: lambdaInvoke };
    case 'sns':
      return snsPublish;
    case 'events':
      return eventsPutEvents;
    case 'states':
      return startExecution;
    default:
      return dynamoDbItem(pascal(resource.action));
  }
}

/** A Resource that names a region or account calls there; otherwise the execution's own. */
function scopeOf(frame: Frame, resource: TaskResource): Scope {
  return { accountId: resource.accountId ?? frame.run.scope.accountId, region: resource.region ?? frame.run.scope.region };
}
