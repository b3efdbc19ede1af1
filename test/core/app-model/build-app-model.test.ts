import { beforeAll, describe, expect, it } from 'vitest';
import {
  type AppModel,
  AppModelError,
  buildAppModel,
  danglingRefs,
  findResource,
  InvalidStageError,
  NAME_LIMITS,
  ref,
  resolveReference,
  resourcesOf,
} from '../../../core/app-model/index.ts';
import { type LoadedConfig, loadConfig } from '../../../core/config/index.ts';
import { functions } from '../../../core/release/catalogue.ts';
import { ScheduledRelease, UpstreamWatchInput } from '../../../core/release/events.ts';
import { workflows } from '../../../statemachines/index.ts';
import { componentText, resolvedOf } from './app-model-fixture.ts';

let example: LoadedConfig;
let model: AppModel;

beforeAll(async () => {
  example = await loadConfig(new URL('../../../goldsmith.config.ts', import.meta.url).pathname);
  model = buildAppModel(example, { stage: 'local' });
});

describe('App model: the example fleet', () => {
  it('describes every resource once, with no reference left dangling', () => {
    // Act
    const resources = resourcesOf(model);
    // Assess
    const count = (kind: string) => resources.filter((r) => r.kind === kind).length;
    expect(count('component')).toBe(6);
    expect([count('imageRecipe'), count('infrastructureConfiguration'), count('distributionConfiguration'), count('imagePipeline')]).toEqual([1, 1, 1, 1]);
    expect(count('function')).toBe(functions.length);
    expect(count('stateMachine')).toBe(2);
    expect(model.rules.map((r) => r.key)).toEqual(['image-state-change', 'instance-refresh', 'release-requested']);
    expect(model.schedules.map((s) => s.key)).toEqual(['web-server/release']);
    expect(model.topics.map((t) => t.name)).toEqual(['acme-platform-local-notifications', 'web-server-image-releases']);
    expect(model.tables.map((t) => t.name)).toEqual(['acme-platform-local-releases', 'acme-platform-local-idempotency']);
    expect(model.secrets.map((s) => s.name)).toEqual(['goldsmith/slack/platform-releases']);
    expect(new Set(resources.map((r) => `${r.kind}/${r.key}`)).size).toBe(resources.length);
    expect(danglingRefs(model)).toEqual([]);
  });

  it('uploads each component document as is, under a content-derived version', () => {
    // Act
    const nginx = model.components.find((c) => c.path === 'components/install-nginx.yml');
    // Assess
    expect(nginx).toMatchObject({ name: 'acme-platform-install-nginx', platform: 'Linux', data: componentText('components/install-nginx.yml') });
    expect(nginx?.version).toMatch(/^1\.0\.\d+$/);
    expect(nginx?.version).toBe(example.components.find((c) => c.path === 'components/install-nginx.yml')?.version);
  });

  it('builds the recipe on the parent parameter, with its components in order and an encrypted root volume', () => {
    // Act
    const [recipe] = model.imageRecipes;
    // Assess
    expect(recipe.name).toBe('acme-platform-web-server');
    expect(recipe.parentImage).toBe('ssm:/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64');
    expect(recipe.components.map((c) => c.componentArn.name)).toEqual([
      'acme-platform-basic-hardening',
      'acme-platform-set-timezone-and-locale',
      'acme-platform-install-nginx',
      'acme-platform-install-cloudwatch-agent',
      'acme-platform-test-nginx-running',
      'acme-platform-test-http-port',
    ]);
    expect(recipe.components[1].parameters).toEqual([
      { name: 'TimeZone', value: ['Europe/Berlin'] },
      { name: 'Locale', value: ['en_US.UTF-8'] },
    ]);
    expect(recipe.blockDeviceMappings).toEqual([
      { deviceName: '/dev/xvda', ebs: { encrypted: true, deleteOnTermination: true, kmsKeyId: 'alias/aws/ebs', volumeSize: 20, volumeType: 'gp3' } },
    ]);
  });

  it('requires IMDSv2 on build instances, terminates them on failure, and reports builds to the Goldsmith topic', () => {
    // Act
    const [infra] = model.infrastructureConfigurations;
    // Assess
    expect(infra.instanceMetadataOptions.httpTokens).toBe('required');
    expect(infra.terminateInstanceOnFailure).toBe(true);
    expect(infra.instanceTypes).toEqual(['t3.medium']);
    expect(infra.snsTopicArn).toEqual(ref('topic', 'goldsmith'));
    expect(infra.instanceProfileName).toEqual(ref('instanceProfile', 'web-server', 'name'));
    expect(findResource(model, ref('instanceProfile', 'web-server'))?.name).toBe('acme-platform-local-web-server-build');
    expect(model.roles.find((r) => r.key === 'web-server-build')?.managedPolicyArns).toContain('arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore');
  });

  it('distributes to every region with a unique AMI name and its KMS key, shared with nobody', () => {
    // Act
    const [distribution] = model.distributionConfigurations;
    // Assess
    expect(distribution.distributions.map((d) => d.region)).toEqual(['eu-central-1', 'eu-west-1']);
    for (const { amiDistributionConfiguration: ami } of distribution.distributions) {
      expect(ami.name).toBe('acme-platform-web-server-{{ imagebuilder:buildDate }}');
      expect(ami.kmsKeyId).toBe('alias/aws/ebs');
      expect(ami.launchPermission).toBeUndefined();
      expect(ami.amiTags).toMatchObject({ 'goldsmith:pipeline': 'web-server', 'goldsmith:managed': 'true', team: 'platform' });
    }
  });

  it("turns Image Builder's own schedule off and scanning and enhanced metadata on", () => {
    // Act
    const [pipeline] = model.imagePipelines;
    // Assess
    expect(pipeline).toMatchObject({
      name: 'acme-platform-web-server',
      schedule: undefined,
      status: 'ENABLED',
      enhancedImageMetadataEnabled: true,
      imageScanningConfiguration: { imageScanningEnabled: true },
      imageTestsConfiguration: { imageTestsEnabled: true, timeoutMinutes: 240 },
      imageRecipeArn: ref('imageRecipe', 'web-server'),
    });
  });

  it('gives every catalogue function its entry, runtime, architecture and the environment its keys ask for', () => {
    // Act
    const byKey = new Map(model.functions.map((fn) => [fn.key, fn]));
    // Assess
    for (const spec of functions) {
      const fn = byKey.get(spec.name);
      expect(fn, spec.name).toMatchObject({ entry: `functions/${spec.name}.ts`, handler: 'index.handler', runtime: 'nodejs24.x', architecture: 'arm64' });
      expect(fn?.name.length).toBeLessThanOrEqual(NAME_LIMITS.function);
      expect(fn?.actions).toEqual(spec.actions);
    }
    expect(byKey.get('trigger-release')?.environment).toEqual({
      POWERTOOLS_SERVICE_NAME: 'goldsmith',
      POWERTOOLS_METRICS_NAMESPACE: 'Goldsmith',
      GOLDSMITH_IDEMPOTENCY_TABLE: ref('table', 'idempotency', 'name'),
      GOLDSMITH_RELEASE_STATE_MACHINE_ARN: ref('stateMachine', 'release'),
      GOLDSMITH_CONFIG_FILE: 'goldsmith.config.json',
    });
    expect(byKey.get('notify-release')?.environment).toMatchObject({
      GOLDSMITH_TABLE: ref('table', 'release', 'name'),
      GOLDSMITH_TOPIC_ARN: ref('topic', 'goldsmith'),
      GOLDSMITH_SLACK_SECRET_ID: ref('secret', 'goldsmith/slack/platform-releases', 'name'),
    });
    expect(byKey.get('retire-images')?.timeoutSeconds).toBe(300);
    expect(byKey.get('start-build')?.environment).not.toHaveProperty('GOLDSMITH_TABLE');
  });

  it('fills every substitution of every workflow with a function, a state machine or the bus', () => {
    // Act
    const machines = new Map(model.stateMachines.map((m) => [m.key, m]));
    // Assess
    expect(model.stateMachines.map((m) => m.key)).toEqual(['rollout-wave', 'release']);
    for (const workflow of workflows) {
      const machine = machines.get(workflow.name);
      expect(Object.keys(machine?.substitutions ?? {}).sort()).toEqual([...workflow.substitutions].sort());
      expect(machine?.definitionFile).toBe(`statemachines/${workflow.file}`);
    }
    const release = machines.get('release');
    expect(release?.substitutions.PlanReleaseFunctionArn).toEqual(ref('function', 'plan-release'));
    expect(release?.substitutions.RolloutWaveStateMachineArn).toEqual(ref('stateMachine', 'rollout-wave'));
    expect(release?.substitutions.EventBusName).toBe('default');
  });

  it("listens to terminal image states of the project's recipes and to every instance refresh, with retries and a dead-letter queue", () => {
    // Act
    const rules = new Map(model.rules.map((r) => [r.key, r]));
    // Assess
    expect(rules.get('image-state-change')?.eventPattern).toEqual({
      source: ['aws.imagebuilder'],
      'detail-type': ['EC2 Image Builder Image State Change'],
      resources: [{ wildcard: 'arn:aws:imagebuilder:*:*:image/acme-platform-*' }],
      detail: { state: { status: ['AVAILABLE', 'FAILED', 'CANCELLED'] } },
    });
    // No group list: a pattern naming every group outgrows EventBridge's 2,048-character default pattern quota on a large fleet.
    const refresh = rules.get('instance-refresh')?.eventPattern;
    expect(refresh?.source).toEqual(['aws.autoscaling']);
    expect(refresh?.['detail-type']).toEqual(
      expect.arrayContaining(['EC2 Auto Scaling Instance Refresh Succeeded', 'EC2 Auto Scaling Instance Refresh Failed']),
    );
    expect(refresh?.detail).toBeUndefined();
    expect(rules.get('release-requested')?.eventPattern).toEqual({ source: ['goldsmith'], 'detail-type': ['Release Requested'] });
    expect(rules.get('image-state-change')?.targets.map((t) => t.id)).toEqual(['on-image-event']);
    for (const rule of model.rules) {
      for (const target of rule.targets) {
        expect(target.retryPolicy).toEqual({ maximumRetryAttempts: 185, maximumEventAgeInSeconds: 86_400 });
        expect(target.deadLetterQueueArn).toEqual(ref('queue', 'dead-letters'));
      }
    }
  });

  it('schedules the monthly release in its time zone, with the payload trigger-release parses', () => {
    // Act
    const [schedule] = model.schedules;
    const filled = schedule.target.input.replace('<aws.scheduler.scheduled-time>', '2026-12-08T02:00:00Z').replace('<aws.scheduler.execution-id>', 'e-1');
    // Assess
    expect(schedule).toMatchObject({ expression: 'cron(0 3 ? * TUE#2 *)', timezone: 'Europe/Berlin', groupName: 'default', pipeline: 'web-server' });
    expect(schedule.target.arn).toEqual(ref('function', 'trigger-release'));
    expect(ScheduledRelease.parse(JSON.parse(filled))).toEqual({ kind: 'scheduled', pipeline: 'web-server', scheduledTime: '2026-12-08T02:00:00Z', id: 'e-1' });
  });

  it('keys the release table by pk and sk and the idempotency table by id, each with its TTL attribute', () => {
    // Act
    const [release, idempotency] = model.tables;
    // Assess
    expect(release).toMatchObject({ partitionKey: { name: 'pk', type: 'S' }, sortKey: { name: 'sk', type: 'S' }, timeToLiveAttribute: 'expiresAt' });
    expect(idempotency).toMatchObject({ partitionKey: { name: 'id', type: 'S' }, timeToLiveAttribute: 'expiration' });
    expect(idempotency.sortKey).toBeUndefined();
  });

  it('creates the Slack webhook secret empty, whatever the config says', () => {
    // Act
    const [secret] = model.secrets;
    // Assess
    expect(secret.initialValue).toBeUndefined();
    expect(secret.retain).toBe(true);
  });

  it('names the channel parameters of every distribution region', () => {
    // Assess
    expect(model.channels).toEqual([
      { pipeline: 'web-server', channel: 'candidate', name: '/goldsmith/web-server/candidate', regions: ['eu-central-1', 'eu-west-1'] },
      { pipeline: 'web-server', channel: 'stable', name: '/goldsmith/web-server/stable', regions: ['eu-central-1', 'eu-west-1'] },
    ]);
  });

  it("resolves references to AWS's ARN formats in a deployment's account and region", () => {
    // Prepare
    const scope = { account: '123456789012', region: 'eu-central-1' };
    // Act
    const arn = (kind: Parameters<typeof ref>[0], key: string) => resolveReference(model, ref(kind, key), scope);
    // Assess
    expect(arn('function', 'plan-release')).toBe('arn:aws:lambda:eu-central-1:123456789012:function:acme-platform-local-plan-release');
    expect(arn('stateMachine', 'release')).toBe('arn:aws:states:eu-central-1:123456789012:stateMachine:acme-platform-local-release');
    expect(arn('imagePipeline', 'web-server')).toBe('arn:aws:imagebuilder:eu-central-1:123456789012:image-pipeline/acme-platform-web-server');
    expect(arn('imageRecipe', 'web-server')).toBe(
      `arn:aws:imagebuilder:eu-central-1:123456789012:image-recipe/acme-platform-web-server/${model.imageRecipes[0].version}`,
    );
    expect(arn('role', 'scheduler')).toBe('arn:aws:iam::123456789012:role/acme-platform-local-scheduler');
    expect(resolveReference(model, ref('table', 'release', 'name'), scope)).toBe('acme-platform-local-releases');
  });
});

describe('App model: other fleets', () => {
  it('listens to the parent of a chained pipeline and watches an upstream parameter', () => {
    // Prepare
    const resolved = resolvedOf({
      project: 'acme',
      region: 'eu-central-1',
      pipelines: [
        {
          name: 'base',
          parentImage: '/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64',
          components: ['components/basic-hardening.yml'],
          upstreamWatch: { expression: 'rate(1 day)' },
        },
        { name: 'web', parentImage: 'pipeline:base', components: ['components/install-nginx.yml'] },
      ],
    });
    // Act
    const chained = buildAppModel(resolved, { stage: 'dev' });
    // Assess
    const published = chained.rules.find((r) => r.key === 'image-published');
    expect(published?.eventPattern).toEqual({ source: ['goldsmith'], 'detail-type': ['Goldsmith Image Published'], detail: { pipeline: ['base'] } });
    expect(published?.targets.map((t) => t.id)).toEqual(['trigger-release']);
    expect(chained.rules.map((r) => r.key)).not.toContain('instance-refresh');
    // One wildcard on the project covers both recipes (acme-base, acme-web), however many pipelines there are.
    expect(chained.rules.find((r) => r.key === 'image-state-change')?.eventPattern.resources).toEqual([{ wildcard: 'arn:aws:imagebuilder:*:*:image/acme-*' }]);
    expect(chained.imageRecipes.find((r) => r.key === 'web')?.parentImage).toBe('ssm:/goldsmith/base/stable');
    const watch = chained.schedules.find((s) => s.key === 'base/upstream-watch');
    expect(watch?.target.arn).toEqual(ref('function', 'watch-upstream'));
    expect(UpstreamWatchInput.parse(JSON.parse(watch?.target.input.replace('<aws.scheduler.scheduled-time>', '2026-12-08T02:00:00Z') ?? '{}'))).toMatchObject({
      kind: 'upstream-watch',
      pipeline: 'base',
    });
    expect(chained.secrets).toEqual([]);
    expect(chained.functions.find((f) => f.key === 'notify-release')?.environment).not.toHaveProperty('GOLDSMITH_SLACK_SECRET_ID');
  });

  it('shares the AMI with the accounts the config names, and never publicly', () => {
    // Prepare
    const resolved = resolvedOf({
      project: 'acme',
      region: 'eu-central-1',
      pipelines: [
        {
          name: 'web',
          parentImage: '/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64',
          components: ['components/install-nginx.yml'],
          distribution: { launchPermissions: { accounts: ['111122223333'] }, kmsKeys: { default: 'alias/goldsmith-ami' } },
        },
      ],
    });
    // Act
    const [distribution] = buildAppModel(resolved, { stage: 'prod' }).distributionConfigurations;
    // Assess
    expect(distribution.distributions).toHaveLength(1);
    expect(distribution.distributions[0].amiDistributionConfiguration.launchPermission).toEqual({ userIds: ['111122223333'] });
    expect(JSON.stringify(distribution)).not.toMatch(/"all"/);
  });

  it('uses the instance profile a pipeline names instead of creating one', () => {
    // Prepare
    const resolved = resolvedOf({
      project: 'acme',
      region: 'eu-central-1',
      pipelines: [
        {
          name: 'web',
          parentImage: 'ami-0123456789abcdef0',
          components: ['components/install-nginx.yml'],
          buildInstance: { instanceProfileName: 'existing-builder' },
        },
      ],
    });
    // Act
    const custom = buildAppModel(resolved, { stage: 'prod' });
    // Assess
    expect(custom.infrastructureConfigurations[0].instanceProfileName).toBe('existing-builder');
    expect(custom.instanceProfiles).toEqual([]);
    expect(custom.schedules).toEqual([]);
    expect(custom.roles.map((r) => r.key)).not.toContain('scheduler');
  });
});

describe('App model: bad options', () => {
  it('throws InvalidStageError naming the stage and the rule', () => {
    // Act
    const act = () => buildAppModel(example, { stage: 'Prod_1' });
    // Assess
    expect(act).toThrow(InvalidStageError);
    expect(act).toThrow("Stage 'Prod_1' is not valid: use 1–16 lowercase letters, digits and hyphens, starting with a letter (e.g. 'local', 'prod').");
  });

  it('throws AppModelError when the home region is not the config region', () => {
    // Act
    const act = () => buildAppModel(example, { stage: 'prod', homeRegion: 'us-east-1' });
    // Assess
    expect(act).toThrow(AppModelError);
    expect(act).toThrow('The home Region us-east-1 differs from the config');
  });

  it('throws AppModelError when the credentials are for another account than the config pins', () => {
    // Prepare
    const pinned = { ...example, config: { ...example.config, account: '111122223333' } };
    // Act
    const act = () => buildAppModel(pinned, { stage: 'prod', account: '444455556666' });
    // Assess
    expect(act).toThrow('The config pins account 111122223333, but the credentials are for account 444455556666');
  });

  it('keeps long names within AWS limits, and distinct', () => {
    // Prepare
    const resolved = resolvedOf({
      project: 'a-very-long-project1',
      region: 'eu-central-1',
      pipelines: ['a', 'b'].map((suffix) => ({
        name: `a-pipeline-name-of-thirty-char-${suffix}`,
        parentImage: '/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64',
        components: ['components/install-nginx.yml'],
        schedule: { expression: 'cron(0 3 ? * TUE#2 *)' },
      })),
    });
    // Act
    const long = buildAppModel(resolved, { stage: 'a-long-stage-abc' });
    // Assess
    const names = long.schedules.map((s) => s.name);
    expect(names.every((name) => name.length <= NAME_LIMITS.schedule)).toBe(true);
    expect(new Set(names).size).toBe(2);
    expect(long.functions.every((fn) => fn.name.length <= NAME_LIMITS.function)).toBe(true);
  });
});
