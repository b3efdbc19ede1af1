/**
 * The errors of the release workflow. Each keeps an explicit `name`, because Step Functions' Retry and Catch
 * match on it (and minified bundles rename classes). Messages say what happened and what to do next.
 */
export class ReleaseError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ReleaseError';
  }
}

/** Another execution holds the pipeline's lock: the state machine turns this into a clean exit. */
export class ReleaseInProgressError extends ReleaseError {
  readonly holder: string;
  constructor(pipeline: string, holder: { releaseId: string; holder: string; expiresAt: number }) {
    super(
      `Pipeline '${pipeline}' already has a release in progress (${holder.releaseId}, execution ${holder.holder}) until ${new Date(holder.expiresAt * 1000).toISOString()} at the latest. This trigger joins it and changes nothing; run again once it has finished.`,
    );
    this.name = 'ReleaseInProgressError';
    this.holder = holder.holder;
  }
}

/** An input names a pipeline the config does not have. */
export class UnknownPipelineError extends ReleaseError {
  readonly field: string;
  constructor(field: string, pipeline: string, known: readonly string[]) {
    super(
      `${field}: there is no pipeline named '${pipeline}' in goldsmith.config.ts. Known pipelines: ${known.length ? known.join(', ') : '(none)'}. Fix the name, or add the pipeline and deploy.`,
    );
    this.name = 'UnknownPipelineError';
    this.field = field;
  }
}

/** An input is well-formed but asks for something this pipeline cannot do. */
export class InvalidReleaseRequestError extends ReleaseError {
  readonly field: string;
  constructor(field: string, message: string) {
    super(`${field}: ${message}`);
    this.name = 'InvalidReleaseRequestError';
    this.field = field;
  }
}

export class NothingToRollBackError extends ReleaseError {
  constructor(pipeline: string) {
    super(`Pipeline '${pipeline}' has no earlier validated release to roll back to. Pass the AMIs to release again in rollbackTo, or run a normal release.`);
    this.name = 'NothingToRollBackError';
  }
}

export class ParentImageNotFoundError extends ReleaseError {
  constructor(parameterName: string, region: string) {
    super(`The parent image parameter ${parameterName} does not exist in ${region}. Fix parentImage in goldsmith.config.ts, or publish the parent first.`);
    this.name = 'ParentImageNotFoundError';
  }
}

export class ImagePipelineNotFoundError extends ReleaseError {
  constructor(arn: string) {
    super(`The Image Builder pipeline ${arn} does not exist. Deploy Goldsmith (it creates the pipeline), then run the release again.`);
    this.name = 'ImagePipelineNotFoundError';
  }
}

/** The image build ended FAILED or CANCELLED (or was deleted). */
export class BuildFailedError extends ReleaseError {
  constructor(imageBuildVersionArn: string, status: string, reason?: string) {
    super(
      `The image build ${imageBuildVersionArn} ended ${status}${reason ? `: ${reason}` : ''}. Read the build log in Image Builder, fix the recipe or component, and run the release again.`,
    );
    this.name = 'BuildFailedError';
  }
}

export class BuildTimedOutError extends ReleaseError {
  constructor(imageBuildVersionArn: string, status: string, boundSeconds: number) {
    super(
      `The image build ${imageBuildVersionArn} is still ${status} after its bound of ${Math.round(boundSeconds / 60)} minutes. Check the build in Image Builder, or raise timeouts.buildMinutes.`,
    );
    this.name = 'BuildTimedOutError';
  }
}

/** Scan findings over their thresholds. */
export class ValidationGateError extends ReleaseError {
  constructor(message: string) {
    super(message);
    this.name = 'ValidationGateError';
  }
}

export class TestInstanceNotReadyError extends ReleaseError {
  constructor(instanceId: string, message: string) {
    super(`Test instance ${instanceId} ${message}`);
    this.name = 'TestInstanceNotReadyError';
  }
}

export class SmokeTestFailedError extends ReleaseError {
  constructor(commandId: string, instanceId: string, status: string, detail?: string) {
    super(
      `Smoke tests (command ${commandId} on ${instanceId}) ended ${status}${detail ? `: ${detail}` : ''}. Fix the image or validation.smokeTests.commands, then run the release again.`,
    );
    this.name = 'SmokeTestFailedError';
  }
}

/** An AMI this release needs in a region is not among the release's AMIs. */
export class MissingRegionalAmiError extends ReleaseError {
  constructor(region: string, regions: readonly string[]) {
    super(
      `The release has no AMI in ${region} (it has ${regions.join(', ') || 'none'}). Add ${region} to distribution.regions in goldsmith.config.ts and deploy.`,
    );
    this.name = 'MissingRegionalAmiError';
  }
}

/** An AMI to publish does not exist or is not available in its region. */
export class AmiNotAvailableError extends ReleaseError {
  constructor(imageId: string, region: string, state: string) {
    super(`AMI ${imageId} is ${state} in ${region}, so a channel cannot point at it. Check the image's distribution to ${region}, then run the release again.`);
    this.name = 'AmiNotAvailableError';
  }
}

/** A channel parameter did not read back the AMI that was written. */
export class ChannelVerificationError extends ReleaseError {
  constructor(parameterName: string, region: string, expected: string, found: string | undefined) {
    super(
      `The channel parameter ${parameterName} in ${region} reads ${found ?? 'nothing'} instead of ${expected} after the write. Parameter Store may have rejected the aws:ec2:image value (check the AMI exists there); run the release again.`,
    );
    this.name = 'ChannelVerificationError';
  }
}

export class LaunchTemplateNotFoundError extends ReleaseError {
  constructor(launchTemplate: string, region: string) {
    super(`Launch template '${launchTemplate}' does not exist in ${region}. Fix rollout.waves[].targets[].launchTemplate in goldsmith.config.ts.`);
    this.name = 'LaunchTemplateNotFoundError';
  }
}

/** An instance refresh failed, was cancelled or rolled back. */
export class RefreshFailedError extends ReleaseError {
  constructor(autoScalingGroupName: string, instanceRefreshId: string, status: string, reason?: string) {
    super(
      `The instance refresh ${instanceRefreshId} of ${autoScalingGroupName} ended ${status}${reason ? `: ${reason}` : ''}. The wave's launch templates go back to their previous versions; check the group's health and alarms before releasing again.`,
    );
    this.name = 'RefreshFailedError';
  }
}

export class RefreshTimedOutError extends ReleaseError {
  constructor(autoScalingGroupName: string, instanceRefreshId: string, status: string, boundSeconds: number) {
    super(
      `The instance refresh ${instanceRefreshId} of ${autoScalingGroupName} is still ${status} after its bound of ${Math.round(boundSeconds / 60)} minutes. Check the group, or raise timeouts.waveMinutes.`,
    );
    this.name = 'RefreshTimedOutError';
  }
}

/** The wave's launch template was set back (its wave failed) while this group's refresh started: the refresh was undone. */
export class WaveRestoredError extends ReleaseError {
  constructor(autoScalingGroupName: string, instanceRefreshId: string, launchTemplateId: string, defaultVersion: number | undefined) {
    super(
      `Launch template ${launchTemplateId} no longer defaults to this wave's version (it is at ${defaultVersion ?? 'an unknown version'}): the wave failed and was restored while the instance refresh ${instanceRefreshId} of ${autoScalingGroupName} started, so that refresh was rolled back. Read the wave's first error, fix it, and release again.`,
    );
    this.name = 'WaveRestoredError';
  }
}

/** A rollout step names a wave (or a group of it) that the deployed config does not have: the config changed mid-release. */
export class UnknownWaveError extends ReleaseError {
  constructor(pipeline: string, wave: string, detail: string) {
    super(
      `Pipeline '${pipeline}' has no wave '${wave}'${detail} in the deployed config: the config changed while the release ran. Let this release fail and release again.`,
    );
    this.name = 'UnknownWaveError';
  }
}

/** start-refresh found no rolled launch template record for the group: roll-launch-templates did not finish for it. */
export class RolloutRecordMissingError extends ReleaseError {
  constructor(releaseId: string, wave: string, autoScalingGroupName: string) {
    super(
      `Release ${releaseId} recorded no rolled launch template for group ${autoScalingGroupName} in wave '${wave}', so its instance refresh cannot name a version. Roll Launch Templates must succeed first; release again.`,
    );
    this.name = 'RolloutRecordMissingError';
  }
}

/** Another instance refresh (not this release's) runs on the group. */
export class RefreshConflictError extends ReleaseError {
  constructor(autoScalingGroupName: string, instanceRefreshId: string) {
    super(
      `Auto Scaling group ${autoScalingGroupName} already runs instance refresh ${instanceRefreshId}, which this release did not start. Wait for it or cancel it, then release again.`,
    );
    this.name = 'RefreshConflictError';
  }
}

export class ApprovalNotFoundError extends ReleaseError {
  constructor(releaseId: string) {
    super(`Release ${releaseId} is not waiting for approval. Check the release id with \`goldsmith status\`.`);
    this.name = 'ApprovalNotFoundError';
  }
}

export class ApprovalAlreadyDecidedError extends ReleaseError {
  constructor(releaseId: string, status: string) {
    super(`Release ${releaseId} was already ${status}; nothing changed.`);
    this.name = 'ApprovalAlreadyDecidedError';
  }
}
