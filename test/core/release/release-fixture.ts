import { readFileSync } from 'node:fs';
import { type GoldsmithConfigInput, type PipelineConfigInput, parseConfig, resolveConfig } from '../../../core/config/index.ts';
import { type ReleaseConfig, releaseConfigProblem, serializeReleaseConfig } from '../../../core/release/release-config.ts';

const ROOT = new URL('../../../', import.meta.url);

export const ACCOUNT = '123456789012';
export const HOME = 'eu-central-1';

/** A pipeline like the example fleet's, as a user writes it. */
export function pipelineInput(overrides: Partial<PipelineConfigInput> = {}): PipelineConfigInput {
  return {
    name: 'web-server',
    parentImage: '/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64',
    components: ['components/install-nginx.yml'],
    schedule: { expression: 'cron(0 3 ? * TUE#2 *)', timezone: 'Europe/Berlin' },
    distribution: { regions: [HOME, 'eu-west-1'] },
    validation: { findings: { critical: 0, high: 2 }, smokeTests: { commands: ['systemctl is-active nginx'], timeoutSeconds: 300 } },
    rollout: {
      waves: [
        { name: 'staging', targets: [{ launchTemplate: 'web-staging', autoScalingGroups: ['web-staging'], preferences: { checkpoints: [50, 100] } }] },
        { name: 'production', targets: [{ launchTemplate: 'web-production', autoScalingGroups: ['web-production-a', 'web-production-b'] }] },
      ],
    },
    notifications: { sns: { topicName: 'web-releases' }, slack: { webhookSecretName: 'goldsmith/slack-webhook' } },
    ...overrides,
  };
}

/** The config as functions read it from their bundle: resolved against the repository's components, then serialized. */
export function releaseConfigOf(pipelines: PipelineConfigInput[] = [pipelineInput()]): ReleaseConfig {
  const input: GoldsmithConfigInput = { project: 'acme-platform', region: HOME, pipelines };
  const config = parseConfig(input);
  const paths = new Set(config.pipelines.flatMap((p) => [...p.components, ...p.testComponents].map((ref) => ref.path)));
  const resolved = resolveConfig(config, new Map([...paths].map((path) => [path, readFileSync(new URL(path, ROOT), 'utf8')])));
  const parsed: unknown = JSON.parse(serializeReleaseConfig(resolved));
  const problem = releaseConfigProblem(parsed);
  if (problem) throw new Error(`The fixture config ${problem}`);
  return parsed as ReleaseConfig;
}
