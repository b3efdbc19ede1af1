import { beforeAll, describe, expect, it } from 'vitest';
import type { AppModel } from '../../core/app-model/index.ts';
import { exampleModel, STACKS, type SynthesizedApp, synthesizedApp } from './synthesized-app.ts';
import { asArray, flatten, type PolicyStatementJson, resourcesOfType, resourceWith, roleStatements } from './template-queries.ts';

interface WalkedStatement {
  where: string;
  kind: 'identity' | 'resource' | 'trust';
  statement: PolicyStatementJson;
  /** cdk-nag IAM5 suppressions on the resource that holds the statement. */
  suppressed: Array<{ appliesTo?: string[] }>;
}

/** Every policy statement of the app: identity policies, resource policies (topics, queues, keys, Lambda permissions) and trust policies. */
function walk(app: SynthesizedApp): WalkedStatement[] {
  const out: WalkedStatement[] = [];
  for (const stack of STACKS) {
    for (const [id, resource] of Object.entries(app.templates[stack].Resources)) {
      const where = `${stack}/${id}`;
      const p = resource.Properties ?? {};
      const rules = ((resource.Metadata?.cdk_nag as { rules_to_suppress?: Array<{ id: string; appliesTo?: string[] }> })?.rules_to_suppress ?? []).filter(
        (r) => r.id === 'AwsSolutions-IAM5',
      );
      const add = (kind: WalkedStatement['kind'], document: unknown) => {
        for (const statement of asArray((document as { Statement?: PolicyStatementJson[] })?.Statement))
          out.push({ where, kind, statement, suppressed: rules });
      };
      switch (resource.Type) {
        case 'AWS::IAM::Policy':
        case 'AWS::IAM::ManagedPolicy':
          add('identity', p.PolicyDocument);
          break;
        case 'AWS::IAM::Role':
          add('trust', p.AssumeRolePolicyDocument);
          for (const policy of asArray(p.Policies as Array<{ PolicyDocument: unknown }>)) add('identity', policy.PolicyDocument);
          break;
        case 'AWS::SNS::TopicPolicy':
        case 'AWS::SQS::QueuePolicy':
          add('resource', p.PolicyDocument);
          break;
        case 'AWS::KMS::Key':
          add('resource', p.KeyPolicy);
          break;
        case 'AWS::Lambda::Permission':
          out.push({
            where,
            kind: 'resource',
            statement: {
              Effect: 'Allow',
              Action: p.Action as string,
              Principal: { Service: p.Principal },
              Condition: { ArnLike: { 'aws:SourceArn': p.SourceArn as never }, StringEquals: { 'aws:SourceAccount': p.SourceAccount as never } },
            },
            suppressed: [],
          });
          break;
      }
    }
  }
  return out;
}

/** Condition keys that tie a service principal to Goldsmith's own resources. CloudWatch Logs names its log group in the encryption context instead. */
const SOURCE_KEYS = ['aws:SourceArn', 'aws:SourceAccount', 'kms:EncryptionContext:aws:logs:arn'];
/** EC2 and Lambda assume roles without source context keys, so their trust policies cannot carry them. */
const NO_SOURCE_CONTEXT = ['ec2.amazonaws.com', 'lambda.amazonaws.com'];
/** What the AWS backend adds to a function's catalogue actions: its logs, X-Ray, the keys of what it writes to, its dead-letter queue. */
const BACKEND_ACTIONS = [
  'logs:CreateLogStream',
  'logs:PutLogEvents',
  'xray:PutTraceSegments',
  'xray:PutTelemetryRecords',
  'kms:Decrypt',
  'kms:GenerateDataKey',
  'sqs:SendMessage',
];

describe('Stacks: IAM', () => {
  let app: SynthesizedApp;
  let model: AppModel;
  beforeAll(async () => {
    app = await synthesizedApp();
    ({ model } = await exampleModel());
  }, 240_000);

  it('finds the policies it walks', () => {
    // Prepare
    const statements = walk(app);
    // Act
    const kinds = new Set(statements.map((s) => s.kind));
    // Assess
    expect(statements.length).toBeGreaterThan(100);
    expect(kinds).toEqual(new Set(['identity', 'resource', 'trust']));
  });

  it('allows no action with a wildcard anywhere', () => {
    // Prepare
    const allows = walk(app).filter((s) => s.statement.Effect === 'Allow');
    // Act
    const wildcards = allows.flatMap((s) =>
      asArray(s.statement.Action)
        .filter((a) => a.includes('*'))
        .map((a) => `${s.where}: ${a}`),
    );
    // Assess
    expect(wildcards).toEqual([]);
  });

  it('gives every identity-policy wildcard resource a condition or an IAM5 suppression naming it', () => {
    // Prepare
    const identity = walk(app).filter((s) => s.kind === 'identity' && s.statement.Effect === 'Allow');
    // Act
    const unjustified = identity.flatMap((s) =>
      asArray(s.statement.Resource)
        .map(flatten)
        .filter((resource) => resource.includes('*'))
        .filter((resource) => !s.statement.Condition && !s.suppressed.some((r) => !r.appliesTo || r.appliesTo.includes(`Resource::${resource}`)))
        .map((resource) => `${s.where}: ${resource}`),
    );
    // Assess
    expect(unjustified).toEqual([]);
  });

  it('ties every service principal of a resource or trust policy to this account or Goldsmith’s resources', () => {
    // Prepare
    const services = walk(app).filter((s) => s.statement.Effect === 'Allow' && typeof (s.statement.Principal as { Service?: unknown })?.Service === 'string');
    // Act
    const untied = services
      .filter((s) => !NO_SOURCE_CONTEXT.includes((s.statement.Principal as { Service: string }).Service))
      .filter((s) => !Object.values(s.statement.Condition ?? {}).some((keys) => SOURCE_KEYS.some((key) => key in keys)))
      .map((s) => `${s.where}: ${JSON.stringify(s.statement.Principal)}`);
    // Assess
    expect(services.length).toBeGreaterThan(5);
    expect(untied).toEqual([]);
  });

  it('allows anyone (Principal *) only under conditions', () => {
    // Prepare
    const open = walk(app).filter((s) => s.statement.Effect === 'Allow' && JSON.stringify(s.statement.Principal) === JSON.stringify({ AWS: '*' }));
    // Act
    const unconditioned = open.filter((s) => !s.statement.Condition).map((s) => s.where);
    // Assess
    expect(open.length).toBeGreaterThan(0);
    expect(unconditioned).toEqual([]);
  });

  it('gives each function its own role with exactly its catalogue actions', () => {
    const roles = new Set<string>();
    for (const fn of model.functions) {
      // Prepare
      const { properties } = resourceWith(app, 'AWS::Lambda::Function', 'FunctionName', fn.name);
      const roleId = (properties.Role as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'][0];
      // Act
      const actions = new Set(roleStatements(app, 'Release', roleId).flatMap((s) => asArray(s.Action)));
      const catalogue = new Set(fn.actions);
      // Assess
      roles.add(roleId);
      expect(
        [...catalogue].filter((a) => !actions.has(a)),
        `${fn.key} lacks`,
      ).toEqual([]);
      expect(
        [...actions].filter((a) => !catalogue.has(a) && !BACKEND_ACTIONS.includes(a)),
        `${fn.key} has extra`,
      ).toEqual([]);
    }
    expect(roles.size).toBe(model.functions.length);
  });

  it('attaches no AWS managed policy to any role', () => {
    // Prepare
    const roles = resourcesOfType(app, 'AWS::IAM::Role');
    // Act
    const managed = roles.flatMap((r) => asArray(r.properties.ManagedPolicyArns as unknown[]).map((arn) => `${r.logicalId}: ${flatten(arn)}`));
    // Assess
    expect(managed).toEqual([]);
  });
});
