import { describe, expect, it } from 'vitest';
import { ConfigError, defineConfig, goldsmithConfigSchema, parseConfig, validateConfig } from '../../../core/config/index.ts';
import example from '../../../goldsmith.config.ts';
import { configInput, pipelineInput } from './config-fixture.ts';

describe('Config: defineConfig', () => {
  it('accepts the example fleet in goldsmith.config.ts', () => {
    // Prepare
    const [pipeline] = example.pipelines;

    // Act
    const reparsed = parseConfig(example);

    // Assess
    expect(reparsed).toEqual(example);
    expect(example.region).toBe('eu-central-1');
    expect(pipeline.name).toBe('web-server');
    expect(pipeline.parentImage).toBe('/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64');
    expect(pipeline.schedule).toEqual({ expression: 'cron(0 3 ? * TUE#2 *)', timezone: 'Europe/Berlin' });
    expect(pipeline.distribution.regions).toEqual(['eu-central-1', 'eu-west-1']);
    expect(pipeline.channels).toEqual({ candidate: '/goldsmith/web-server/candidate', stable: '/goldsmith/web-server/stable' });
    expect(pipeline.validation.findings).toEqual({ critical: 0, high: 2 });
    expect(pipeline.validation.smokeTests?.commands).toEqual(['systemctl is-active nginx', 'curl -fsS localhost']);
    expect(pipeline.rollout.waves.map((wave) => [wave.name, wave.targets.flatMap((target) => target.autoScalingGroups)])).toEqual([
      ['staging', ['web-staging']],
      ['production', ['web-production-a', 'web-production-b']],
    ]);
    expect(pipeline.retention.keep).toBe(3);
    expect(pipeline.notifications.slack?.webhookSecretName).toBe('goldsmith/slack/platform-releases');
  });

  it('fills the documented defaults', () => {
    // Prepare
    const input = configInput([
      {
        name: 'base',
        parentImage: '/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-arm64',
        architecture: 'arm64',
        components: ['components/a.yml'],
      },
    ]);

    // Act
    const config = defineConfig(input);

    // Assess
    const [pipeline] = config.pipelines;
    expect(config.tags).toEqual({});
    expect(pipeline.version).toBe('1.0');
    expect(pipeline.platform).toBe('Linux');
    expect(pipeline.description).toBe('Golden AMI pipeline base, managed by Goldsmith');
    expect(pipeline.components).toEqual([{ path: 'components/a.yml', parameters: {}, version: '1.0' }]);
    expect(pipeline.testComponents).toEqual([]);
    expect(pipeline.instanceTypes).toEqual(['t4g.medium']);
    expect(pipeline.rootVolume).toEqual({ volumeType: 'gp3', deviceName: '/dev/xvda' });
    expect(pipeline.buildInstance).toEqual({ additionalPolicyArns: [], securityGroupIds: [] });
    expect(pipeline.skipWhenUnchanged).toBe(true);
    expect(pipeline.distribution).toEqual({
      regions: ['eu-central-1'],
      launchPermissions: { accounts: [], organizations: [], organizationalUnits: [] },
      kmsKeys: { default: 'alias/aws/ebs' },
    });
    expect(pipeline.channels).toEqual({ candidate: '/goldsmith/base/candidate', stable: '/goldsmith/base/stable' });
    expect(pipeline.validation).toEqual({ findings: { critical: 0 } });
    expect(pipeline.approval).toBeUndefined();
    expect(pipeline.rollout).toEqual({ waves: [] });
    expect(pipeline.retention).toEqual({ keep: 3 });
    expect(pipeline.notifications).toEqual({});
    expect(pipeline.timeouts).toEqual({ buildMinutes: 240, validationMinutes: 60, publishMinutes: 15, waveMinutes: 240 });
  });

  it('fills refresh preferences and smoke test defaults', () => {
    // Prepare
    const input = configInput([
      pipelineInput({
        validation: { smokeTests: { commands: ['true'] } },
        rollout: { waves: [{ name: 'all', targets: [{ launchTemplate: 'web', autoScalingGroups: ['web'] }] }] },
        approval: {},
      }),
    ]);

    // Act
    const [pipeline] = defineConfig(input).pipelines;

    // Assess
    expect(pipeline.rollout.waves[0].targets[0].preferences).toEqual({ minHealthyPercentage: 90, skipMatching: true, autoRollback: true, alarms: [] });
    expect(pipeline.validation.smokeTests).toEqual({ commands: ['true'], timeoutSeconds: 600, instanceType: 't3.medium' });
    expect(pipeline.approval).toEqual({ timeoutMinutes: 1440 });
  });

  it('returns a config that parses to itself', () => {
    // Prepare
    const config = defineConfig(configInput([pipelineInput(), pipelineInput({ name: 'app', parentImage: 'pipeline:web-server', rollout: { waves: [] } })]));

    // Act
    const again = parseConfig(config);

    // Assess
    expect(again).toEqual(config);
  });

  it('agrees with the single goldsmithConfigSchema', () => {
    // Prepare
    const input = configInput([pipelineInput({ testComponents: [{ path: 'components/t.yml', parameters: { Port: '8080' } }] })]);

    // Act
    const fromSchema = goldsmithConfigSchema.parse(input);

    // Assess
    expect(fromSchema).toEqual(parseConfig(input));
  });

  it('throws a ConfigError that carries every problem as data', () => {
    // Prepare
    const input = configInput([pipelineInput({ name: 'Web_Server' })]);

    // Act
    const error = (() => {
      try {
        defineConfig(input);
      } catch (thrown) {
        return thrown;
      }
    })();

    // Assess
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).name).toBe('ConfigError');
    expect((error as ConfigError).issues).toEqual([
      {
        path: 'pipelines[0].name',
        message: 'must be kebab-case',
        fix: "Use lowercase letters, digits and single hyphens, starting with a letter, e.g. 'web-server'",
        got: { value: 'Web_Server' },
      },
    ]);
    expect((error as ConfigError).message).toBe(
      [
        'Invalid Goldsmith config: 1 problem. Fix each one below, then run again.',
        `pipelines[0].name: must be kebab-case (got "Web_Server"). Use lowercase letters, digits and single hyphens, starting with a letter, e.g. 'web-server'`,
      ].join('\n'),
    );
  });

  it('reports the problems of every pipeline and the fleet at once', () => {
    // Prepare
    const input = {
      ...configInput([pipelineInput({ retention: { keep: 0 } }), pipelineInput({ name: 'app', parentImage: 'pipeline:nope' })]),
      region: 'Frankfurt',
    };

    // Act
    const result = validateConfig(input);

    // Assess
    expect(result.success).toBe(false);
    expect(result.success ? [] : result.issues.map((issue) => issue.path)).toEqual(['region', 'pipelines[0].retention.keep', 'pipelines[1].parentImage']);
  });
});
