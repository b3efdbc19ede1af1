import type {
  SendTaskFailureCommandInput,
  SendTaskFailureCommandOutput,
  SendTaskHeartbeatCommandInput,
  SendTaskHeartbeatCommandOutput,
  SendTaskSuccessCommandInput,
  SendTaskSuccessCommandOutput,
} from '@aws-sdk/client-sfn';
import type { RequestContext } from '../../../service.ts';
import { executionOfToken } from '../../../stepfunctions/task-tokens.ts';
import { invalidOutput, invalidToken, taskDoesNotExist, taskTimedOut } from '../errors.ts';
import { parseJsonText } from '../json-text.ts';
import { stateOf } from '../lookup.ts';

type Output<T> = Omit<T, '$metadata'>;

/**
 * Checks a task token: InvalidToken for one Step Functions never issued, TaskDoesNotExist for one of
 * an execution the caller cannot see, TaskTimedOut for a task that has closed (timed out, completed,
 * or stopped with its execution).
 */
function openToken(ctx: RequestContext, token: string): string {
  const executionArn = executionOfToken(token);
  if (!executionArn) throw invalidToken();
  if (!stateOf(ctx).executions[executionArn]) throw taskDoesNotExist();
  if (!ctx.cloud.services.stepfunctions.tokens.isOpen(token)) throw taskTimedOut();
  return token;
}

export function sendTaskSuccess(input: SendTaskSuccessCommandInput, ctx: RequestContext): Output<SendTaskSuccessCommandOutput> {
  const parsed = parseJsonText(input.output ?? '');
  if (!parsed.ok) throw invalidOutput(parsed.reason);
  ctx.cloud.services.stepfunctions.tokens.succeed(openToken(ctx, input.taskToken ?? ''), parsed.value);
  return {};
}

export function sendTaskFailure(input: SendTaskFailureCommandInput, ctx: RequestContext): Output<SendTaskFailureCommandOutput> {
  ctx.cloud.services.stepfunctions.tokens.fail(openToken(ctx, input.taskToken ?? ''), input.error, input.cause);
  return {};
}

/** Restarts the task's HeartbeatSeconds timer. */
export function sendTaskHeartbeat(input: SendTaskHeartbeatCommandInput, ctx: RequestContext): Output<SendTaskHeartbeatCommandOutput> {
  ctx.cloud.services.stepfunctions.tokens.heartbeat(openToken(ctx, input.taskToken ?? ''));
  return {};
}
