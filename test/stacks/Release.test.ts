import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { isRuntimeProvided } from '../../adapters/aws/runtime-provided-sdk.ts';
import { type AppModel, findResource } from '../../core/app-model/index.ts';
import type { LoadedConfig } from '../../core/config/index.ts';
import { serializeReleaseConfig } from '../../core/release/release-config.ts';
import { exampleModel, type SynthesizedApp, synthesizedApp } from './synthesized-app.ts';
import { NAME_PROPERTY, referencedId, referencedResource, resourceById, resourcesOfType, resourceWith } from './template-queries.ts';

describe('Stack: Release', () => {
  let app: SynthesizedApp;
  let model: AppModel;
  let config: LoadedConfig;
  beforeAll(async () => {
    app = await synthesizedApp();
    ({ model, config } = await exampleModel());
  }, 240_000);

  it('runs every function on nodejs24.x arm64 with X-Ray tracing and Powertools settings', () => {
    // Prepare
    const functions = resourcesOfType(app, 'AWS::Lambda::Function');
    // Act
    const settings = functions.map((f) => ({
      runtime: f.properties.Runtime,
      architectures: f.properties.Architectures,
      tracing: f.properties.TracingConfig,
      service: (f.properties.Environment as { Variables: Record<string, unknown> }).Variables.POWERTOOLS_SERVICE_NAME,
      namespace: (f.properties.Environment as { Variables: Record<string, unknown> }).Variables.POWERTOOLS_METRICS_NAMESPACE,
    }));
    // Assess
    expect(functions).toHaveLength(model.functions.length);
    for (const setting of settings) {
      expect(setting).toEqual({ runtime: 'nodejs24.x', architectures: ['arm64'], tracing: { Mode: 'Active' }, service: 'goldsmith', namespace: 'Goldsmith' });
    }
  });

  it('ships the resolved config in every function bundle, under the name GOLDSMITH_CONFIG_FILE gives', () => {
    // Prepare
    const expected = serializeReleaseConfig(config);
    // Act
    const shipped = resourcesOfType(app, 'AWS::Lambda::Function').map((f) => ({
      file: (f.properties.Environment as { Variables: Record<string, unknown> }).Variables.GOLDSMITH_CONFIG_FILE,
      text: readFileSync(join(app.functionAssets[f.logicalId], model.configFile), 'utf8'),
    }));
    // Assess
    expect(shipped).toHaveLength(model.functions.length);
    for (const { file, text } of shipped) {
      expect(file === undefined || file === model.configFile).toBe(true);
      expect(text).toBe(expected);
    }
    expect(shipped.filter((s) => s.file === 'goldsmith.config.json')).toHaveLength(model.functions.filter((f) => f.envKeys.includes('configFile')).length);
  });

  it('bundles every function without the AWS SDK the runtime provides, which it loads with require', () => {
    // Prepare
    const bundles = resourcesOfType(app, 'AWS::Lambda::Function').map((f) => {
      const dir = join(app.functionAssets[f.logicalId], 'functions');
      return readdirSync(dir)
        .filter((file) => file.endsWith('.mjs'))
        .map((file) => readFileSync(join(dir, file), 'utf8'))
        .join('');
    });
    // Act
    const loads = bundles.map((code) => [...code.matchAll(/[\w$]+\("(@(?:aws-sdk|smithy|aws-crypto)\/[^"\s]+)"\)/g)].map((m) => m[1]));
    // Assess
    expect(bundles).toHaveLength(model.functions.length);
    for (const [i, code] of bundles.entries()) {
      expect(loads[i].some((path) => path.startsWith('@aws-sdk/client-'))).toBe(true);
      expect(loads[i].filter((path) => !isRuntimeProvided(path))).toEqual([]);
      expect(code).not.toMatch(/from\s*"@(aws-sdk|smithy|aws-crypto)\//);
    }
  });

  it('fills each function environment with the model values, references becoming Refs to the right resources', () => {
    for (const fn of model.functions) {
      // Prepare
      const { properties } = resourceWith(app, 'AWS::Lambda::Function', 'FunctionName', fn.name);
      // Act
      const variables = (properties.Environment as { Variables: Record<string, unknown> }).Variables;
      // Assess
      for (const [name, value] of Object.entries(fn.environment)) {
        if (typeof value === 'string') {
          expect(variables[name], `${fn.key} ${name}`).toBe(value);
          continue;
        }
        const expected = findResource(model, value)?.name;
        const target = referencedResource(app, 'Release', variables[name]);
        const physical = target ? target.properties[NAME_PROPERTY[target.resource.Type]] : variables[name];
        expect(physical, `${fn.key} ${name}`).toBe(expected);
      }
    }
  });

  it('makes every state machine Standard, logging ALL events to a KMS-encrypted log group, traced with X-Ray', () => {
    for (const machine of model.stateMachines) {
      // Prepare
      const { properties } = resourceWith(app, 'AWS::StepFunctions::StateMachine', 'StateMachineName', machine.name);
      const logging = properties.LoggingConfiguration as {
        Level: string;
        IncludeExecutionData: boolean;
        Destinations: Array<{ CloudWatchLogsLogGroup: { LogGroupArn: unknown } }>;
      };
      // Act
      const logGroup = resourceById(app, 'Release', referencedId(logging.Destinations[0].CloudWatchLogsLogGroup.LogGroupArn) as string);
      // Assess
      expect(properties.StateMachineType).toBe('STANDARD');
      expect(properties.TracingConfiguration).toEqual({ Enabled: true });
      expect(logging.Level).toBe('ALL');
      expect(logging.IncludeExecutionData).toBe(true);
      expect(logGroup.Type).toBe('AWS::Logs::LogGroup');
      expect(resourceById(app, 'Release', referencedId(logGroup.Properties?.KmsKeyId) as string).Type).toBe('AWS::KMS::Key');
    }
  });

  it('gives the tables point-in-time recovery, on-demand billing and the TTL attribute of the model', () => {
    for (const table of model.tables) {
      // Prepare
      const { properties } = resourceWith(app, 'AWS::DynamoDB::Table', 'TableName', table.name);
      // Act
      const settings = { pitr: properties.PointInTimeRecoverySpecification, ttl: properties.TimeToLiveSpecification, billing: properties.BillingMode };
      // Assess
      expect(settings).toEqual({
        pitr: { PointInTimeRecoveryEnabled: true },
        ttl: { AttributeName: table.timeToLiveAttribute, Enabled: true },
        billing: 'PAY_PER_REQUEST',
      });
    }
  });

  it('gives every rule target the retry policy of the model and the encrypted dead-letter queue', () => {
    for (const rule of model.rules) {
      // Prepare
      const { properties } = resourceWith(app, 'AWS::Events::Rule', 'Name', rule.name);
      // Act
      const targets = properties.Targets as Array<{ RetryPolicy: unknown; DeadLetterConfig: { Arn: unknown }; Arn: unknown }>;
      // Assess
      expect(properties.EventPattern).toEqual(rule.eventPattern);
      expect(targets).toHaveLength(rule.targets.length);
      for (const target of targets) {
        expect(target.RetryPolicy).toEqual({ MaximumEventAgeInSeconds: 86_400, MaximumRetryAttempts: 185 });
        const queue = resourceById(app, 'Release', referencedId(target.DeadLetterConfig.Arn) as string);
        expect(queue.Type).toBe('AWS::SQS::Queue');
        expect(queue.Properties?.KmsMasterKeyId).toBeDefined();
      }
    }
  });

  it('lets only its rule invoke a rule target, and only Goldsmith rules write to the dead-letter queue', () => {
    // Prepare
    const permissions = resourcesOfType(app, 'AWS::Lambda::Permission');
    const queuePolicy = resourcesOfType(app, 'AWS::SQS::QueuePolicy')[0];
    // Act
    const statements = (queuePolicy.properties.PolicyDocument as { Statement: Array<{ Effect: string; Principal?: unknown; Condition?: unknown }> }).Statement;
    // Assess
    expect(permissions).toHaveLength(model.rules.reduce((n, r) => n + r.targets.length, 0));
    for (const { properties } of permissions) {
      expect(properties.Principal).toBe('events.amazonaws.com');
      expect(referencedId(properties.SourceArn)).toMatch(/^Rule/);
      expect(properties.SourceAccount).toEqual({ Ref: 'AWS::AccountId' });
    }
    expect(statements).toContainEqual(expect.objectContaining({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }));
    for (const statement of statements.filter((s) => s.Effect === 'Allow')) {
      expect(statement.Principal).toEqual({ Service: 'events.amazonaws.com' });
      expect(statement.Condition).toHaveProperty(['ArnEquals', 'aws:SourceArn']);
    }
  });

  it('schedules each pipeline with its cron and time zone, a retry policy and the dead-letter queue', () => {
    for (const schedule of model.schedules) {
      // Prepare
      const { properties } = resourceWith(app, 'AWS::Scheduler::Schedule', 'Name', schedule.name);
      // Act
      const target = properties.Target as { RetryPolicy: unknown; DeadLetterConfig: { Arn: unknown }; RoleArn: unknown; Input: string };
      // Assess
      expect(properties.ScheduleExpression).toBe(schedule.expression);
      expect(properties.ScheduleExpressionTimezone).toBe(schedule.timezone);
      expect(properties.FlexibleTimeWindow).toEqual({ Mode: 'OFF' });
      expect(target.RetryPolicy).toEqual({ MaximumEventAgeInSeconds: 86_400, MaximumRetryAttempts: 185 });
      expect(resourceById(app, 'Release', referencedId(target.DeadLetterConfig.Arn) as string).Type).toBe('AWS::SQS::Queue');
      expect(resourceById(app, 'Release', referencedId(target.RoleArn) as string).Properties?.RoleName).toBe(
        model.roles.find((r) => r.key === schedule.target.roleArn.name)?.name,
      );
      expect(target.Input).toBe(schedule.target.input);
    }
    expect(model.schedules.find((s) => s.pipeline === 'web-server')).toMatchObject({ expression: 'cron(0 3 ? * TUE#2 *)', timezone: 'Europe/Berlin' });
  });

  it('lets Scheduler assume its role only for this account', () => {
    // Prepare
    const role = resourceWith(app, 'AWS::IAM::Role', 'RoleName', model.roles.find((r) => r.principal === 'scheduler.amazonaws.com')?.name);
    // Act
    const [trust] = (role.properties.AssumeRolePolicyDocument as { Statement: Array<{ Principal: unknown; Condition: unknown }> }).Statement;
    // Assess
    expect(trust.Principal).toEqual({ Service: 'scheduler.amazonaws.com' });
    expect(trust.Condition).toMatchObject({ StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } } });
  });

  it('sends the failed asynchronous invocations of rule and schedule targets to the dead-letter queue', () => {
    // Prepare
    const targets = new Set([...model.rules.flatMap((r) => r.targets.map((t) => t.arn.name)), ...model.schedules.map((s) => s.target.arn.name)]);
    // Act
    const withDeadLetters = resourcesOfType(app, 'AWS::Lambda::Function')
      .filter((f) => f.properties.DeadLetterConfig)
      .map((f) => model.functions.find((fn) => fn.name === f.properties.FunctionName)?.key);
    // Assess
    expect(new Set(withDeadLetters)).toEqual(targets);
  });
});
