import { describe, expect, it } from 'vitest';
import { fingerprintOf } from '../../../core/release/change-detection.ts';
import { PlanReleaseOutput } from '../../../core/release/contracts.ts';
import { ImagePipelineNotFoundError, NothingToRollBackError, ReleaseInProgressError, UnknownPipelineError } from '../../../core/release/errors.ts';
import { planRelease } from '../../../core/release/plan-release.ts';
import { configuredWave } from '../../../core/release/wave-rollout.ts';
import { FakeExecutions, FakeImageBuilder, FakeParameters, MemoryHistory, MemoryLocks } from './fakes.ts';
import { ACCOUNT, HOME, pipelineInput, releaseConfigOf } from './release-fixture.ts';

const PIPELINE_ARN = `arn:aws:imagebuilder:${HOME}:${ACCOUNT}:image-pipeline/acme-platform-web-server`;
const PARENT = '/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64';
const EXECUTION = `arn:aws:states:${HOME}:${ACCOUNT}:execution:acme-platform-release:web-server-2026-11-scheduled`;
const recipe = {
  imagePipelineArn: PIPELINE_ARN,
  recipeArn: `arn:aws:imagebuilder:${HOME}:${ACCOUNT}:image-recipe/acme-platform-web-server/1.0.5`,
  parentImage: `ssm:${PARENT}`,
  components: [{ name: 'acme-platform-install-nginx', version: '1.0.9' }],
  infrastructure: { instanceProfileName: 'acme-build', subnetId: 'subnet-0123456789abcdef0' },
};

function setup(pipelines = [pipelineInput()]) {
  const deps = {
    config: releaseConfigOf(pipelines),
    accountId: ACCOUNT,
    locks: new MemoryLocks(),
    executions: new FakeExecutions(),
    history: new MemoryHistory(),
    imageBuilder: new FakeImageBuilder(),
    parameters: new FakeParameters(),
  };
  deps.imageBuilder.recipes.set(PIPELINE_ARN, recipe);
  deps.parameters.set(HOME, PARENT, 'ami-0aaaaaaaaaaaaaaaa');
  return deps;
}
const release = (overrides = {}) => ({
  pipeline: 'web-server',
  releaseId: 'web-server-2026-11-scheduled',
  trigger: { kind: 'scheduled' as const },
  ...overrides,
});

describe('Core: plan-release', () => {
  it('plans a build with the gates, channels, waves and bounds of the config', async () => {
    // Prepare
    const deps = setup();
    // Act
    const plan = await planRelease({ release: release(), executionArn: EXECUTION, now: Date.parse('2026-11-10T02:00:00Z') }, deps);
    // Assess
    expect(PlanReleaseOutput.parse(plan)).toEqual(plan);
    expect(plan).toMatchObject({
      action: 'build',
      imagePipelineArn: PIPELINE_ARN,
      channels: { candidate: '/goldsmith/web-server/candidate', stable: '/goldsmith/web-server/stable' },
      validation: {
        findingThresholds: { critical: 0, high: 2 },
        smokeTest: { instanceType: 't3.medium', instanceProfile: 'acme-build', subnetId: 'subnet-0123456789abcdef0', documentName: 'AWS-RunShellScript' },
      },
      approval: { required: false },
      bounds: { buildSeconds: 240 * 60, waitSeconds: 600 },
    });
    expect(plan.clientToken).toHaveLength(36);
    expect(plan.waves).toEqual(['staging', 'production']);
    expect(configuredWave(deps.config, 'web-server', plan.waves[0]).targets[0]).toMatchObject({
      region: HOME,
      preferences: { checkpointPercentages: [50, 100], checkpointDelaySeconds: 3600, autoRollback: true },
    });
    expect(deps.locks.locks.get('web-server')?.holder).toBe(EXECUTION);
    expect(deps.history.releases.get('web-server/web-server-2026-11-scheduled')).toMatchObject({ status: 'running', parentImageId: 'ami-0aaaaaaaaaaaaaaaa' });
  });

  it('gives the same release the same client token, and another release another', async () => {
    // Prepare
    const deps = setup();
    // Act
    const a = await planRelease({ release: release(), executionArn: EXECUTION, now: 1 }, deps);
    const again = await planRelease({ release: release(), executionArn: EXECUTION, now: 2 }, deps);
    await deps.locks.release('web-server', EXECUTION);
    const other = await planRelease({ release: release({ releaseId: 'web-server-req-0123456789' }), executionArn: `${EXECUTION}-2`, now: 3 }, deps);
    // Assess
    expect(again.clientToken).toBe(a.clientToken);
    expect(other.clientToken).not.toBe(a.clientToken);
  });

  it('skips when nothing changed since the last success', async () => {
    // Prepare
    const deps = setup();
    const inputs = { parentImageId: 'ami-0aaaaaaaaaaaaaaaa', recipeArn: recipe.recipeArn, components: recipe.components };
    await deps.history.addSuccess({
      pipeline: 'web-server',
      releaseId: 'web-server-2026-10-scheduled',
      succeededAt: 1,
      amis: [],
      fingerprint: fingerprintOf(inputs),
    });
    // Act
    const plan = await planRelease({ release: release(), executionArn: EXECUTION, now: 5 }, deps);
    // Assess
    expect(plan.action).toBe('skip');
    expect(plan.reason).toContain('Nothing changed');
    expect(plan.validation.smokeTest).toBeUndefined();
  });

  it('plans a rollback to the previous validated image, without build or validation', async () => {
    // Prepare
    const deps = setup();
    const old = [{ region: HOME, imageId: 'ami-0000000000000000a' }];
    const current = [{ region: HOME, imageId: 'ami-0000000000000000b' }];
    await deps.history.addSuccess({ pipeline: 'web-server', releaseId: 'r1', succeededAt: 1, amis: old });
    await deps.history.addSuccess({ pipeline: 'web-server', releaseId: 'r2', succeededAt: 2, amis: current });
    // Act
    const plan = await planRelease(
      { release: release({ releaseId: 'web-server-rollback-1', trigger: { kind: 'rollback' } }), executionArn: EXECUTION, now: 5 },
      deps,
    );
    // Assess
    expect(plan).toMatchObject({ action: 'rollback', amis: old });
  });

  it('throws InvalidReleaseRequestError naming release.rollbackTo for an AMI no release validated, and takes no lock', async () => {
    // Prepare
    const deps = setup();
    await deps.history.addSuccess({ pipeline: 'web-server', releaseId: 'r1', succeededAt: 1, amis: [{ region: HOME, imageId: 'ami-0000000000000000a' }] });
    const rollbackTo = [
      { region: HOME, imageId: 'ami-0000000000000000a' },
      { region: 'eu-west-1', imageId: 'ami-0dddddddddddddddd' },
    ];
    // Act
    const attempt = planRelease({ release: release({ trigger: { kind: 'rollback' }, rollbackTo }), executionArn: EXECUTION, now: 5 }, deps);
    // Assess
    await expect(attempt).rejects.toMatchObject({
      name: 'InvalidReleaseRequestError',
      message: expect.stringMatching(/^release\.rollbackTo: ami-0dddddddddddddddd \(eu-west-1\) never reached stable/),
    });
    expect(deps.locks.locks.size).toBe(0);
    expect(deps.history.releases.size).toBe(0);
  });

  it('throws NothingToRollBackError when there is no earlier image', async () => {
    // Prepare
    const deps = setup();
    // Act
    const attempt = planRelease({ release: release({ trigger: { kind: 'rollback' } }), executionArn: EXECUTION, now: 5 }, deps);
    // Assess
    await expect(attempt).rejects.toThrow(NothingToRollBackError);
  });

  it('validates an external build without starting one', async () => {
    // Prepare
    const deps = setup();
    const arn = `arn:aws:imagebuilder:${HOME}:${ACCOUNT}:image/acme-platform-web-server/1.0.5/4`;
    // Act
    const plan = await planRelease(
      { release: release({ trigger: { kind: 'external-build' }, imageBuildVersionArn: arn }), executionArn: EXECUTION, now: 5 },
      deps,
    );
    // Assess
    expect(plan).toMatchObject({ action: 'validate', imageBuildVersionArn: arn });
  });

  it('throws ReleaseInProgressError, changing nothing, while another release of the pipeline runs', async () => {
    // Prepare
    const deps = setup();
    await planRelease({ release: release(), executionArn: EXECUTION, now: 1 }, deps);
    deps.executions.running.add(EXECUTION);
    // Act
    const attempt = planRelease({ release: release({ releaseId: 'web-server-req-1' }), executionArn: `${EXECUTION}-other`, now: 2 }, deps);
    // Assess
    await expect(attempt).rejects.toThrow(ReleaseInProgressError);
    expect(deps.history.releases.has('web-server/web-server-req-1')).toBe(false);
  });

  it('throws UnknownPipelineError naming release.pipeline, and takes no lock', async () => {
    // Prepare
    const deps = setup();
    // Act
    const attempt = planRelease({ release: release({ pipeline: 'web-sever' }), executionArn: EXECUTION, now: 1 }, deps);
    // Assess
    await expect(attempt).rejects.toThrow(UnknownPipelineError);
    await expect(attempt).rejects.toThrow(/^release\.pipeline: there is no pipeline named 'web-sever'.*Known pipelines: web-server/);
    expect(deps.locks.locks.size).toBe(0);
  });

  it('throws ImagePipelineNotFoundError when the pipeline was never deployed', async () => {
    // Prepare
    const deps = setup();
    deps.imageBuilder.recipes.clear();
    // Act
    const attempt = planRelease({ release: release(), executionArn: EXECUTION, now: 1 }, deps);
    // Assess
    await expect(attempt).rejects.toThrow(ImagePipelineNotFoundError);
  });
});
