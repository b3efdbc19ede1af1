import type { RequestContext } from '../../service.ts';
import { defaultTopicPolicy } from './attributes.ts';
import { authorizationError } from './errors.ts';
import type { TopicRecord } from './store.ts';

interface Statement {
  Effect?: string;
  Principal?: string | { AWS?: string | string[]; Service?: string | string[] };
  Action?: string | string[];
  Condition?: Record<string, Record<string, string | string[]>>;
}

const list = <T>(value: T | T[] | undefined): T[] => (value === undefined ? [] : Array.isArray(value) ? value : [value]);

/** Account-scoped condition keys the local cloud can judge; others are taken as met. */
const ACCOUNT_KEYS = new Set(['aws:sourceowner', 'aws:sourceaccount', 'aws:principalaccount']);

function conditionsMet(statement: Statement, caller: string): boolean {
  for (const [operator, entries] of Object.entries(statement.Condition ?? {})) {
    if (!/^StringEquals(IgnoreCase)?$/.test(operator)) continue;
    for (const [key, expected] of Object.entries(entries)) {
      if (ACCOUNT_KEYS.has(key.toLowerCase()) && !list(expected).includes(caller)) return false;
    }
  }
  return true;
}

function principalMatches(statement: Statement, caller: string): boolean {
  if (statement.Principal === '*') return true;
  if (typeof statement.Principal !== 'object') return false;
  return list(statement.Principal.AWS).some((p) => p === '*' || p === caller || p === `arn:aws:iam::${caller}:root` || p.startsWith(`arn:aws:iam::${caller}:`));
}

function actionMatches(statement: Statement, action: string): boolean {
  return list(statement.Action).some((a) => a === '*' || a.toLowerCase() === 'sns:*' || a.toLowerCase() === `sns:${action.toLowerCase()}`);
}

/**
 * A client in another account may use a topic only as its policy allows (an Allow statement for its
 * account, or `*`, and the action). The owner account is always allowed; the local cloud has no IAM.
 */
export function authorize(ctx: RequestContext, topic: TopicRecord, action: string): void {
  if (ctx.accountId === topic.owner) return;
  let statements: Statement[] = [];
  try {
    statements = list((JSON.parse(topic.attributes.Policy ?? defaultTopicPolicy(topic)) as { Statement?: Statement | Statement[] }).Statement);
  } catch {
    statements = [];
  }
  const allowed = statements.some(
    (s) => s.Effect === 'Allow' && actionMatches(s, action) && principalMatches(s, ctx.accountId) && conditionsMet(s, ctx.accountId),
  );
  if (!allowed) throw authorizationError(ctx.accountId, action, topic.arn);
}
