import { ConfigError, formatIssue, type GoldsmithConfigInput, type PipelineConfigInput, parseConfig } from '../../../core/config/index.ts';

/** A valid pipeline, like the example fleet's, as a user writes it. Each call returns a fresh copy to change. */
export function pipelineInput(overrides: Partial<PipelineConfigInput> = {}): PipelineConfigInput {
  return {
    name: 'web-server',
    parentImage: '/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64',
    components: ['components/install-nginx.yml'],
    schedule: { expression: 'cron(0 3 ? * TUE#2 *)', timezone: 'Europe/Berlin' },
    distribution: { regions: ['eu-central-1', 'eu-west-1'] },
    rollout: {
      waves: [
        { name: 'staging', targets: [{ launchTemplate: 'web-staging', autoScalingGroups: ['web-staging'], preferences: { checkpoints: [20, 50, 100] } }] },
        {
          name: 'production',
          targets: [
            { launchTemplate: 'web-production', autoScalingGroups: ['web-production-a', 'web-production-b'], preferences: { checkpoints: [20, 50, 100] } },
          ],
        },
      ],
    },
    notifications: { slack: { webhookSecretName: 'goldsmith/slack-webhook' } },
    ...overrides,
  };
}

/** A valid config with one pipeline; `pipelines` replaces it. */
export function configInput(pipelines: PipelineConfigInput[] = [pipelineInput()]): GoldsmithConfigInput {
  return { project: 'acme-platform', region: 'eu-central-1', pipelines };
}

/** The problems parseConfig reports for `input`, one formatted line each; none when it is valid. */
export function problemsOf(input: unknown): string[] {
  try {
    parseConfig(input);
    return [];
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    return error.issues.map(formatIssue);
  }
}
