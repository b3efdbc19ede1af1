import { z } from 'zod';
import { problem } from './config-issue.ts';

// Names Goldsmith builds resource names from; short enough that `<project>-<pipeline>-<suffix>` fits EventBridge Scheduler's 64 characters.
export const PROJECT_NAME_MAX = 20;
export const PIPELINE_NAME_MAX = 32;
const KEBAB = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;

export function kebabName(example: string, maxLength: number) {
  return z
    .string()
    .regex(KEBAB, { error: problem('must be kebab-case', `Use lowercase letters, digits and single hyphens, starting with a letter, e.g. '${example}'`) })
    .min(2, { error: problem('must be at least 2 characters long') })
    .max(maxLength, {
      error: problem(`must be at most ${maxLength} characters long`, 'Goldsmith prefixes resource names with it, and AWS limits their length'),
    });
}

export const REGION = /^[a-z]{2}(?:-[a-z]+)+-\d{1,2}$/;
export const region = z.string().regex(REGION, { error: problem('must be an AWS Region code', "Use a code like 'eu-central-1'") });

export const ACCOUNT_ID = /^\d{12}$/;
export const accountId = z.string().regex(ACCOUNT_ID, { error: problem('must be a 12-digit AWS account id', "Quote it as a string, e.g. '123456789012'") });

export const AMI_ID = /^ami-(?:[0-9a-f]{8}|[0-9a-f]{17})$/;

const KMS_KEY_ID = /^(?:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|mrk-[0-9a-f]{32})$/;
const KMS_ALIAS = /^alias\/[A-Za-z0-9/_-]{1,250}$/;
export const KMS_ARN = /^arn:aws[a-z-]*:kms:([a-z0-9-]+):(\d{12}):(?:key\/[0-9a-z-]+|alias\/[A-Za-z0-9/_-]+)$/;
/** The AWS managed EBS key: it can encrypt AMIs, but AMIs encrypted with it cannot be shared with other accounts. */
export const AWS_MANAGED_EBS_KEY = 'alias/aws/ebs';

export const kmsKey = z.string().refine((value) => KMS_KEY_ID.test(value) || KMS_ALIAS.test(value) || KMS_ARN.test(value), {
  error: problem(
    'must be a KMS key id, key ARN, alias name or alias ARN',
    "Use e.g. 'alias/goldsmith-ami' or 'arn:aws:kms:eu-central-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab'",
  ),
});

/** The Region of a KMS key ARN, or undefined for ids and aliases (which name a key in whatever Region they are used). */
export function kmsKeyRegion(key: string): string | undefined {
  return KMS_ARN.exec(key)?.[1];
}

const SSM_PARAMETER_NAME = /^\/[A-Za-z0-9_.\-/]+$/;
/** An SSM parameter Goldsmith writes: AWS reserves names that start with "aws" or "ssm". */
export const writableParameterName = z
  .string()
  .regex(SSM_PARAMETER_NAME, {
    error: problem('must be an SSM parameter name starting with /', "Use letters, digits and _ . - / only, e.g. '/goldsmith/web-server/stable'"),
  })
  .refine((value) => !/^\/(?:aws|ssm)/i.test(value), {
    error: problem("must not start with '/aws' or '/ssm'", "AWS reserves those prefixes; use e.g. '/goldsmith/…'"),
  })
  .refine((value) => value.split('/').length - 1 <= 15, { error: problem('must have at most 15 levels', 'SSM Parameter Store allows 15 levels of hierarchy') })
  .refine((value) => value.length <= 1011, { error: problem('must be at most 1011 characters long', 'That is the SSM Parameter Store limit') });

export function isSsmParameterName(value: string): boolean {
  return SSM_PARAMETER_NAME.test(value) && value.length <= 1011 && value.split('/').length - 1 <= 15;
}

const INSTANCE_TYPE = /^[a-z][a-z0-9-]*\.[a-z0-9]+$/;
export const instanceType = z.string().regex(INSTANCE_TYPE, { error: problem('must be an EC2 instance type', "Use e.g. 't3.medium' or 'm7g.large'") });

/** The CPU architecture of an instance type by its family name (Graviton families carry a `g` after the generation), or undefined when unsure. */
export function instanceArchitecture(type: string): 'x86_64' | 'arm64' | undefined {
  const family = type.split('.')[0];
  if (family.startsWith('mac')) return undefined;
  if (family === 'a1' || /^[a-z]+\d+g[a-z]*$/.test(family)) return 'arm64';
  return /^[a-z]+\d+[a-z-]*$/.test(family) ? 'x86_64' : undefined;
}

export const launchTemplateId = /^lt-[0-9a-f]{8,17}$/;
export const launchTemplateName = z
  .string()
  .regex(/^[A-Za-z0-9().\-/_]{3,128}$/, { error: problem('must be a launch template name (3–128 characters: letters, digits, ( ) . - / _) or id (lt-…)') });

export const autoScalingGroupName = z
  .string()
  .min(1, { error: problem('must not be empty') })
  .max(255, { error: problem('must be at most 255 characters long', 'That is the Auto Scaling limit for group names') });

export const alarmName = z
  .string()
  .min(1, { error: problem('must not be empty') })
  .max(255, { error: problem('must be at most 255 characters long', 'That is the CloudWatch limit for alarm names') });

export const snsTopicArn = z.string().regex(/^arn:aws[a-z-]*:sns:[a-z0-9-]+:\d{12}:[A-Za-z0-9_-]{1,256}$/, {
  error: problem('must be an SNS topic ARN', "Use e.g. 'arn:aws:sns:eu-central-1:123456789012:image-releases'"),
});

export const snsTopicName = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,256}$/, { error: problem('must be an SNS topic name (1–256 letters, digits, hyphens or underscores)') });

const URL_LIKE = /^[a-z][a-z0-9+.-]*:\/\//i;

/** A Secrets Manager secret name or ARN; never the secret itself. */
export const secretName = z
  .string()
  .refine((value) => !URL_LIKE.test(value) && !/hooks\.slack\.com/i.test(value), {
    error: problem(
      'must be the name of a Secrets Manager secret, not a URL',
      "A webhook URL is a secret and must never be in config or git (DESIGN §5.8). Store it with 'aws secretsmanager create-secret --name goldsmith/slack-webhook --secret-string <url>' and put the secret's name here",
    ),
  })
  .refine((value) => URL_LIKE.test(value) || /^arn:aws[a-z-]*:secretsmanager:/.test(value) || /^[A-Za-z0-9/_+=.@-]{1,512}$/.test(value), {
    error: problem('must be a Secrets Manager secret name (1–512 letters, digits and / _ + = . @ -) or ARN'),
  });

export const instanceProfileName = z.string().regex(/^[\w+=,.@-]{1,128}$/, { error: problem('must be an IAM instance profile name') });
export const managedPolicyArn = z.string().regex(/^arn:aws[a-z-]*:iam::(?:aws|\d{12}):policy\/[\w+=,.@/-]+$/, {
  error: problem('must be an IAM managed policy ARN', "Use e.g. 'arn:aws:iam::aws:policy/CloudWatchAgentServerPolicy'"),
});
export const subnetId = z.string().regex(/^subnet-[0-9a-f]{8,17}$/, { error: problem('must be a subnet id (subnet-…)') });
export const securityGroupId = z.string().regex(/^sg-[0-9a-f]{8,17}$/, { error: problem('must be a security group id (sg-…)') });

/** major.minor; Goldsmith derives the patch from the content. Each part stays within Image Builder's 2^30-1. */
export const versionPrefix = z
  .string()
  .regex(/^(?:0|[1-9]\d{0,9})\.(?:0|[1-9]\d{0,9})$/, {
    error: problem("must be 'major.minor', e.g. '1.0'", 'Goldsmith derives the patch number from the content, so leave it out'),
  })
  .refine((value) => value.split('.').every((part) => Number(part) <= 2 ** 30 - 1), {
    error: problem('must have parts of at most 1073741823', "That is Image Builder's limit for each version part"),
  });

const RESERVED_TAG_PREFIX = /^(?:aws|goldsmith):/i;
export const tags = z.record(z.string(), z.string()).superRefine((value, ctx) => {
  const keys = Object.keys(value);
  if (keys.length > 40) {
    ctx.addIssue({
      code: 'custom',
      input: keys.length,
      message: problem('must have at most 40 tags', 'Goldsmith adds its own tags and AWS allows 50 per resource'),
    });
  }
  for (const key of keys) {
    if (key.length < 1 || key.length > 128) {
      ctx.addIssue({ code: 'custom', path: [key], input: key, message: problem('tag keys must be 1–128 characters long') });
    } else if (RESERVED_TAG_PREFIX.test(key)) {
      ctx.addIssue({
        code: 'custom',
        path: [key],
        input: key,
        message: problem("tag keys must not start with 'aws:' or 'goldsmith:'", 'Those prefixes are reserved for AWS and for Goldsmith'),
      });
    }
    if (value[key].length > 256) {
      ctx.addIssue({ code: 'custom', path: [key], input: value[key], message: problem('tag values must be at most 256 characters long') });
    }
  }
});
