export type IntegrationPattern = 'waitForTaskToken' | 'sync' | 'sync:2';

/** A Task's Resource, read the way Step Functions reads it. */
export type TaskResource =
  | { kind: 'lambda-function'; arn: string; region?: string; accountId?: string }
  | {
      kind: 'service';
      /** `lambda`, `sns`, `events`, `states`, `dynamodb` or `aws-sdk`. */
      service: string;
      /** For `aws-sdk`: the SDK service name in the Resource (`ssm`, `imagebuilder`, `sfn`). */
      sdkService?: string;
      /** The API action as written (`invoke`, `getParameter`). */
      action: string;
      pattern?: IntegrationPattern;
      region?: string;
      accountId?: string;
    };

/** The optimized integrations the local cloud serves, with the patterns AWS allows for each. */
export const OPTIMIZED: Record<string, Record<string, IntegrationPattern[]>> = {
  lambda: { invoke: ['waitForTaskToken'] },
  sns: { publish: ['waitForTaskToken'] },
  events: { putEvents: ['waitForTaskToken'] },
  states: { startExecution: ['sync', 'sync:2', 'waitForTaskToken'] },
  dynamodb: { getItem: [], putItem: [], updateItem: [], deleteItem: [] },
};

const LAMBDA_FUNCTION = /^arn:aws[a-z-]*:lambda:([a-z0-9-]+):(\d{12}):function:[A-Za-z0-9_-]+(:[A-Za-z0-9$_-]+)?$/;
const STATES_SERVICE = /^arn:aws[a-z-]*:states:([a-z0-9-]*):(\d{12})?:([a-z0-9-]+):([A-Za-z0-9:]+?)(?:\.(waitForTaskToken|sync:2|sync))?$/;

/** Parses a Resource; undefined for one Step Functions does not recognize. */
export function parseTaskResource(resource: unknown): TaskResource | undefined {
  if (typeof resource !== 'string') return undefined;
  const lambda = LAMBDA_FUNCTION.exec(resource);
  if (lambda) return { kind: 'lambda-function', arn: resource, region: lambda[1], accountId: lambda[2] };
  const service = STATES_SERVICE.exec(resource);
  if (!service || service[3] === 'activity') return undefined;
  const [, region, accountId, name, rest, pattern] = service;
  const base = { kind: 'service' as const, region: region || undefined, accountId: accountId || undefined, pattern: pattern as IntegrationPattern | undefined };
  if (name === 'aws-sdk') {
    const [sdkService, action, ...extra] = rest.split(':');
    if (!sdkService || !action || extra.length) return undefined;
    return { ...base, service: name, sdkService, action };
  }
  if (rest.includes(':')) return undefined;
  return { ...base, service: name, action: rest };
}

/** What AWS writes as `resourceType` and `resource` in Task* history events. */
export function historyResource(resource: Extract<TaskResource, { kind: 'service' }>): { resourceType: string; resource: string } {
  return {
    resourceType: resource.service === 'aws-sdk' ? `aws-sdk:${resource.sdkService}` : resource.service,
    resource: resource.pattern ? `${resource.action}.${resource.pattern}` : resource.action,
  };
}

/**
 * Why the local cloud cannot run this service Resource, or undefined when it can. AWS-valid
 * integrations the local cloud does not emulate (SQS, ECS, Glue…) fail their Task at run time.
 */
export function unsupportedReason(resource: Extract<TaskResource, { kind: 'service' }>): string | undefined {
  if (resource.service === 'aws-sdk')
    return resource.pattern && resource.pattern !== 'waitForTaskToken' ? `.${resource.pattern} is not available for AWS SDK integrations` : undefined;
  const actions = OPTIMIZED[resource.service];
  if (!actions?.[resource.action]) return `the local cloud does not emulate the ${resource.service}:${resource.action} integration`;
  if (resource.pattern && !actions[resource.action].includes(resource.pattern))
    return `${resource.service}:${resource.action} does not support .${resource.pattern}`;
  return undefined;
}
