import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type AppModel, buildAppModel } from '../../core/app-model/index.ts';
import { type GoldsmithConfig, parseConfig, type ResolvedConfig, resolveConfig } from '../../core/config/index.ts';
import fleet from '../../goldsmith.config.ts';
import { adaptModel, type DeployModel } from '../../stacks/model/deploy-model.ts';
import { ROOT } from './synthesized-app.ts';

/**
 * The example fleet plus a chained pipeline that brings its own instance profile, shares its AMIs, rolls a
 * launch template named by id, and watches nothing: the cases the example alone does not reach. No synth.
 */
export function variantModel(): { model: AppModel; deploy: DeployModel; resolved: ResolvedConfig } {
  const [web] = fleet.pipelines;
  const config: GoldsmithConfig = parseConfig({
    ...fleet,
    pipelines: [
      { ...web, upstreamWatch: { expression: 'rate(6 hours)', timezone: 'UTC' } },
      {
        ...web,
        name: 'app-server',
        description: 'App tier built on the web tier',
        parentImage: 'pipeline:web-server',
        schedule: undefined,
        buildInstance: { instanceProfileName: 'acme-app-builder', additionalPolicyArns: [], securityGroupIds: [] },
        distribution: {
          regions: ['eu-central-1'],
          kmsKeys: { default: 'arn:aws:kms:eu-central-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab' },
          launchPermissions: {
            accounts: ['444455556666'],
            organizations: ['arn:aws:organizations::111122223333:organization/o-exampleorgid'],
            organizationalUnits: [],
          },
        },
        channels: { candidate: '/goldsmith/app-server/candidate', stable: '/goldsmith/app-server/stable' },
        rollout: {
          waves: [
            {
              name: 'all',
              targets: [{ launchTemplate: 'lt-0123456789abcdef0', autoScalingGroups: ['app-a'], preferences: web.rollout.waves[0].targets[0].preferences }],
            },
          ],
        },
        notifications: {},
      },
    ],
  });
  const paths = new Set(config.pipelines.flatMap((p) => [...p.components, ...p.testComponents].map((c) => c.path)));
  const sources = new Map([...paths].map((path) => [path, readFileSync(join(ROOT, path), 'utf8')] as const));
  const resolved = resolveConfig(config, sources);
  const model = buildAppModel(resolved, { stage: 'test', account: '123456789012' });
  return { model, deploy: adaptModel(model, resolved), resolved };
}
