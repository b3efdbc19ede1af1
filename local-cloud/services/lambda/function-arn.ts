import type { RequestContext } from '../../service.ts';
import { invalidParameter, validationFailed } from './errors.ts';

/** A function as a request names it: by name, partial ARN or ARN, maybe with a qualifier. */
export interface FunctionLocator {
  accountId: string;
  region: string;
  name: string;
  qualifier?: string;
}

const NAME_PATTERN =
  /^(?:arn:(?:aws[a-zA-Z-]*)?:lambda:)?(?:(?<region>[a-z]{2}(?:(?:-gov)|(?:-iso[a-z]?))?-[a-z]+-\d{1}):)?(?:(?<account>\d{12}):)?(?:function:)?(?<name>[a-zA-Z0-9-_.]+)(?::(?<qualifier>\$LATEST|[a-zA-Z0-9-_]+))?$/;

const NAME_PATTERN_TEXT =
  '(arn:(aws[a-zA-Z-]*)?:lambda:)?([a-z]{2}((-gov)|(-iso([a-z]?)))?-[a-z]+-\\d{1}:)?(\\d{12}:)?(function:)?([a-zA-Z0-9-_\\.]+)(:(\\$LATEST|[a-zA-Z0-9-_]+))?';

export function functionArn(accountId: string, region: string, name: string, qualifier?: string): string {
  return `arn:aws:lambda:${region}:${accountId}:function:${name}${qualifier ? `:${qualifier}` : ''}`;
}

/**
 * Reads a FunctionName parameter. A full or partial ARN names its own account and region; AWS
 * would check the caller's permissions there, the local cloud records but does not enforce them.
 */
export function locateFunction(functionName: unknown, ctx: RequestContext, qualifier?: string): FunctionLocator {
  if (typeof functionName !== 'string' || !functionName) throw validationFailed(functionName, 'functionName', 'Member must not be null');
  if (functionName.length > 170) throw validationFailed(functionName, 'functionName', 'Member must have length less than or equal to 170');
  const match = NAME_PATTERN.exec(functionName);
  if (!match?.groups) throw validationFailed(functionName, 'functionName', `Member must satisfy regular expression pattern: ${NAME_PATTERN_TEXT}`);
  const { region, account, name, qualifier: fromName } = match.groups;
  if (fromName && qualifier && fromName !== qualifier) {
    throw invalidParameter('The derived qualifier from the function name does not match the specified qualifier.');
  }
  return { accountId: account ?? ctx.accountId, region: region ?? ctx.region, name, qualifier: fromName ?? qualifier };
}

export function arnOf(locator: FunctionLocator, withQualifier = true): string {
  return functionArn(locator.accountId, locator.region, locator.name, withQualifier ? locator.qualifier : undefined);
}
