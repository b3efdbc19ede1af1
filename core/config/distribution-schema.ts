import { z } from 'zod';
import { problem } from './config-issue.ts';
import { ACCOUNT_ID, AWS_MANAGED_EBS_KEY, kmsKey, region } from './identifiers.ts';

const PUBLIC = problem(
  "must not be 'all'",
  'Goldsmith never makes AMIs public (DESIGN §6); share with account ids, organization ARNs or organizational unit ARNs instead',
);
const isAll = (value: string) => value.trim().toLowerCase() === 'all';

function sharedWith(pattern: RegExp, what: string) {
  return z.string().superRefine((value, ctx) => {
    if (isAll(value)) ctx.addIssue({ code: 'custom', input: value, message: PUBLIC });
    else if (!pattern.test(value)) ctx.addIssue({ code: 'custom', input: value, message: what });
  });
}

const ORGANIZATION_ARN = /^arn:aws[a-z-]*:organizations::\d{12}:organization\/o-[a-z0-9]{10,32}$/;
const OU_ARN = /^arn:aws[a-z-]*:organizations::\d{12}:ou\/o-[a-z0-9]{10,32}\/ou-[0-9a-z]{4,32}-[a-z0-9]{8,32}$/;

/** Who may launch the AMI besides its owner. Never public. */
export const launchPermissionsSchema = z.strictObject({
  /** AWS account ids. @default [] */
  accounts: z.array(sharedWith(ACCOUNT_ID, problem('must be a 12-digit AWS account id', "Quote it as a string, e.g. '123456789012'"))).default([]),
  /** AWS Organizations organization ARNs. @default [] */
  organizations: z
    .array(sharedWith(ORGANIZATION_ARN, problem('must be an organization ARN', "Use e.g. 'arn:aws:organizations::111122223333:organization/o-exampleorgid'")))
    .default([]),
  /** AWS Organizations organizational unit ARNs. @default [] */
  organizationalUnits: z
    .array(
      sharedWith(OU_ARN, problem('must be an organizational unit ARN', "Use e.g. 'arn:aws:organizations::111122223333:ou/o-exampleorgid/ou-ab12-cd34ef56'")),
    )
    .default([]),
  /**
   * Not supported: EC2's only launch permission group is `all`, which makes an AMI public. Listed only so that Goldsmith can say why it refuses it.
   * @deprecated Leave it out.
   */
  userGroups: z
    .array(
      z.string().superRefine((value, ctx) => {
        ctx.addIssue({
          code: 'custom',
          input: value,
          message: isAll(value)
            ? PUBLIC
            : problem("is not an EC2 launch permission group (the only one is 'all', which Goldsmith refuses)", 'Remove userGroups'),
        });
      }),
    )
    .optional(),
});

/** Where the AMI goes, who may use it, and how it is encrypted there. */
export const distributionSchema = z.strictObject({
  /**
   * Regions that get the AMI and the channel parameters. Must include the home region, where Goldsmith builds and validates.
   * @default [the home region]
   */
  regions: z
    .array(region)
    .min(1)
    .superRefine((regions, ctx) => {
      regions.forEach((value, index) => {
        if (regions.indexOf(value) !== index) {
          ctx.addIssue({ code: 'custom', path: [index], input: value, message: problem('is listed twice', 'List each Region once') });
        }
      });
    })
    .optional(),
  /** Accounts and organizations the AMI is shared with. @default {} (not shared) */
  launchPermissions: launchPermissionsSchema.prefault({}),
  /**
   * KMS key per Region that encrypts the AMI's snapshots there, with `default` for every Region not listed.
   * An AMI encrypted with the AWS managed key (`alias/aws/ebs`) cannot be shared with other accounts: use a customer managed key to share.
   * @default { default: 'alias/aws/ebs' }
   * @example { default: 'alias/goldsmith-ami', 'eu-west-1': 'arn:aws:kms:eu-west-1:123456789012:key/…' }
   */
  kmsKeys: z.record(z.string(), kmsKey).default({ default: AWS_MANAGED_EBS_KEY }),
});

export type LaunchPermissionsConfig = z.output<typeof launchPermissionsSchema>;

/** The KMS key that encrypts the AMI in `regionName`: its own key, else the default. */
export function kmsKeyFor(distribution: { readonly kmsKeys: Readonly<Record<string, string>> }, regionName: string): string | undefined {
  return distribution.kmsKeys[regionName] ?? distribution.kmsKeys.default;
}

/** True when the AMI is shared with anyone outside its own account. */
export function isShared(permissions: LaunchPermissionsConfig): boolean {
  return permissions.accounts.length + permissions.organizations.length + permissions.organizationalUnits.length > 0;
}
