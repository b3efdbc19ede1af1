import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../../core/config/index.ts';
import { configInput, pipelineInput, problemsOf } from './config-fixture.ts';

const rollout = (preferences: Record<string, unknown>) => ({
  waves: [
    { name: 'staging', targets: [{ launchTemplate: 'web-staging', autoScalingGroups: ['web-staging'] }] },
    { name: 'production', targets: [{ launchTemplate: 'web-production', autoScalingGroups: ['web-production-a'], preferences }] },
  ],
});

describe('Config: validation errors', () => {
  it('accepts the fixture config', () => {
    // Prepare
    const input = configInput();

    // Act
    const problems = problemsOf(input);

    // Assess
    expect(problems).toEqual([]);
  });

  describe('rollout', () => {
    it('rejects a minHealthyPercentage above 100', () => {
      // Prepare
      const input = configInput([pipelineInput({ rollout: rollout({ minHealthyPercentage: 120 }) })]);

      // Act
      const problems = problemsOf(input);

      // Assess
      expect(problems).toEqual([
        'pipelines[0].rollout.waves[1].targets[0].preferences.minHealthyPercentage: must be 0–100 (got 120). It is the share of the group that stays in service while instances are replaced; AWS defaults to 90',
      ]);
    });

    it('rejects checkpoints that do not end at 100', () => {
      // Prepare
      const input = configInput([pipelineInput({ rollout: rollout({ checkpoints: [20, 50] }) })]);

      // Act
      const problems = problemsOf(input);

      // Assess
      expect(problems).toEqual([
        'pipelines[0].rollout.waves[1].targets[0].preferences.checkpoints: must end at 100 (got [20,50]). Add 100 as the last checkpoint so the refresh replaces every instance, e.g. [20, 50, 100]',
      ]);
    });

    it('rejects checkpoints that are not ascending', () => {
      // Prepare
      const input = configInput([pipelineInput({ rollout: rollout({ checkpoints: [50, 20, 100] }) })]);

      // Act
      const problems = problemsOf(input);

      // Assess
      expect(problems).toEqual([
        'pipelines[0].rollout.waves[1].targets[0].preferences.checkpoints[1]: must be greater than the checkpoint before it (50) (got 20). List checkpoints once each, in ascending order, e.g. [20, 50, 100]',
      ]);
    });

    it('rejects an Auto Scaling group in two waves', () => {
      // Prepare
      const input = configInput([
        pipelineInput({
          rollout: {
            waves: [
              { name: 'staging', targets: [{ launchTemplate: 'web-staging', autoScalingGroups: ['web-a'] }] },
              { name: 'production', targets: [{ launchTemplate: 'web-production', autoScalingGroups: ['web-b', 'web-a'] }] },
            ],
          },
        }),
      ]);

      // Act
      const problems = problemsOf(input);

      // Assess
      expect(problems).toEqual([
        `pipelines[0].rollout.waves[1].targets[0].autoScalingGroups[1]: is already rolled out by waves[0] ('staging') (got "web-a"). An Auto Scaling group belongs to exactly one wave and target; remove one of them`,
      ]);
    });

    it('rejects a launch template rolled out by two pipelines', () => {
      // Prepare
      const input = configInput([
        pipelineInput(),
        pipelineInput({ name: 'api', rollout: { waves: [{ name: 'all', targets: [{ launchTemplate: 'web-production', autoScalingGroups: ['api'] }] }] } }),
      ]);

      // Act
      const problems = problemsOf(input);

      // Assess
      expect(problems).toEqual([
        'pipelines[1].rollout.waves[0].targets[0].launchTemplate: is already rolled out by pipelines[0].rollout.waves[1].targets[0] (got "web-production"). A launch template follows one pipeline; give each pipeline its own',
      ]);
    });

    it('rejects an Auto Scaling group rolled out by two pipelines', () => {
      // Prepare
      const input = configInput([
        pipelineInput(),
        pipelineInput({ name: 'api', rollout: { waves: [{ name: 'all', targets: [{ launchTemplate: 'api', autoScalingGroups: ['web-staging'] }] }] } }),
      ]);

      // Act
      const problems = problemsOf(input);

      // Assess
      expect(problems).toEqual([
        'pipelines[1].rollout.waves[0].targets[0].autoScalingGroups[0]: is already rolled out by pipelines[0].rollout.waves[0].targets[0] (got "web-staging"). An Auto Scaling group follows one pipeline; remove it from one of them',
      ]);
    });

    it('rejects two waves with the same name', () => {
      // Prepare
      const input = configInput([
        pipelineInput({
          rollout: {
            waves: [
              { name: 'prod', targets: [{ launchTemplate: 'web-a', autoScalingGroups: ['web-a'] }] },
              { name: 'prod', targets: [{ launchTemplate: 'web-b', autoScalingGroups: ['web-b'] }] },
            ],
          },
        }),
      ]);

      // Act
      const problems = problemsOf(input);

      // Assess
      expect(problems).toEqual(['pipelines[0].rollout.waves[1].name: is already the name of waves[0] (got "prod"). Give each wave its own name']);
    });

    it('rejects a launch template shared by two waves', () => {
      // Prepare
      const input = configInput([
        pipelineInput({
          rollout: {
            waves: [
              { name: 'staging', targets: [{ launchTemplate: 'web', autoScalingGroups: ['a'] }] },
              { name: 'production', targets: [{ launchTemplate: 'web', autoScalingGroups: ['b'] }] },
            ],
          },
        }),
      ]);

      // Act
      const problems = problemsOf(input);

      // Assess
      expect(problems).toEqual([
        `pipelines[0].rollout.waves[1].targets[0].launchTemplate: is already rolled out by waves[0] ('staging') (got "web"). Give each wave its own launch template, so a failed wave can restore its default version without touching another wave`,
      ]);
    });

    it('rejects a maxHealthyPercentage more than 100 above the minimum', () => {
      // Prepare
      const input = configInput([pipelineInput({ rollout: rollout({ minHealthyPercentage: 50, maxHealthyPercentage: 200 }) })]);

      // Act
      const problems = problemsOf(input);

      // Assess
      expect(problems).toEqual([
        'pipelines[0].rollout.waves[1].targets[0].preferences.maxHealthyPercentage: must be at most 100 above minHealthyPercentage (50) (got 200). Raise minHealthyPercentage or lower maxHealthyPercentage to 150 or less',
      ]);
    });

    it('rejects a checkpoint delay without checkpoints', () => {
      // Prepare
      const input = configInput([pipelineInput({ rollout: rollout({ checkpointDelaySeconds: 600 }) })]);

      // Act
      const problems = problemsOf(input);

      // Assess
      expect(problems).toEqual([
        'pipelines[0].rollout.waves[1].targets[0].preferences.checkpointDelaySeconds: needs checkpoints (got 600). Set checkpoints, e.g. [20, 50, 100], or remove checkpointDelaySeconds',
      ]);
    });

    it('rejects a wave timeout shorter than its checkpoint pauses', () => {
      // Prepare
      const input = configInput([pipelineInput({ rollout: rollout({ checkpoints: [50, 100], checkpointDelaySeconds: 7200 }), timeouts: { waveMinutes: 60 } })]);

      // Act
      const problems = problemsOf(input);

      // Assess
      expect(problems).toEqual([
        'pipelines[0].timeouts.waveMinutes: must leave time for the checkpoint pauses of rollout.waves[1].targets[0] (120 min) (got 60). Raise waveMinutes or shorten checkpointDelaySeconds',
      ]);
    });
  });

  describe('sharing and encryption', () => {
    it("rejects 'all' as an account to share with", () => {
      // Prepare
      const input = configInput([pipelineInput({ distribution: { regions: ['eu-central-1'], launchPermissions: { accounts: ['all'] } } })]);

      // Act
      const problems = problemsOf(input);

      // Assess
      expect(problems).toEqual([
        `pipelines[0].distribution.launchPermissions.accounts[0]: must not be 'all' (got "all"). Goldsmith never makes AMIs public (DESIGN §6); share with account ids, organization ARNs or organizational unit ARNs instead`,
      ]);
    });

    it("rejects 'all' as a launch permission group and as an organization", () => {
      // Prepare
      const input = configInput([pipelineInput({ distribution: { launchPermissions: { userGroups: ['all'], organizations: ['ALL'] } } })]);

      // Act
      const problems = problemsOf(input);

      // Assess
      expect(problems).toEqual([
        `pipelines[0].distribution.launchPermissions.organizations[0]: must not be 'all' (got "ALL"). Goldsmith never makes AMIs public (DESIGN §6); share with account ids, organization ARNs or organizational unit ARNs instead`,
        `pipelines[0].distribution.launchPermissions.userGroups[0]: must not be 'all' (got "all"). Goldsmith never makes AMIs public (DESIGN §6); share with account ids, organization ARNs or organizational unit ARNs instead`,
      ]);
    });

    it('rejects a Region without a KMS key when there is no default', () => {
      // Prepare
      const input = configInput([
        pipelineInput({ distribution: { regions: ['eu-central-1', 'eu-west-1'], kmsKeys: { 'eu-central-1': 'alias/goldsmith-ami' } } }),
      ]);

      // Act
      const problems = problemsOf(input);

      // Assess
      expect(problems).toEqual([
        `pipelines[0].distribution.kmsKeys: has no key for 'eu-west-1' and no default (got {"eu-central-1":"alias/goldsmith-ami"}). Add kmsKeys['eu-west-1'] or kmsKeys.default: every AMI is encrypted (DESIGN §6)`,
      ]);
    });

    it('accepts a Region without its own key when the default applies', () => {
      // Prepare
      const input = configInput([
        pipelineInput({ distribution: { regions: ['eu-central-1', 'eu-west-1'], kmsKeys: { default: 'alias/goldsmith-ami', 'eu-west-1': 'alias/other' } } }),
      ]);

      // Act
      const problems = problemsOf(input);

      // Assess
      expect(problems).toEqual([]);
    });

    it('rejects a key ARN of another Region', () => {
      // Prepare
      const key = 'arn:aws:kms:eu-central-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab';
      const input = configInput([pipelineInput({ distribution: { regions: ['eu-central-1', 'eu-west-1'], kmsKeys: { default: key } } })]);

      // Act
      const problems = problemsOf(input);

      // Assess
      expect(problems).toEqual([
        `pipelines[0].distribution.kmsKeys.default: is a key in eu-central-1 but would encrypt the AMI in eu-west-1 (got "${key}"). KMS keys are Regional: add kmsKeys['eu-west-1'] with a key of that Region, or use an alias that exists in every Region`,
      ]);
    });

    it('rejects sharing an AMI encrypted with the AWS managed key', () => {
      // Prepare
      const input = configInput([pipelineInput({ distribution: { regions: ['eu-central-1'], launchPermissions: { accounts: ['111122223333'] } } })]);

      // Act
      const problems = problemsOf(input);

      // Assess
      expect(problems).toEqual([
        'pipelines[0].distribution.kmsKeys.default: encrypts the AMI in eu-central-1 with the AWS managed key, which other accounts cannot use (got "alias/aws/ebs"). To share the AMI, use a customer managed key whose key policy lets the shared accounts decrypt with it',
      ]);
    });

    it('rejects distribution Regions without the home Region', () => {
      // Prepare
      const input = configInput([pipelineInput({ distribution: { regions: ['eu-west-1'] } })]);

      // Act
      const problems = problemsOf(input);

      // Assess
      expect(problems).toEqual([
        `pipelines[0].distribution.regions: must include the home Region 'eu-central-1' (got ["eu-west-1"]). Goldsmith builds, validates and publishes there first; add it to the list`,
      ]);
    });
  });

  describe('notifications', () => {
    it('rejects a URL as the Slack webhook secret name, without showing the secret part', () => {
      // Prepare
      const url = 'https://hooks.slack.com/services/T0000/B0000/SECRETTOKEN';
      const input = configInput([pipelineInput({ notifications: { slack: { webhookSecretName: url } } })]);

      // Act
      const problems = problemsOf(input);

      // Assess
      expect(problems).toEqual([
        `pipelines[0].notifications.slack.webhookSecretName: must be the name of a Secrets Manager secret, not a URL (got "https://hooks.slack.com/…"). A webhook URL is a secret and must never be in config or git (DESIGN §5.8). Store it with 'aws secretsmanager create-secret --name goldsmith/slack-webhook --secret-string <url>' and put the secret's name here`,
      ]);
      expect(problems.join('\n')).not.toContain('SECRETTOKEN');
    });

    it('never shows the secret part of a URL inside another value', () => {
      // Prepare
      const input = configInput([pipelineInput({ notifications: { slack: ['https://hooks.slack.com/services/T0000/B0000/SECRETTOKEN'] } as never })]);

      // Act
      const problems = problemsOf(input);

      // Assess
      expect(problems).toEqual(['pipelines[0].notifications.slack: must be an object (got ["https://hooks.slack.com/…"])']);
    });

    it('rejects a webhook URL field', () => {
      // Prepare
      const input = configInput([
        pipelineInput({
          notifications: { slack: { webhookSecretName: 'goldsmith/slack', webhookUrl: 'https://hooks.slack.com/services/T/B/SECRET' } as never },
        }),
      ]);

      // Act
      const problems = problemsOf(input);

      // Assess
      expect(problems).toEqual([
        `pipelines[0].notifications.slack.webhookUrl: must not be in config (got "https://hooks.slack.com/…"). A webhook URL is a secret and must never be in config or git (DESIGN §5.8). Store it in Secrets Manager and set webhookSecretName to the secret's name`,
      ]);
    });

    it('rejects an SNS setting with both an existing and a new topic', () => {
      // Prepare
      const input = configInput([
        pipelineInput({ notifications: { sns: { topicArn: 'arn:aws:sns:eu-central-1:123456789012:releases', topicName: 'releases' } } }),
      ]);

      // Act
      const problems = problemsOf(input);

      // Assess
      expect(problems).toHaveLength(1);
      expect(problems[0]).toMatch(
        /^pipelines\[0\]\.notifications\.sns: needs exactly one of topicArn and topicName \(got .*\)\. Use topicArn for an existing topic/,
      );
    });
  });

  describe('schedules', () => {
    it('rejects a 5-field Unix cron', () => {
      // Prepare
      const input = configInput([pipelineInput({ schedule: { expression: 'cron(0 3 * * 2)', timezone: 'UTC' } })]);

      // Act
      const problems = problemsOf(input);

      // Assess
      expect(problems).toEqual([
        `pipelines[0].schedule.expression: cron expressions have 6 fields, this one has 5 (got "cron(0 3 * * 2)"). Use the 6-field form cron(minutes hours day-of-month month day-of-week year), e.g. cron(0 3 ? * TUE#2 *). A Unix cron has 5 fields: AWS adds a year field and needs '?' in day-of-month or day-of-week`,
      ]);
    });

    it('rejects an hour out of range', () => {
      // Prepare
      const input = configInput([pipelineInput({ schedule: { expression: 'cron(0 25 ? * TUE#2 *)' } })]);

      // Act
      const problems = problemsOf(input);

      // Assess
      expect(problems).toEqual([
        `pipelines[0].schedule.expression: cron hours '25' is out of range 0–23 (got "cron(0 25 ? * TUE#2 *)"). Use the 6-field form cron(minutes hours day-of-month month day-of-week year), e.g. cron(0 3 ? * TUE#2 *)`,
      ]);
    });

    it("rejects a cron without '?' in one day field", () => {
      // Prepare
      const input = configInput([pipelineInput({ schedule: { expression: 'cron(0 3 * * TUE *)' } })]);

      // Act
      const problems = problemsOf(input);

      // Assess
      expect(problems).toEqual([
        `pipelines[0].schedule.expression: cron needs '?' in exactly one of day-of-month and day-of-week (got "cron(0 3 * * TUE *)"). AWS cannot combine both day fields: put '?' in the one you do not use, e.g. cron(0 3 ? * TUE#2 *) or cron(0 3 1 * ? *)`,
      ]);
    });

    it('rejects a sixth weekday of the month', () => {
      // Prepare
      const input = configInput([pipelineInput({ schedule: { expression: 'cron(0 3 ? * TUE#6 *)' } })]);

      // Act
      const problems = problemsOf(input);

      // Assess
      expect(problems[0]).toMatch(/^pipelines\[0\]\.schedule\.expression: cron day-of-week 'TUE#6' is out of range: the number after # must be 1–5 \(got/);
    });

    it('rejects a rate with an unknown unit', () => {
      // Prepare
      const input = configInput([pipelineInput({ upstreamWatch: { expression: 'rate(2 weeks)' } })]);

      // Act
      const problems = problemsOf(input);

      // Assess
      expect(problems).toEqual([
        `pipelines[0].upstreamWatch.expression: rate unit 'weeks' is not supported (got "rate(2 weeks)"). Use minute(s), hour(s) or day(s), e.g. rate(7 days)`,
      ]);
    });

    it('rejects an unknown time zone and suggests the closest', () => {
      // Prepare
      const input = configInput([pipelineInput({ schedule: { expression: 'cron(0 3 ? * TUE#2 *)', timezone: 'Europe/Berln' } })]);

      // Act
      const problems = problemsOf(input);

      // Assess
      expect(problems).toEqual([
        `pipelines[0].schedule.timezone: is not a known IANA time zone (got "Europe/Berln"). Use a name like 'Europe/Berlin' or 'UTC'. Did you mean 'Europe/Berlin'?`,
      ]);
    });

    it('rejects a UTC offset as the time zone', () => {
      // Prepare
      const input = configInput([pipelineInput({ schedule: { expression: 'cron(0 3 ? * TUE#2 *)', timezone: '+01:00' } })]);

      // Act
      const problems = problemsOf(input);

      // Assess
      expect(problems).toEqual([
        `pipelines[0].schedule.timezone: must be an IANA time zone name (got "+01:00"). Use a name like 'Europe/Berlin' or 'UTC', not an offset`,
      ]);
    });

    it('accepts the schedule forms AWS documents', () => {
      // Prepare
      const expressions = [
        'cron(0 3 ? * TUE#2 *)',
        'cron(15 10 ? * 6L 2025-2030)',
        'cron(0/15 * 1-7 * ? *)',
        'cron(0 8 LW * ? *)',
        'cron(0 8 15W JAN-MAR ? *)',
        'rate(1 day)',
        'rate(12 hours)',
      ];

      // Act
      const problems = expressions.map((expression) => problemsOf(configInput([pipelineInput({ schedule: { expression } })])));

      // Assess
      expect(problems.flat()).toEqual([]);
    });

    it('rejects an upstream watch on a fixed AMI', () => {
      // Prepare
      const input = configInput([pipelineInput({ parentImage: 'ami-0123456789abcdef0', upstreamWatch: { expression: 'rate(1 day)' } })]);

      // Act
      const problems = problemsOf(input);

      // Assess
      expect(problems).toEqual([
        'pipelines[0].upstreamWatch: cannot watch a fixed AMI id (got "rate(1 day)"). Use an SSM parameter as parentImage, or remove upstreamWatch',
      ]);
    });
  });

  describe('pipelines and chains', () => {
    it('rejects a chained pipeline whose parent does not exist', () => {
      // Prepare
      const input = configInput([pipelineInput(), pipelineInput({ name: 'app', parentImage: 'pipeline:web-servr', rollout: { waves: [] } })]);

      // Act
      const problems = problemsOf(input);

      // Assess
      expect(problems).toEqual([
        `pipelines[1].parentImage: refers to unknown pipeline 'web-servr' (got "pipeline:web-servr"). A chained pipeline builds on another pipeline of this config. Known pipelines: web-server. Did you mean 'web-server'?`,
      ]);
    });

    it('rejects chained pipelines in a cycle', () => {
      // Prepare
      const input = configInput([
        pipelineInput({ name: 'base', parentImage: 'pipeline:app', rollout: { waves: [] } }),
        pipelineInput({ name: 'app', parentImage: 'pipeline:base', rollout: { waves: [] } }),
      ]);

      // Act
      const problems = problemsOf(input);

      // Assess
      expect(problems).toEqual([
        'pipelines[0].parentImage: chains pipelines in a cycle (base → app → base) (got "pipeline:app"). A chain must start at a pipeline built on an SSM parameter or an AMI id; change one parentImage in the cycle',
      ]);
    });

    it('rejects a pipeline built on itself', () => {
      // Prepare
      const input = configInput([pipelineInput({ parentImage: 'pipeline:web-server' })]);

      // Act
      const problems = problemsOf(input);

      // Assess
      expect(problems).toEqual([
        'pipelines[0].parentImage: cannot build on its own pipeline (got "pipeline:web-server"). Build on an SSM parameter, an AMI id or another pipeline',
      ]);
    });

    it('rejects a chained pipeline of another architecture', () => {
      // Prepare
      const input = configInput([
        pipelineInput(),
        pipelineInput({ name: 'app', parentImage: 'pipeline:web-server', architecture: 'arm64', rollout: { waves: [] } }),
      ]);

      // Act
      const problems = problemsOf(input);

      // Assess
      expect(problems).toEqual([
        `pipelines[1].parentImage: builds on an x86_64 image but architecture is 'arm64' (got "pipeline:web-server"). A chained pipeline has the architecture of its parent`,
      ]);
    });

    it('rejects two pipelines with the same name', () => {
      // Prepare
      const input = configInput([pipelineInput(), pipelineInput({ rollout: { waves: [] }, channels: { candidate: '/x/candidate', stable: '/x/stable' } })]);

      // Act
      const problems = problemsOf(input);

      // Assess
      expect(problems).toEqual(['pipelines[1].name: is already the name of pipelines[0] (got "web-server"). Give each pipeline its own name']);
    });

    it('rejects two pipelines publishing to the same channel parameter', () => {
      // Prepare
      const input = configInput([
        pipelineInput(),
        pipelineInput({ name: 'api', rollout: { waves: [] }, channels: { stable: '/goldsmith/web-server/stable' } }),
      ]);

      // Act
      const problems = problemsOf(input);

      // Assess
      expect(problems).toEqual([
        'pipelines[1].channels.stable: is already used by pipelines[0].channels.stable (got "/goldsmith/web-server/stable"). Give each pipeline its own channel parameters',
      ]);
    });

    it('rejects one component document with two version lines', () => {
      // Prepare
      const input = configInput([
        pipelineInput(),
        pipelineInput({ name: 'api', rollout: { waves: [] }, components: [{ path: 'components/install-nginx.yml', version: '2.0' }] }),
      ]);

      // Act
      const problems = problemsOf(input);

      // Assess
      expect(problems).toEqual([
        `pipelines[1].components[0].version: differs from version '1.0' of the same document at pipelines[0].components[0] (got "2.0"). A component has one version line: use the same major.minor everywhere`,
      ]);
    });

    it('rejects tags in the reserved namespaces', () => {
      // Prepare
      const input = { ...configInput(), tags: { 'goldsmith:managed': 'yes', team: 'platform' } };

      // Act
      const problems = problemsOf(input);

      // Assess
      expect(problems).toEqual([
        `tags["goldsmith:managed"]: tag keys must not start with 'aws:' or 'goldsmith:' (got "goldsmith:managed"). Those prefixes are reserved for AWS and for Goldsmith`,
      ]);
    });

    it('rejects a parent image it cannot read', () => {
      // Prepare
      const input = configInput([pipelineInput({ parentImage: 'amazon-linux-2023' })]);

      // Act
      const problems = problemsOf(input);

      // Assess
      expect(problems).toEqual([
        `pipelines[0].parentImage: is not a parent image Goldsmith understands (got "amazon-linux-2023"). Use an SSM parameter path like '/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64', an AMI id like 'ami-0123456789abcdef0', or 'pipeline:<name>' to build on another pipeline's stable image`,
      ]);
    });

    it('rejects an instance type of the other architecture', () => {
      // Prepare
      const input = configInput([pipelineInput({ instanceTypes: ['m7g.large'] })]);

      // Act
      const problems = problemsOf(input);

      // Assess
      expect(problems).toEqual([
        `pipelines[0].instanceTypes[0]: is an arm64 instance type but architecture is 'x86_64' (got "m7g.large"). Build on instance types of the image architecture`,
      ]);
    });

    it('rejects an arm64 parent parameter for an x86_64 pipeline', () => {
      // Prepare
      const input = configInput([pipelineInput({ parentImage: '/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-arm64' })]);

      // Act
      const problems = problemsOf(input);

      // Assess
      expect(problems).toEqual([
        `pipelines[0].parentImage: names an arm64 image but architecture is 'x86_64' (got "/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-arm64"). Use the parameter for your architecture, or change architecture`,
      ]);
    });

    it('rejects an unknown field and suggests the closest', () => {
      // Prepare
      const input = configInput([{ ...pipelineInput(), scheduel: {} } as never]);

      // Act
      const problems = problemsOf(input);

      // Assess
      expect(problems).toHaveLength(1);
      expect(problems[0]).toMatch(/^pipelines\[0\]\.scheduel: unknown field\. Known fields: name, description, .*\. Did you mean 'schedule'\?$/);
    });

    it('rejects a component outside components/', () => {
      // Prepare
      const input = configInput([pipelineInput({ components: ['scripts/install.sh'] })]);

      // Act
      const problems = problemsOf(input);

      // Assess
      expect(problems).toEqual([
        `pipelines[0].components[0]: must be a path under components/ ending in .yml or .yaml (got "scripts/install.sh"). Use e.g. 'components/install-nginx.yml', relative to goldsmith.config.ts`,
      ]);
    });

    it('rejects a component version with a patch number', () => {
      // Prepare
      const input = configInput([pipelineInput({ components: [{ path: 'components/install-nginx.yml', version: '1.0.0' }] })]);

      // Act
      const problems = problemsOf(input);

      // Assess
      expect(problems).toEqual([
        `pipelines[0].components[0].version: must be 'major.minor', e.g. '1.0' (got "1.0.0"). Goldsmith derives the patch number from the content, so leave it out`,
      ]);
    });

    it('rejects a channel parameter in the reserved /aws namespace', () => {
      // Prepare
      const input = configInput([pipelineInput({ channels: { stable: '/aws/web/stable' } })]);

      // Act
      const problems = problemsOf(input);

      // Assess
      expect(problems).toEqual([
        `pipelines[0].channels.stable: must not start with '/aws' or '/ssm' (got "/aws/web/stable"). AWS reserves those prefixes; use e.g. '/goldsmith/…'`,
      ]);
    });

    it('rejects security groups without a subnet', () => {
      // Prepare
      const input = configInput([pipelineInput({ buildInstance: { securityGroupIds: ['sg-0123456789abcdef0'] } })]);

      // Act
      const problems = problemsOf(input);

      // Assess
      expect(problems).toEqual([
        'pipelines[0].buildInstance.securityGroupIds: needs subnetId (got ["sg-0123456789abcdef0"]). Image Builder accepts security groups only together with a subnet in the same VPC',
      ]);
    });

    it('rejects a missing required field and a wrong type', () => {
      // Prepare
      const { parentImage: _, ...withoutParent } = pipelineInput();
      const input = configInput([{ ...withoutParent, retention: { keep: '3' } } as never]);

      // Act
      const problems = problemsOf(input);

      // Assess
      expect(problems).toEqual(['pipelines[0].parentImage: is required', 'pipelines[0].retention.keep: must be a number (got "3")']);
    });
  });

  it('lists every problem in the error message', () => {
    // Prepare
    const input = configInput([pipelineInput({ rollout: rollout({ minHealthyPercentage: 120 }), schedule: { expression: 'cron(0 3 * * 2)' } })]);

    // Act
    const act = () => parseConfig(input);

    // Assess
    expect(act).toThrow(/^Invalid Goldsmith config: 2 problems\./);
    expect(act).toThrow(/\npipelines\[0\]\.schedule\.expression: cron expressions have 6 fields/);
    expect(act).toThrow(/\npipelines\[0\]\.rollout\.waves\[1\]\.targets\[0\]\.preferences\.minHealthyPercentage: must be 0–100 \(got 120\)/);
  });
});
