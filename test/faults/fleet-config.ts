/**
 * A scenario's fleet as a goldsmith.config input: the pipelines, their gates, channels and waves, built on the
 * repository's own component documents. Retention keeps one image, so retirement runs in most scenarios.
 */
import type { GoldsmithConfigInput } from '../../core/config/index.ts';
import type { FaultScenario, PipelineShape } from './fault-scenario.ts';

export const PROJECT = 'faults';
export const HOME_REGION = 'eu-central-1';
export const SLACK_SECRET = 'goldsmith/slack/faults';

/** The configured timeouts, in minutes; bounds.ts derives each release's bound from them. */
export const TIMEOUTS = { buildMinutes: 120, validationMinutes: 30, publishMinutes: 15, waveMinutes: 60 } as const;
export const APPROVAL_MINUTES = 30;
const CHECKPOINT_DELAY_SECONDS = 60;

function pipelineInput(pipeline: PipelineShape) {
  return {
    name: pipeline.name,
    parentImage: pipeline.chainedTo ? `pipeline:${pipeline.chainedTo}` : '/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64',
    architecture: 'x86_64' as const,
    instanceTypes: ['t3.medium'],
    components: ['components/basic-hardening.yml', 'components/install-nginx.yml'],
    testComponents: pipeline.testComponents ? ['components/test-nginx-running.yml'] : [],
    distribution: { regions: [HOME_REGION, ...pipeline.extraRegions] },
    validation: {
      findings: { critical: 0, high: 2 },
      ...(pipeline.smokeTests && { smokeTests: { commands: ['systemctl is-active nginx', 'curl -fsS localhost'], timeoutSeconds: 300 } }),
    },
    ...(pipeline.approval && { approval: { timeoutMinutes: APPROVAL_MINUTES } }),
    rollout: {
      waves: pipeline.waves.map((wave) => ({
        name: wave.name,
        targets: wave.targets.map((target) => ({
          launchTemplate: target.launchTemplate,
          autoScalingGroups: target.groups,
          preferences: {
            ...(target.checkpoints && { checkpoints: [50, 100], checkpointDelaySeconds: CHECKPOINT_DELAY_SECONDS }),
            ...(target.alarm && { alarms: [target.alarm] }),
          },
        })),
      })),
    },
    retention: { keep: 1 },
    timeouts: { ...TIMEOUTS },
    notifications: { sns: { topicName: `${pipeline.name}-releases` }, ...(pipeline.slack && { slack: { webhookSecretName: SLACK_SECRET } }) },
  };
}

export function configOf(scenario: FaultScenario): GoldsmithConfigInput {
  return { project: PROJECT, region: HOME_REGION, pipelines: scenario.pipelines.map(pipelineInput) } as GoldsmithConfigInput;
}
