import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DescribeTimeToLiveCommand, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { ListRulesCommand, ListTargetsByRuleCommand } from '@aws-sdk/client-eventbridge';
import { GetComponentCommand, GetImagePipelineCommand, GetInfrastructureConfigurationCommand } from '@aws-sdk/client-imagebuilder';
import { InvokeCommand, ListFunctionsCommand } from '@aws-sdk/client-lambda';
import { GetScheduleCommand, ListSchedulesCommand } from '@aws-sdk/client-scheduler';
import { GetSecretValueCommand } from '@aws-sdk/client-secrets-manager';
import { DescribeStateMachineCommand, ListStateMachinesCommand } from '@aws-sdk/client-sfn';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BundleError } from '../../adapters/aws/bundle.ts';
import { type DeployOptions, deployApp } from '../../adapters/aws/local-deployer.ts';
import { type DeployClients, deployClients, destroyClients } from '../../adapters/aws/local-deployer-clients.ts';
import { ref, resolveReference } from '../../core/app-model/index.ts';
import { type LoadedConfig, resolveConfig } from '../../core/config/index.ts';
import { functions } from '../../core/release/catalogue.ts';
import { type LocalCloud, startLocalCloud } from '../../local-cloud/index.ts';
import { exampleConfig, ROOT } from './harness.ts';

/** Stand-in functions, so the deployer is tested apart from the real ones; plan-release reports what its bundle holds. */
function stubCodeDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'goldsmith-code-'));
  mkdirSync(join(dir, 'functions'));
  for (const fn of functions) writeFileSync(join(dir, 'functions', `${fn.name}.ts`), 'export const handler = async (event: unknown) => ({ event });\n');
  writeFileSync(
    join(dir, 'functions', 'plan-release.ts'),
    `import { readFileSync } from 'node:fs';
export const handler = async () => ({
  project: JSON.parse(readFileSync(\`\${process.env.LAMBDA_TASK_ROOT}/\${process.env.GOLDSMITH_CONFIG_FILE}\`, 'utf8')).config.project,
  trace: process.env.POWERTOOLS_TRACE_ENABLED,
  table: process.env.GOLDSMITH_TABLE,
});
`,
  );
  symlinkSync(join(ROOT, 'statemachines'), join(dir, 'statemachines'));
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'));
  return dir;
}

let cloud: LocalCloud;
let clients: DeployClients;
let codeDir: string;
let example: LoadedConfig;
let deploy: (overrides?: Partial<DeployOptions>) => ReturnType<typeof deployApp>;

beforeAll(async () => {
  cloud = await startLocalCloud({ port: 0, dataDir: false, timeScale: 0 });
  codeDir = stubCodeDir();
  example = await exampleConfig();
  const target = { region: 'eu-central-1', endpoint: cloud.endpoint, credentials: { accessKeyId: 'test', secretAccessKey: 'test' } };
  clients = deployClients(target);
  deploy = (overrides = {}) =>
    deployApp({
      resolved: example,
      stage: 'local',
      target,
      rootDir: codeDir,
      cacheDir: join(codeDir, '.bundles'),
      functionEnvironment: { POWERTOOLS_TRACE_ENABLED: 'false' },
      ...overrides,
    });
});

afterAll(async () => {
  destroyClients(clients);
  await cloud.stop();
  rmSync(codeDir, { recursive: true, force: true });
});

describe('Local deployer', () => {
  it('creates every resource of the app model through the AWS APIs', async () => {
    // Act
    const deployment = await deploy();
    // Assess
    const { model, scope } = deployment;
    expect(deployment.changes.every((c) => c.action === 'created')).toBe(true);
    const fnNames = (await clients.lambda.send(new ListFunctionsCommand({}))).Functions?.map((f) => f.FunctionName);
    expect(fnNames?.sort()).toEqual(model.functions.map((f) => f.name).sort());
    const release = await clients.sfn.send(
      new DescribeStateMachineCommand({ stateMachineArn: resolveReference(model, ref('stateMachine', 'release'), scope) }),
    );
    expect(release.definition).not.toContain('${');
    expect(release.definition).toContain(resolveReference(model, ref('function', 'plan-release'), scope));
    const pipeline = await clients.imageBuilder.send(
      new GetImagePipelineCommand({ imagePipelineArn: resolveReference(model, ref('imagePipeline', 'web-server'), scope) }),
    );
    expect(pipeline.imagePipeline?.schedule).toBeUndefined();
    expect(pipeline.imagePipeline?.imageScanningConfiguration?.imageScanningEnabled).toBe(true);
    const infra = await clients.imageBuilder.send(
      new GetInfrastructureConfigurationCommand({ infrastructureConfigurationArn: pipeline.imagePipeline?.infrastructureConfigurationArn }),
    );
    expect(infra.infrastructureConfiguration?.instanceMetadataOptions?.httpTokens).toBe('required');
    expect(infra.infrastructureConfiguration?.terminateInstanceOnFailure).toBe(true);
    const schedule = await clients.scheduler.send(new GetScheduleCommand({ Name: model.schedules[0].name, GroupName: 'default' }));
    expect(schedule).toMatchObject({ ScheduleExpression: 'cron(0 3 ? * TUE#2 *)', ScheduleExpressionTimezone: 'Europe/Berlin' });
    expect(schedule.Target?.Arn).toBe(resolveReference(model, ref('function', 'trigger-release'), scope));
    const targets = await clients.events.send(new ListTargetsByRuleCommand({ Rule: model.rules[0].name }));
    expect(targets.Targets?.[0]).toMatchObject({ Id: 'on-image-event', RetryPolicy: { MaximumRetryAttempts: 185, MaximumEventAgeInSeconds: 86_400 } });
    const ttl = await clients.dynamodb.send(new DescribeTimeToLiveCommand({ TableName: 'acme-platform-local-releases' }));
    expect(ttl.TimeToLiveDescription).toMatchObject({ AttributeName: 'expiresAt', TimeToLiveStatus: 'ENABLED' });
    const secret = clients.secrets.send(new GetSecretValueCommand({ SecretId: 'goldsmith/slack/platform-releases' }));
    await expect(secret).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
  });

  it('ships the resolved config in every bundle and sets local-only variables through the deploy', async () => {
    // Act
    const invoked = await clients.lambda.send(new InvokeCommand({ FunctionName: 'acme-platform-local-plan-release', Payload: Buffer.from('{}') }));
    // Assess
    expect(invoked.FunctionError).toBeUndefined();
    expect(JSON.parse(Buffer.from(invoked.Payload ?? []).toString())).toEqual({
      project: 'acme-platform',
      trace: 'false',
      table: 'acme-platform-local-releases',
    });
  });

  it('changes nothing and duplicates nothing when deployed again', async () => {
    // Act
    const again = await deploy();
    // Assess
    expect(again.changes.filter((c) => c.action !== 'unchanged')).toEqual([]);
    expect(again.bundlesCached).toBe(functions.length);
    expect((await clients.lambda.send(new ListFunctionsCommand({}))).Functions).toHaveLength(functions.length);
    expect((await clients.sfn.send(new ListStateMachinesCommand({}))).stateMachines).toHaveLength(2);
    expect((await clients.events.send(new ListRulesCommand({ NamePrefix: 'acme-platform-local-' }))).Rules).toHaveLength(3);
    expect((await clients.scheduler.send(new ListSchedulesCommand({}))).Schedules).toHaveLength(1);
    expect((await clients.dynamodb.send(new ListTablesCommand({}))).TableNames).toHaveLength(2);
  });

  it('creates a new component and recipe version when a document changes, and points the pipeline at it', async () => {
    // Prepare
    const sources = new Map(example.components.map((c) => [c.path, c.data]));
    sources.set('components/install-nginx.yml', `${sources.get('components/install-nginx.yml')}\n# tuned worker_connections\n`);
    const changed = { ...resolveConfig(example.config, sources), configPath: example.configPath, rootDir: example.rootDir };
    // Act
    const deployment = await deploy({ resolved: changed });
    // Assess
    // Functions carry the resolved config, which names the new versions, so they are updated too.
    const updated = new Set(deployment.changes.filter((c) => c.action !== 'unchanged').map((c) => `${c.action} ${c.kind}`));
    expect([...updated].sort()).toEqual(['created component', 'created image recipe', 'updated function', 'updated image pipeline']);
    expect(deployment.changes.filter((c) => c.kind === 'component' && c.action === 'created')).toHaveLength(1);
    const versionOf = (config: LoadedConfig) => config.components.find((c) => c.path === 'components/install-nginx.yml')?.version;
    expect(versionOf(changed)).not.toBe(versionOf(example));
    for (const version of [versionOf(example), versionOf(changed)]) {
      const arn = `arn:aws:imagebuilder:eu-central-1:123456789012:component/acme-platform-install-nginx/${version}`;
      const component = await clients.imageBuilder.send(new GetComponentCommand({ componentBuildVersionArn: arn }));
      expect(component.component?.version).toBe(version);
    }
    const pipeline = await clients.imageBuilder.send(
      new GetImagePipelineCommand({ imagePipelineArn: resolveReference(deployment.model, ref('imagePipeline', 'web-server'), deployment.scope) }),
    );
    expect(pipeline.imagePipeline?.imageRecipeArn).toBe(resolveReference(deployment.model, ref('imageRecipe', 'web-server'), deployment.scope));
    expect(deployment.model.imageRecipes[0].version).not.toBe(
      resolveConfig(example.config, new Map(example.components.map((c) => [c.path, c.data]))).pipelines[0].recipe.version,
    );
  });

  it('removes the schedule of a pipeline whose schedule was removed from the config', async () => {
    // Prepare
    const config = { ...example.config, pipelines: example.config.pipelines.map((p) => ({ ...p, schedule: undefined })) };
    const unscheduled = {
      ...resolveConfig(config, new Map(example.components.map((c) => [c.path, c.data]))),
      configPath: example.configPath,
      rootDir: example.rootDir,
    };
    // Act
    const deployment = await deploy({ resolved: unscheduled });
    // Assess
    expect(deployment.changes.filter((c) => c.kind === 'schedule')).toEqual([
      { kind: 'schedule', name: 'acme-platform-local-web-server-release', action: 'deleted' },
    ]);
    expect((await clients.scheduler.send(new ListSchedulesCommand({}))).Schedules).toEqual([]);
  });

  it('throws BundleError naming a missing entry point before it creates anything', async () => {
    // Prepare
    const emptyDir = mkdtempSync(join(tmpdir(), 'goldsmith-code-'));
    const calls = cloud.runtime.calls.length;
    // Act
    const act = deploy({ rootDir: emptyDir, stage: 'other' });
    // Assess
    await expect(act).rejects.toThrow(BundleError);
    await expect(act).rejects.toThrow(/Function entry points not found under .*: functions\/trigger-release\.ts/);
    expect(cloud.runtime.calls.slice(calls).map((c) => c.operation)).toEqual(['GetCallerIdentity']);
    rmSync(emptyDir, { recursive: true, force: true });
  });
});
