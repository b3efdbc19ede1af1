import { invalidArn } from './errors.ts';

export const stateMachineArn = (accountId: string, region: string, name: string) => `arn:aws:states:${region}:${accountId}:stateMachine:${name}`;

export function executionArn(machineArn: string, name: string, type: 'STANDARD' | 'EXPRESS', runId?: string): string {
  const [, , , region, accountId, , machineName] = machineArn.split(':');
  const kind = type === 'EXPRESS' ? 'express' : 'execution';
  return `arn:aws:states:${region}:${accountId}:${kind}:${machineName}:${name}${runId ? `:${runId}` : ''}`;
}

export interface StatesArn {
  region: string;
  accountId: string;
  resourceType: string;
  resource: string[];
}

/**
 * Reads a Step Functions ARN and checks its resource type, answering InvalidArn as AWS does:
 * `Invalid Arn: 'Invalid ARN prefix: …'` for something that is no ARN, `Invalid Arn: 'Resource type
 * not valid in this context: execution'` for an ARN of another kind.
 */
export function parseStatesArn(arn: string, allowed: readonly string[]): StatesArn {
  if (!arn.startsWith('arn:')) throw invalidArn(`Invalid ARN prefix: ${arn}`);
  const parts = arn.split(':');
  if (parts.length < 7 || parts[2] !== 'states' || !/^[a-z0-9-]+$/.test(parts[3]) || !/^\d{12}$/.test(parts[4]) || parts.slice(6).some((p) => p === ''))
    throw invalidArn(arn);
  const [, , , region, accountId, resourceType, ...resource] = parts;
  if (!allowed.includes(resourceType)) throw invalidArn(`Resource type not valid in this context: ${resourceType.toLowerCase()}`);
  return { region, accountId, resourceType, resource };
}

/** True when the ARN belongs to the caller's account and region (anything else does not exist for them). */
export const inScope = (arn: StatesArn, accountId: string, region: string) => arn.accountId === accountId && arn.region === region;
