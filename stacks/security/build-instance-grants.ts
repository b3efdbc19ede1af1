/**
 * What build and test instances need, as scoped grants instead of the AWS managed policies the model
 * names (AmazonSSMManagedInstanceCore, EC2InstanceProfileForImageBuilder): the same actions Image
 * Builder and Run Command use, limited to this account, the home Region and the pipeline's own components.
 * Patch Manager and Distributor actions of the SSM policy are left out: Goldsmith patches through components.
 */
import { Aws } from 'aws-cdk-lib';
import type { ComponentResource } from '../../core/app-model/index.ts';
import type { ArnPatterns } from './arn-patterns.ts';
import type { Grant } from './grant.ts';

const WHY = {
  agent:
    'The SSM agent and Run Command channel APIs (ssmmessages, ec2messages, instance registration, inventory) have no resource-level permission; limited to the home Region.',
  components: "Component ARNs end in a version and build number; each ARN names one of the pipeline's components (or AWS-owned ones Image Builder adds).",
  encryptedComponents:
    'Image Builder decrypts component documents with a key chosen by the component owner; only calls via Image Builder with its encryption context are allowed.',
  toe: "AWSTOE and Image Builder's own artifacts are in AWS-owned buckets named ec2imagebuilder*.",
  logs: 'Image Builder writes build logs to log groups it names under /aws/imagebuilder/.',
} as const;

export const AGENT_ACTIONS = [
  'ec2messages:AcknowledgeMessage',
  'ec2messages:DeleteMessage',
  'ec2messages:FailMessage',
  'ec2messages:GetEndpoint',
  'ec2messages:GetMessages',
  'ec2messages:SendReply',
  'ssmmessages:CreateControlChannel',
  'ssmmessages:CreateDataChannel',
  'ssmmessages:OpenControlChannel',
  'ssmmessages:OpenDataChannel',
  'ssm:UpdateInstanceInformation',
  // Enhanced image metadata collects software inventory through an SSM association.
  'ssm:DescribeAssociation',
  'ssm:ListAssociations',
  'ssm:ListInstanceAssociations',
  'ssm:UpdateAssociationStatus',
  'ssm:UpdateInstanceAssociationStatus',
  'ssm:PutInventory',
  'ssm:PutComplianceItems',
  'ssm:GetDocument',
  'ssm:DescribeDocument',
] as const;

export function buildInstanceGrants(components: readonly ComponentResource[], arns: ArnPatterns): Grant[] {
  const home = arns.homeRegion;
  return [
    { actions: [...AGENT_ACTIONS], resources: ['*'], conditions: { StringEquals: { 'aws:RequestedRegion': home } }, wildcardReason: WHY.agent },
    {
      actions: ['imagebuilder:GetComponent'],
      resources: [...components.map((c) => arns.componentVersions(c.name)), `arn:${Aws.PARTITION}:imagebuilder:${home}:aws:component/*`],
      wildcardReason: WHY.components,
    },
    {
      actions: ['kms:Decrypt'],
      resources: ['*'],
      conditions: {
        'ForAnyValue:StringEquals': { 'kms:EncryptionContextKeys': 'aws:imagebuilder:arn', 'aws:CalledVia': 'imagebuilder.amazonaws.com' },
      },
      wildcardReason: WHY.encryptedComponents,
    },
    { actions: ['s3:GetObject'], resources: [`arn:${Aws.PARTITION}:s3:::ec2imagebuilder*`], wildcardReason: WHY.toe },
    {
      actions: ['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:PutLogEvents'],
      resources: [arns.logGroup('/aws/imagebuilder/*')],
      wildcardReason: WHY.logs,
    },
  ];
}
