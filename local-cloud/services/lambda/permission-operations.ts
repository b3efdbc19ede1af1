import { randomUUID } from 'node:crypto';
import type {
  AddPermissionCommandInput,
  AddPermissionCommandOutput,
  GetPolicyCommandInput,
  GetPolicyCommandOutput,
  RemovePermissionCommandInput,
} from '@aws-sdk/client-lambda';
import type { RequestContext } from '../../service.ts';
import { policyNotFound, revisionMismatch, statementExists, statementNotFound, validationFailed } from './errors.ts';
import { arnOf, locateFunction } from './function-arn.ts';
import type { PolicyStatement } from './store.ts';

type Output<T> = Omit<T, '$metadata'>;

/*
 * Resource-based policies are recorded and returned as AWS builds them, but not enforced: any
 * caller (any account, any service) may invoke any function in the local cloud.
 */

const STATEMENT_ID = /^[a-zA-Z0-9-_.]{1,100}$/;
const ACTION = /^(lambda:[*]|lambda:[a-zA-Z]+|[*])$/;

export function addPermission(input: AddPermissionCommandInput, ctx: RequestContext): Output<AddPermissionCommandOutput> {
  const locator = locateFunction(input.FunctionName, ctx, input.Qualifier);
  if (!input.StatementId || !STATEMENT_ID.test(input.StatementId)) {
    throw validationFailed(input.StatementId, 'statementId', 'Member must satisfy regular expression pattern: ([a-zA-Z0-9-_.]+)');
  }
  if (!input.Action || !ACTION.test(input.Action)) {
    throw validationFailed(input.Action, 'action', 'Member must satisfy regular expression pattern: (lambda:[*]|lambda:[a-zA-Z]+|[*])');
  }
  if (!input.Principal || /\s/.test(input.Principal))
    throw validationFailed(input.Principal, 'principal', 'Member must satisfy regular expression pattern: [^\\s]+');
  const { fn } = ctx.cloud.services.lambda.resolve(locator);
  const key = locator.qualifier ?? '';
  const policy = fn.policies[key] ?? { statements: [], revisionId: fn.latest.revisionId };
  if (input.RevisionId && input.RevisionId !== policy.revisionId) throw revisionMismatch();
  if (policy.statements.some((s) => s.Sid === input.StatementId)) throw statementExists(input.StatementId);
  const statement: PolicyStatement = {
    Sid: input.StatementId,
    Effect: 'Allow',
    Principal: principalOf(input.Principal),
    Action: input.Action,
    Resource: arnOf(locator),
  };
  const condition: Record<string, Record<string, string>> = {};
  if (input.SourceAccount) condition.StringEquals = { 'AWS:SourceAccount': input.SourceAccount };
  if (input.PrincipalOrgID) condition.StringEquals = { ...condition.StringEquals, 'aws:PrincipalOrgID': input.PrincipalOrgID };
  if (input.EventSourceToken) condition.StringEquals = { ...condition.StringEquals, 'lambda:EventSourceToken': input.EventSourceToken };
  if (input.FunctionUrlAuthType) condition.StringEquals = { ...condition.StringEquals, 'lambda:FunctionUrlAuthType': input.FunctionUrlAuthType };
  if (input.SourceArn) condition.ArnLike = { 'AWS:SourceArn': input.SourceArn };
  if (Object.keys(condition).length) statement.Condition = condition;
  fn.policies[key] = { statements: [...policy.statements, statement], revisionId: randomUUID() };
  return { Statement: JSON.stringify(statement) };
}

export function removePermission(input: RemovePermissionCommandInput, ctx: RequestContext): Record<string, never> {
  const locator = locateFunction(input.FunctionName, ctx, input.Qualifier);
  const { fn } = ctx.cloud.services.lambda.resolve(locator);
  const key = locator.qualifier ?? '';
  const policy = fn.policies[key];
  if (!policy?.statements.some((s) => s.Sid === input.StatementId)) throw statementNotFound(String(input.StatementId));
  if (input.RevisionId && input.RevisionId !== policy.revisionId) throw revisionMismatch();
  const statements = policy.statements.filter((s) => s.Sid !== input.StatementId);
  if (statements.length) fn.policies[key] = { statements, revisionId: randomUUID() };
  else delete fn.policies[key];
  return {};
}

export function getPolicy(input: GetPolicyCommandInput, ctx: RequestContext): Output<GetPolicyCommandOutput> {
  const locator = locateFunction(input.FunctionName, ctx, input.Qualifier);
  const { fn } = ctx.cloud.services.lambda.resolve(locator);
  const policy = fn.policies[locator.qualifier ?? ''];
  if (!policy?.statements.length) throw policyNotFound();
  return { Policy: JSON.stringify({ Version: '2012-10-17', Id: 'default', Statement: policy.statements }), RevisionId: policy.revisionId };
}

/** How Lambda writes a principal: services by name, accounts as root ARNs. */
function principalOf(principal: string): PolicyStatement['Principal'] {
  if (principal === '*') return '*';
  if (/^\d{12}$/.test(principal)) return { AWS: `arn:aws:iam::${principal}:root` };
  if (principal.startsWith('arn:')) return { AWS: principal };
  return { Service: principal };
}
