import type { CfnResource, StackName, SynthesizedApp } from './synthesized-app.ts';
import { STACKS } from './synthesized-app.ts';

export interface FoundResource {
  stack: StackName;
  logicalId: string;
  resource: CfnResource;
  properties: Record<string, unknown>;
}

/** Every resource of a type, across the app's stacks. */
export function resourcesOfType(app: SynthesizedApp, type: string): FoundResource[] {
  return STACKS.flatMap((stack) =>
    Object.entries(app.templates[stack].Resources)
      .filter(([, resource]) => resource.Type === type)
      .map(([logicalId, resource]) => ({ stack, logicalId, resource, properties: resource.Properties ?? {} })),
  );
}

/** The one resource of a type whose property has a value; fails when there is none or more than one. */
export function resourceWith(app: SynthesizedApp, type: string, property: string, value: unknown): FoundResource {
  const found = resourcesOfType(app, type).filter((r) => JSON.stringify(r.properties[property]) === JSON.stringify(value));
  if (found.length !== 1) throw new Error(`Expected one ${type} with ${property} = ${JSON.stringify(value)}, found ${found.length}.`);
  return found[0];
}

export function resourceById(app: SynthesizedApp, stack: StackName, logicalId: string): CfnResource {
  const resource = app.templates[stack].Resources[logicalId];
  if (!resource) throw new Error(`No resource ${logicalId} in ${stack}.`);
  return resource;
}

/** The logical id a `{ Ref }` or `{ Fn::GetAtt }` points at, if the value is one. */
export function referencedId(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const v = value as { Ref?: string; 'Fn::GetAtt'?: [string, string] };
  return v.Ref ?? v['Fn::GetAtt']?.[0];
}

/** The same flat rendering cdk-nag gives a CloudFormation value (`<AWS::AccountId>`, `<Logical.Arn>`). */
export function flatten(value: unknown): string {
  if (typeof value === 'string') return value.replace(/\$\{/g, '<').replace(/}/g, '>');
  if (typeof value !== 'object' || value === null) return JSON.stringify(value);
  const v = value as Record<string, unknown>;
  if ('Fn::Join' in v) {
    const [delimiter, items] = v['Fn::Join'] as [string, unknown[]];
    return items.map(flatten).join(delimiter);
  }
  if ('Ref' in v) return `<${v.Ref}>`;
  if ('Fn::GetAtt' in v) {
    const [id, attribute] = v['Fn::GetAtt'] as [string, string];
    return `<${id}.${attribute}>`;
  }
  if ('Fn::ImportValue' in v) return flatten(v['Fn::ImportValue']);
  return JSON.stringify(value);
}

export const asArray = <T>(value: T | T[] | undefined): T[] => (value === undefined ? [] : Array.isArray(value) ? value : [value]);

export interface PolicyStatementJson {
  Sid?: string;
  Effect: 'Allow' | 'Deny';
  Action?: string | string[];
  Resource?: unknown;
  Principal?: unknown;
  Condition?: Record<string, Record<string, unknown>>;
}

/** The statements of every policy attached to a role: its inline policies, AWS::IAM::Policy and customer managed policies naming it. */
export function roleStatements(app: SynthesizedApp, stack: StackName, roleId: string): PolicyStatementJson[] {
  const role = resourceById(app, stack, roleId);
  const inline = asArray(role.Properties?.Policies as Array<{ PolicyDocument: { Statement: PolicyStatementJson[] } }>).flatMap(
    (p) => p.PolicyDocument.Statement,
  );
  const attached = [...resourcesOfType(app, 'AWS::IAM::Policy'), ...resourcesOfType(app, 'AWS::IAM::ManagedPolicy')]
    .filter((p) => p.stack === stack && asArray(p.properties.Roles as unknown[]).some((r) => referencedId(r) === roleId))
    .flatMap((p) => (p.properties.PolicyDocument as { Statement: PolicyStatementJson[] }).Statement);
  return [...inline, ...attached];
}

/** The resource a value refers to: a Ref or GetAtt in the same stack, or an import of another stack's export. */
export function referencedResource(app: SynthesizedApp, stack: StackName, value: unknown): FoundResource | undefined {
  const local = referencedId(value);
  if (local) {
    const resource = app.templates[stack].Resources[local];
    return resource && { stack, logicalId: local, resource, properties: resource.Properties ?? {} };
  }
  const imported = (value as { 'Fn::ImportValue'?: string } | undefined)?.['Fn::ImportValue'];
  if (typeof imported !== 'string') return undefined;
  for (const other of STACKS) {
    for (const output of Object.values(app.templates[other].Outputs ?? {})) {
      if (output.Export?.Name === imported) return referencedResource(app, other, output.Value);
    }
  }
  return undefined;
}

/** The name property of each resource type, as the app model's `name` maps to it. */
export const NAME_PROPERTY: Record<string, string> = {
  'AWS::ImageBuilder::Component': 'Name',
  'AWS::ImageBuilder::ImageRecipe': 'Name',
  'AWS::ImageBuilder::InfrastructureConfiguration': 'Name',
  'AWS::ImageBuilder::DistributionConfiguration': 'Name',
  'AWS::ImageBuilder::ImagePipeline': 'Name',
  'AWS::Lambda::Function': 'FunctionName',
  'AWS::StepFunctions::StateMachine': 'StateMachineName',
  'AWS::Events::Rule': 'Name',
  'AWS::Scheduler::Schedule': 'Name',
  'AWS::SNS::Topic': 'TopicName',
  'AWS::DynamoDB::Table': 'TableName',
  'AWS::SecretsManager::Secret': 'Name',
  'AWS::SQS::Queue': 'QueueName',
  'AWS::IAM::Role': 'RoleName',
  'AWS::IAM::InstanceProfile': 'InstanceProfileName',
};
