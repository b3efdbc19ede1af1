import { AwsServiceError } from '../../errors.ts';

/**
 * Auto Scaling's errors, with the wire codes of the awsQuery model (the SDK surfaces some as
 * `…Fault`, e.g. `AlreadyExists` as `AlreadyExistsFault`). Messages are AWS's where AWS publishes
 * or returns them; where AWS's exact text is not known, the message says the same in AWS's style.
 */

export const validationError = (message: string) => new AwsServiceError('ValidationError', message, 400);

/** Coral's constraint message: `1 validation error detected: Value null at 'minSize' failed to satisfy constraint: Member must not be null`. */
export const constraintViolations = (violations: string[]) =>
  validationError(`${violations.length} validation error${violations.length > 1 ? 's' : ''} detected: ${violations.join('; ')}`);

/** UpdateAutoScalingGroup and SetDesiredCapacity name no group in their refusal. */
export const groupNameNotFound = () => validationError('AutoScalingGroup name not found - null');

export const groupNotFound = (name: string) => validationError(`AutoScalingGroup name not found - AutoScalingGroup '${name}' not found`);

export const groupAlreadyExists = (name: string) =>
  new AwsServiceError('AlreadyExists', `AutoScalingGroup by this name already exists - A group with the name ${name} already exists`, 400);

export const groupHasInstances = () =>
  new AwsServiceError(
    'ResourceInUse',
    'You cannot delete an AutoScalingGroup while there are instances or pending Spot instance request(s) still in the group.',
    400,
  );

export const noLaunchSource = () =>
  validationError('Valid requests must contain either LaunchTemplate, LaunchConfigurationName, InstanceId or MixedInstancesPolicy parameter.');

export const launchTemplateIdOrName = () => validationError('Valid requests must contain either launchTemplateId or LaunchTemplateName');

export const invalidLaunchTemplateVersion = () =>
  validationError("Invalid launch template version: either '$Default', '$Latest', or a numeric version are allowed.");

/** AWS prefixes what EC2 said about the launch template. */
export const invalidLaunchTemplate = (ec2Message: string) => validationError(`You must use a valid fully-formed launch template. ${ec2Message}`);

// The local cloud has no launch configurations: every name is unknown, as in an account that never created one.
export const launchConfigurationNotFound = (name: string) => validationError(`Launch configuration name not found - Launch configuration ${name} not found`);

// Differs from AWS: creating a group from an existing instance is not emulated.
export const instanceIdNotSupported = () =>
  validationError('The local cloud does not support creating an Auto Scaling group from InstanceId. Use a LaunchTemplate or MixedInstancesPolicy.');

export const noZones = () => validationError('At least one Availability Zone or VPC Subnet is required.');

export const subnetNotFound = (subnetId: string) => validationError(`The subnet ID '${subnetId}' does not exist`);

export const maxBelowMin = (max: number, min: number) => validationError(`Max bound, ${max}, must be greater than or equal to min bound, ${min}`);

export const desiredOutOfBounds = (desired: number, min: number, max: number) =>
  validationError(`Desired capacity:${desired} must be between the specified min size:${min} and max size:${max}`);

export const desiredAboveMax = (desired: number, max: number) =>
  validationError(`New SetDesiredCapacity value ${desired} is above max value ${max} for the AutoScalingGroup.`);

export const desiredBelowMin = (desired: number, min: number) =>
  validationError(`New SetDesiredCapacity value ${desired} is below min value ${min} for the AutoScalingGroup.`);

export const configLockedByRefresh = () =>
  validationError(
    'An active instance refresh with a desired configuration exists. All configuration options derived from the desired configuration are not available for update while the instance refresh is active.',
  );

export const invalidNextToken = () => new AwsServiceError('InvalidNextToken', 'The token provided is not valid.', 400);

export const invalidFilter = (name: string) =>
  validationError(`Filter type ${name} is not correct. Allowed Filter types are: auto-scaling-group key value propagate-at-launch`);

export const invalidGroupFilter = (name: string) =>
  validationError(`Filter type ${name} is not correct. Allowed Filter types are: tag-key tag-value tag:<key>`);

export const instanceRefreshInProgress = () =>
  new AwsServiceError('InstanceRefreshInProgress', 'An Instance Refresh is already in progress and blocks the execution of this Instance Refresh.', 400);

export const noActiveRefresh = (groupName: string) =>
  new AwsServiceError('ActiveInstanceRefreshNotFound', `No in progress or pending Instance Refresh found for Auto Scaling group ${groupName}`, 400);

/** The fault's published description: a rollback needs a desired configuration and numbered, AMI-based launch template versions. */
export const irreversibleRefresh = () =>
  new AwsServiceError(
    'IrreversibleInstanceRefresh',
    'The request failed because a desired configuration was not found or an incompatible launch template (uses a Systems Manager parameter instead of an AMI ID) or launch template version ($Latest or $Default) is present on the Auto Scaling group.',
    400,
  );

export const autoRollbackWithoutDesiredConfiguration = () =>
  validationError(
    "The request isn't valid. The AutoRollback parameter cannot be set to true when the DesiredConfiguration parameter is empty. Set AutoRollback to false or specify a desired configuration and try again.",
  );

export const autoRollbackWithUnversionedTemplate = () =>
  validationError(
    "The request isn't valid. The AutoRollback parameter cannot be set to true when the Auto Scaling group or the desired configuration uses the $Latest or $Default launch template version. Specify a launch template version number and try again.",
  );

export const autoRollbackWithSsmImage = () =>
  validationError(
    "The request isn't valid. The AutoRollback parameter cannot be set to true when the launch template uses a Systems Manager parameter instead of an AMI ID for the ImageId property. Specify an AMI ID and try again.",
  );

export const checkpointsNotAscending = () => validationError('The checkpoint percentages must be unique and in ascending order.');

export const checkpointDelayWithoutPercentages = () =>
  validationError("The request isn't valid. You must specify CheckpointPercentages when you specify CheckpointDelay.");

export const maxHealthyWithoutMin = () =>
  validationError("The request isn't valid. You must specify MinHealthyPercentage when you specify MaxHealthyPercentage.");

export const healthyRangeTooWide = () => validationError('The MaxHealthyPercentage minus the MinHealthyPercentage cannot be greater than 100.');

export const tooManyAlarms = () => validationError('You can specify up to 10 alarms in AlarmSpecification.');

// Differs from AWS: the ReplaceRootVolume strategy is not emulated.
export const strategyNotSupported = () => validationError('The local cloud supports the Rolling instance refresh strategy only.');

export const tagResourceNotGroup = (type: string) => validationError(`Invalid resource type: ${type}. Only auto-scaling-group is supported.`);
