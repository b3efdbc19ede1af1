/**
 * Task tokens of waiting Step Functions tasks, stored under what they wait for. A wait stores its token and
 * then checks once, so an event that came before the token was stored is not lost; whoever sees the outcome
 * first claims the token and completes it, and every later, duplicated or late completion is a no-op.
 */
import type { TaskCompletionPort, TaskTokenStore } from './ports.ts';

/**
 * How long a stored token is kept: far longer than any wait it belongs to, because it is also how on-image-event
 * knows that a release already waited on an image, when a late or replayed event comes (as long as Step Functions
 * keeps execution names, so an external build is not validated twice either).
 */
const TOKEN_TTL_SECONDS = 90 * 24 * 3600;

export const waitKeys = {
  image: (imageBuildVersionArn: string) => `IMAGE#${imageBuildVersionArn}`,
  refresh: (region: string, instanceRefreshId: string) => `REFRESH#${region}#${instanceRefreshId}`,
};

export type Completion = { kind: 'success'; output: unknown } | { kind: 'failure'; error: string; cause: string };

/** completed: this call completed the task; already-completed: someone did before; closed: the task had ended (e.g. timed out); no-token: nothing waits. */
export type CompletionResult = 'completed' | 'already-completed' | 'closed' | 'no-token';

export interface WaitingTaskDeps {
  tokens: TaskTokenStore;
  tasks: TaskCompletionPort;
}

export async function storeWaitingTask(key: string, token: string, now: number, deps: Pick<WaitingTaskDeps, 'tokens'>): Promise<void> {
  await deps.tokens.put({ key, token, storedAt: now, expiresAt: Math.floor(now / 1000) + TOKEN_TTL_SECONDS });
}

/** Completes the task waiting under `key`, once. With `token`, only that very wait is completed. */
export async function completeWaitingTask(key: string, completion: Completion, now: number, deps: WaitingTaskDeps, token?: string): Promise<CompletionResult> {
  const task = await deps.tokens.get(key);
  if (!task) return 'no-token';
  if (task.completedAt !== undefined || (token !== undefined && task.token !== token)) return 'already-completed';
  const outcome = completion.kind === 'success' ? 'success' : completion.error;
  let claimed: boolean;
  try {
    claimed = await deps.tokens.claim(key, task.token, outcome, now);
  } catch (error) {
    // The claim may be written with its answer lost: give it back, so a retry can complete the task. Step
    // Functions takes one completion per token, so even a second sender could not complete it twice.
    await deps.tokens.unclaim(key, task.token).catch(() => undefined);
    throw error;
  }
  if (!claimed) return 'already-completed';
  let sent: 'sent' | 'closed';
  try {
    sent =
      completion.kind === 'success'
        ? await deps.tasks.succeed(task.token, completion.output)
        : await deps.tasks.fail(task.token, completion.error, completion.cause);
  } catch (error) {
    // Not sent (throttled, network): give the claim back so the retry can send it.
    await deps.tokens.unclaim(key, task.token);
    throw error;
  }
  return sent === 'sent' ? 'completed' : 'closed';
}
