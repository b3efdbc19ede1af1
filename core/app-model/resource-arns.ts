import type { AppModel } from './app-model.ts';
import { findResource } from './model-resources.ts';
import type { Ref } from './references.ts';

/** Where a deployment lives. */
export interface DeploymentScope {
  readonly account: string;
  readonly region: string;
  readonly partition?: string;
}

export class UnresolvedReferenceError extends Error {
  constructor(reference: Ref) {
    super(`The app model has no ${reference.ref} '${reference.name}' for a reference to resolve to.`);
    this.name = 'UnresolvedReferenceError';
  }
}

/**
 * The ARN (or name) a reference stands for once the model is deployed in `scope`: AWS's ARN formats,
 * from the physical names the model chooses. A secret's ARN gets a random suffix from Secrets Manager,
 * so this gives its partial ARN, which every Secrets Manager API accepts.
 */
export function resolveReference(model: AppModel, reference: Ref, scope: DeploymentScope): string {
  const resource = findResource(model, reference);
  if (!resource) throw new UnresolvedReferenceError(reference);
  if (reference.attr === 'name') return resource.name;
  const { account, region } = scope;
  const arn = (service: string, resourcePart: string, regional = true) =>
    `arn:${scope.partition ?? 'aws'}:${service}:${regional ? region : ''}:${account}:${resourcePart}`;
  const lower = resource.name.toLowerCase();
  switch (reference.ref) {
    case 'component': {
      const version = model.components.find((c) => c.key === resource.key)?.version;
      return arn('imagebuilder', `component/${lower}/${version}`);
    }
    case 'imageRecipe': {
      const version = model.imageRecipes.find((r) => r.key === resource.key)?.version;
      return arn('imagebuilder', `image-recipe/${lower}/${version}`);
    }
    case 'infrastructureConfiguration':
      return arn('imagebuilder', `infrastructure-configuration/${lower}`);
    case 'distributionConfiguration':
      return arn('imagebuilder', `distribution-configuration/${lower}`);
    case 'imagePipeline':
      return arn('imagebuilder', `image-pipeline/${lower}`);
    case 'function':
      return arn('lambda', `function:${resource.name}`);
    case 'stateMachine':
      return arn('states', `stateMachine:${resource.name}`);
    case 'rule':
      return arn('events', `rule/${resource.name}`);
    case 'schedule': {
      const group = model.schedules.find((s) => s.key === resource.key)?.groupName;
      return arn('scheduler', `schedule/${group}/${resource.name}`);
    }
    case 'topic':
      return arn('sns', resource.name);
    case 'table':
      return arn('dynamodb', `table/${resource.name}`);
    case 'secret':
      return arn('secretsmanager', `secret:${resource.name}`);
    case 'queue':
      return arn('sqs', resource.name);
    case 'role':
      return arn('iam', `role/${resource.name}`, false);
    case 'instanceProfile':
      return arn('iam', `instance-profile/${resource.name}`, false);
  }
}
