import { AwsServiceError } from '../../errors.ts';

/** EC2's own error codes and messages, as its API answers them (all HTTP 400). */
const ec2Error = (code: string, message: string) => new AwsServiceError(code, message, 400);

export const missingParameter = (name: string) => ec2Error('MissingParameter', `The request must contain the parameter ${name}`);

export const invalidParameterValue = (message: string) => ec2Error('InvalidParameterValue', message);

export const invalidParameterCombination = (message: string) => ec2Error('InvalidParameterCombination', message);

export const invalidParameter = (message: string) => ec2Error('InvalidParameter', message);

export const invalidFilter = (name: string) => invalidParameterValue(`The filter '${name}' is invalid`);

export const invalidNextToken = (token: string) => ec2Error('InvalidNextToken', `The token '${token}' is invalid`);

export const invalidMaxResults = (value: unknown, min: number, max: number) =>
  invalidParameterValue(`Value ( ${String(value)} ) for parameter maxResults is invalid. Expecting a value between ${min} and ${max}.`);

export const invalidId = (id: string) => ec2Error('InvalidID', `The ID '${id}' is not valid`);

export const authFailure = (message: string) => ec2Error('AuthFailure', message);

export const unsupportedOperation = (message: string) => ec2Error('UnsupportedOperation', message);

// Images

export const amiNotFound = (ids: string[]) =>
  ids.length > 1
    ? ec2Error('InvalidAMIID.NotFound', `The image ids '[${ids.join(', ')}]' do not exist`)
    : ec2Error('InvalidAMIID.NotFound', `The image id '[${ids[0]}]' does not exist`);

export const amiMalformed = (id: string) => ec2Error('InvalidAMIID.Malformed', `Invalid id: "${id}" (expecting "ami-...")`);

export const amiUnavailable = (id: string) => ec2Error('InvalidAMIID.Unavailable', `The image id '[${id}]' is no longer available`);

export const amiNameDuplicate = (name: string, imageId: string) => ec2Error('InvalidAMIName.Duplicate', `AMI name ${name} is already in use by AMI ${imageId}`);

export const amiNameMalformed = () =>
  ec2Error(
    'InvalidAMIName.Malformed',
    "AMI names must be between 3 and 128 characters long, and may contain letters, numbers, '(', ')', '.', '-', '/' and '_'",
  );

export const notAuthorizedForImage = (id: string) => authFailure(`Not authorized for image:${id}`);

export const invalidUserIdMalformed = (id: string) => ec2Error('InvalidUserID.Malformed', `Invalid user id: "${id}"`);

export const invalidAmiAttributeItemValue = (attribute: string, value: string) =>
  ec2Error('InvalidAMIAttributeItemValue', `Invalid attribute item value "${value}" for ${attribute} item type.`);

// Snapshots

export const snapshotNotFound = (id: string) => ec2Error('InvalidSnapshot.NotFound', `The snapshot '${id}' does not exist.`);

export const snapshotMalformed = (id: string) =>
  ec2Error('InvalidSnapshotID.Malformed', `The snapshot ID '${id}' is not valid. The expected format is snap-xxxxxxxx or snap-xxxxxxxxxxxxxxxxx.`);

export const snapshotInUse = (snapshotId: string, imageId: string) =>
  ec2Error('InvalidSnapshot.InUse', `The snapshot ${snapshotId} is currently in use by ${imageId}`);

// Launch templates

export const launchTemplateIdNotFound = (id: string) =>
  ec2Error('InvalidLaunchTemplateId.NotFound', `The specified launch template, with template ID ${id}, does not exist.`);

export const launchTemplateNameNotFound = (name: string) =>
  ec2Error('InvalidLaunchTemplateName.NotFoundException', `The specified launch template, with template name ${name}, does not exist.`);

export const launchTemplatesNotFound = () =>
  ec2Error('InvalidLaunchTemplateName.NotFoundException', 'At least one of the launch templates specified in the request does not exist.');

export const launchTemplateIdMalformed = (id: string) =>
  ec2Error('InvalidLaunchTemplateId.Malformed', `The specified ID for the launch template '${id}' is not valid. The expected format is lt-xxxxxxxxxxxxxxxxx.`);

export const launchTemplateNameExists = () => ec2Error('InvalidLaunchTemplateName.AlreadyExistsException', 'Launch template name already in use.');

export const launchTemplateNameMalformed = () =>
  ec2Error(
    'InvalidLaunchTemplateName.MalformedException',
    'A launch template name must be between 3 and 128 characters, and may contain letters, numbers, and the following characters: - ( ) . / _.',
  );

export const launchTemplateVersionNotFound = (version: string, templateId: string) =>
  ec2Error('InvalidLaunchTemplateId.VersionNotFound', `Could not find the specified version ${version} for the launch template with ID ${templateId}.`);

export const launchTemplateVersionMalformed = (version: string) =>
  ec2Error('InvalidLaunchTemplateId.VersionNotFound', `Could not find the specified version ${version}. Specify a version number, $Latest, or $Default.`);

export const launchTemplateDataMissing = () =>
  missingParameterMessage('No launch template data was provided. Launch template data is required to create a launch template.');

const missingParameterMessage = (message: string) => ec2Error('MissingParameter', message);

export const launchTemplateIdOrNameMissing = () => missingParameterMessage('The request must contain the parameter launchTemplateName or launchTemplateId');

export const launchTemplateIdAndName = () =>
  invalidParameterCombination('Both a launch template ID and a launch template name were specified. Specify only one of them.');

// Instances

export const instanceNotFound = (ids: string[]) =>
  ids.length > 1
    ? ec2Error('InvalidInstanceID.NotFound', `The instance IDs '${ids.join(', ')}' do not exist`)
    : ec2Error('InvalidInstanceID.NotFound', `The instance ID '${ids[0]}' does not exist`);

export const instanceMalformed = (id: string) => ec2Error('InvalidInstanceID.Malformed', `Invalid id: "${id}"`);

export const cannotStart = (id: string) => ec2Error('IncorrectInstanceState', `The instance '${id}' is not in a state from which it can be started.`);

export const cannotStop = (id: string) => ec2Error('IncorrectInstanceState', `The instance '${id}' is not in a state from which it can be stopped.`);

export const neverRunning = (id: string) =>
  ec2Error('IncorrectInstanceState', `Instance '${id}' cannot be stopped as it has never reached the 'running' state.`);

export const invalidInstanceType = (type: string) => invalidParameterValue(`Invalid value '${type}' for InstanceType.`);

export const invalidAvailabilityZone = (zone: string) => invalidParameterValue(`Invalid availability zone: [${zone}]`);

export const invalidSubnetIdMalformed = (id: string) => ec2Error('InvalidSubnetID.Malformed', `Invalid id: "${id}" (expecting "subnet-...")`);

// Tags

export const reservedTagKey = () =>
  invalidParameterValue("Value ( aws: ) for parameter key is invalid. Tag keys starting with 'aws:' are reserved for internal use");

export const tagLimitExceeded = () => ec2Error('TagLimitExceeded', 'The maximum number of Tags for a resource has been reached.');

export const invalidResourceType = (type: string) => invalidParameterValue(`'${type}' is not a valid taggable resource type for this operation.`);
