import { beforeAll, describe, expect, it } from 'vitest';
import type { AppModel } from '../../core/app-model/index.ts';
import { exampleModel, type SynthesizedApp, synthesizedApp } from './synthesized-app.ts';
import { type PolicyStatementJson, referencedId, resourceById, resourcesOfType, resourceWith } from './template-queries.ts';

describe('Stack: Notifications', () => {
  let app: SynthesizedApp;
  let model: AppModel;
  beforeAll(async () => {
    app = await synthesizedApp();
    ({ model } = await exampleModel());
  }, 240_000);

  it('encrypts every topic with a customer managed key that rotates', () => {
    for (const spec of model.topics) {
      // Prepare
      const { properties } = resourceWith(app, 'AWS::SNS::Topic', 'TopicName', spec.name);
      // Act
      const key = resourceById(app, 'Notifications', referencedId(properties.KmsMasterKeyId) as string);
      // Assess
      expect(key.Type).toBe('AWS::KMS::Key');
      expect(key.Properties?.EnableKeyRotation).toBe(true);
    }
  });

  it('denies publishing without SSL and ties the service principal to this account’s alarms', () => {
    for (const policy of resourcesOfType(app, 'AWS::SNS::TopicPolicy')) {
      // Prepare
      const statements = (policy.properties.PolicyDocument as { Statement: PolicyStatementJson[] }).Statement;
      // Act
      const deny = statements.find((s) => s.Effect === 'Deny');
      const services = statements.filter((s) => s.Effect === 'Allow');
      // Assess
      expect(deny).toMatchObject({ Action: 'sns:Publish', Principal: '*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } });
      expect(services.length).toBeGreaterThan(0);
      for (const statement of services) {
        expect(statement.Principal).toEqual({ Service: 'cloudwatch.amazonaws.com' });
        expect(statement.Condition).toMatchObject({
          StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } },
          ArnLike: { 'aws:SourceArn': expect.anything() },
        });
      }
    }
    expect(resourcesOfType(app, 'AWS::SNS::TopicPolicy')).toHaveLength(model.topics.length);
  });

  it('lets Image Builder’s service-linked role use the key by ARN condition, so the key deploys before the role exists', () => {
    // Prepare
    const [key] = resourcesOfType(app, 'AWS::KMS::Key').filter((k) => k.stack === 'Notifications');
    // Act
    const statement = (key.properties.KeyPolicy as { Statement: PolicyStatementJson[] }).Statement.find((s) => s.Sid === 'ImageBuilderPublishes');
    // Assess
    expect(statement?.Principal).toEqual({ AWS: '*' });
    expect(statement?.Action).toEqual(['kms:Decrypt', 'kms:GenerateDataKey']);
    expect(JSON.stringify(statement?.Condition)).toContain('AWSServiceRoleForImageBuilder');
    expect(statement?.Condition).toHaveProperty(['StringEquals', 'aws:PrincipalAccount']);
  });

  it('creates the Slack webhook secret empty, and keeps it when the stack is removed', () => {
    for (const spec of model.secrets) {
      // Prepare
      const { resource, properties } = resourceWith(app, 'AWS::SecretsManager::Secret', 'Name', spec.name);
      // Act
      const value = { string: properties.SecretString, generated: properties.GenerateSecretString };
      // Assess
      expect(value).toEqual({ string: undefined, generated: undefined });
      expect(resource.DeletionPolicy).toBe('Retain');
    }
    expect(model.secrets.map((s) => s.name)).toEqual(['goldsmith/slack/platform-releases']);
  });
});
