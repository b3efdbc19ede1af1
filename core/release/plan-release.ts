/**
 * plan-release: the first step of every release. It takes the pipeline's lock, then decides what the
 * release does (build, skip, validate an external build, or roll back) and hands the state machine
 * everything later steps need, except the waves' targets: it names the waves, and the rollout functions read
 * each wave from the config (core/release/wave-rollout.ts), so the state stays small at any fleet size.
 */
import type { ResolvedPipeline } from '../config/index.ts';
import { decideBuild } from './change-detection.ts';
import type { PlanReleaseOutput, RegionalAmi, ReleaseInput, SmokeTestPlan } from './contracts.ts';
import { clientToken } from './deterministic-ids.ts';
import { ImagePipelineNotFoundError, InvalidReleaseRequestError, NothingToRollBackError, ParentImageNotFoundError } from './errors.ts';
import type { ExecutionStatusPort, ImageBuilderPort, LockStore, ParameterPort, PipelineRecipe, ReleaseHistory, ReleaseRecord } from './ports.ts';
import { findPipeline, type ReleaseConfig } from './release-config.ts';
import { lastSuccess, rollbackTarget } from './release-history.ts';
import { acquireReleaseLock } from './release-lock.ts';
import { approvalSettings, findingThresholds, lockSeconds, releaseBounds, releaseWaveNames } from './release-settings.ts';
import { imagePipelineArn, imagePipelineName } from './resource-names.ts';

/** How far back a rollback may reach: the successes whose AMIs it may bring back. */
const VALIDATED_DEPTH = 100;

export interface PlanReleaseDeps {
  config: ReleaseConfig;
  accountId: string;
  locks: LockStore;
  executions: ExecutionStatusPort;
  history: ReleaseHistory;
  imageBuilder: ImageBuilderPort;
  parameters: ParameterPort;
}

export interface PlanReleaseRequest {
  release: ReleaseInput;
  executionArn: string;
  /** When the release started (the execution's start), epoch ms. */
  now: number;
}

export async function planRelease(request: PlanReleaseRequest, deps: PlanReleaseDeps): Promise<PlanReleaseOutput> {
  const { release, executionArn, now } = request;
  const pipeline = findPipeline(deps.config, release.pipeline, 'release.pipeline');
  const home = deps.config.config.region;
  // Requests that cannot be done are refused before the lock, so they change nothing.
  if (release.trigger.kind === 'external-build' && !release.imageBuildVersionArn) {
    throw new InvalidReleaseRequestError('release.imageBuildVersionArn', "is required when trigger.kind is 'external-build': name the image build to validate");
  }
  const rollbackAmis = release.trigger.kind === 'rollback' ? await rollbackImages(release, deps.history) : undefined;
  await acquireReleaseLock({ pipeline: release.pipeline, releaseId: release.releaseId, executionArn, now, seconds: lockSeconds(pipeline) }, deps);

  const pipelineArn = imagePipelineArn(home, deps.accountId, imagePipelineName(deps.config, release.pipeline));
  const base = {
    clientToken: clientToken(release.releaseId),
    imagePipelineArn: pipelineArn,
    approval: approvalSettings(pipeline),
    channels: { ...pipeline.config.channels },
    waves: releaseWaveNames(pipeline),
    bounds: releaseBounds(pipeline),
  };
  const record: ReleaseRecord = {
    pipeline: release.pipeline,
    releaseId: release.releaseId,
    executionArn,
    trigger: release.trigger,
    action: 'build',
    reason: '',
    startedAt: now,
    status: 'running',
  };
  const thresholds = findingThresholds(pipeline);

  if (rollbackAmis) {
    const reason = `Rollback to the previously validated image ${rollbackAmis.map((a) => `${a.imageId} (${a.region})`).join(', ')}: no build, no validation.`;
    await deps.history.putRelease({ ...record, action: 'rollback', reason, amis: rollbackAmis });
    return { ...base, action: 'rollback', reason, amis: rollbackAmis, validation: { findingThresholds: thresholds } };
  }

  const recipe = await deps.imageBuilder.getPipelineRecipe(pipelineArn);
  if (!recipe) throw new ImagePipelineNotFoundError(pipelineArn);
  const inputs = { parentImageId: await parentImageId(pipeline, home, deps.parameters), recipeArn: recipe.recipeArn, components: recipe.components };
  const decision = decideBuild(release.pipeline, inputs, await lastSuccess(release.pipeline, deps.history), {
    skipWhenUnchanged: pipeline.config.skipWhenUnchanged,
    force: release.force === true,
  });
  const external = release.trigger.kind === 'external-build';
  const action = external ? 'validate' : decision.action;
  const reason = external ? `Validating image ${release.imageBuildVersionArn}, built outside Goldsmith on the managed pipeline.` : decision.reason;
  await deps.history.putRelease({ ...record, action, reason, fingerprint: decision.fingerprint, ...inputs });

  const smokeTest = action === 'skip' ? undefined : smokeTestPlan(pipeline, recipe);
  return {
    ...base,
    action,
    reason,
    ...(external && { imageBuildVersionArn: release.imageBuildVersionArn }),
    validation: { findingThresholds: thresholds, ...(smokeTest && { smokeTest }) },
  };
}

/**
 * A rollback skips validation, so it may only bring back AMIs that an earlier release of this pipeline validated
 * and took to stable (DESIGN §5.1): never an arbitrary AMI handed in through rollbackTo.
 */
async function rollbackImages(release: ReleaseInput, history: ReleaseHistory): Promise<RegionalAmi[]> {
  const { pipeline } = release;
  const amis = release.rollbackTo ?? (await rollbackTarget(pipeline, history))?.amis;
  if (!amis || amis.length === 0) throw new NothingToRollBackError(pipeline);
  const validated = new Set((await history.latestSuccesses(pipeline, VALIDATED_DEPTH)).flatMap((s) => s.amis.map((a) => `${a.region}/${a.imageId}`)));
  const unknown = amis.filter((a) => !validated.has(`${a.region}/${a.imageId}`));
  if (unknown.length > 0) {
    throw new InvalidReleaseRequestError(
      'release.rollbackTo',
      `${unknown.map((a) => `${a.imageId} (${a.region})`).join(', ')} never reached stable in a release of '${pipeline}', so a rollback cannot publish it without validation. Name AMIs of an earlier successful release, or leave rollbackTo out to use the previous one.`,
    );
  }
  return amis;
}

/** The AMI the next build starts from: the parent parameter's value now, or the fixed AMI. */
async function parentImageId(pipeline: ResolvedPipeline, region: string, parameters: ParameterPort): Promise<string> {
  const parent = pipeline.parentImage;
  if (parent.kind === 'ami') return parent.imageId;
  const value = await parameters.get(region, parent.parameterName);
  if (!value) throw new ParentImageNotFoundError(parent.parameterName, region);
  return value.value;
}

function smokeTestPlan(pipeline: ResolvedPipeline, recipe: PipelineRecipe): SmokeTestPlan | undefined {
  const smoke = pipeline.config.validation.smokeTests;
  if (!smoke) return undefined;
  const { instanceProfileName, subnetId, securityGroupIds } = recipe.infrastructure;
  return {
    commands: [...smoke.commands],
    instanceType: smoke.instanceType ?? pipeline.config.instanceTypes[0],
    ...(instanceProfileName && { instanceProfile: instanceProfileName }),
    ...(subnetId && { subnetId }),
    ...(securityGroupIds?.length && { securityGroupIds: [...securityGroupIds] }),
    timeoutSeconds: smoke.timeoutSeconds,
    documentName: pipeline.config.platform === 'Windows' ? 'AWS-RunPowerShellScript' : 'AWS-RunShellScript',
  };
}
