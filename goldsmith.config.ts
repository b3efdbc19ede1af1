// The example fleet: one web tier on Amazon Linux 2023, patched monthly and rolled out staging first, then production.
import { defineConfig } from './core/config/index.ts';

export default defineConfig({
  project: 'acme-platform',
  region: 'eu-central-1',
  tags: { team: 'platform', 'cost-center': 'web' },
  pipelines: [
    {
      name: 'web-server',
      description: 'Nginx web tier on Amazon Linux 2023, patched monthly',
      parentImage: '/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64',
      architecture: 'x86_64',
      instanceTypes: ['t3.medium'],
      components: [
        'components/basic-hardening.yml',
        { path: 'components/set-timezone-and-locale.yml', parameters: { TimeZone: 'Europe/Berlin', Locale: 'en_US.UTF-8' } },
        'components/install-nginx.yml',
        { path: 'components/install-cloudwatch-agent.yml', parameters: { LogGroupPrefix: '/acme-platform/web-server' } },
      ],
      testComponents: ['components/test-nginx-running.yml', 'components/test-http-port.yml'],
      rootVolume: { sizeGiB: 20, volumeType: 'gp3' },
      // 03:00 Berlin time on the second Tuesday of the month, the day after AWS's monthly patch releases settle.
      schedule: { expression: 'cron(0 3 ? * TUE#2 *)', timezone: 'Europe/Berlin' },
      skipWhenUnchanged: true,
      distribution: {
        regions: ['eu-central-1', 'eu-west-1'],
        // The AWS managed key is enough while the AMI stays in this account; sharing it needs a customer managed key.
        kmsKeys: { default: 'alias/aws/ebs' },
      },
      channels: {
        candidate: '/goldsmith/web-server/candidate',
        stable: '/goldsmith/web-server/stable',
      },
      validation: {
        findings: { critical: 0, high: 2 },
        smokeTests: {
          commands: ['systemctl is-active nginx', 'curl -fsS localhost'],
          timeoutSeconds: 300,
          instanceType: 't3.small',
        },
      },
      rollout: {
        waves: [
          {
            name: 'staging',
            targets: [
              {
                launchTemplate: 'web-staging',
                autoScalingGroups: ['web-staging'],
                preferences: {
                  checkpoints: [20, 50, 100],
                  checkpointDelaySeconds: 300,
                  minHealthyPercentage: 90,
                  autoRollback: true,
                  alarms: ['web-staging-5xx-rate'],
                },
              },
            ],
          },
          {
            name: 'production',
            targets: [
              {
                launchTemplate: 'web-production',
                autoScalingGroups: ['web-production-a', 'web-production-b'],
                preferences: {
                  checkpoints: [20, 50, 100],
                  checkpointDelaySeconds: 900,
                  minHealthyPercentage: 90,
                  autoRollback: true,
                  alarms: ['web-production-5xx-rate'],
                },
              },
            ],
          },
        ],
      },
      retention: { keep: 3 },
      notifications: {
        sns: { topicName: 'web-server-image-releases' },
        slack: { webhookSecretName: 'goldsmith/slack/platform-releases' },
      },
    },
  ],
});
