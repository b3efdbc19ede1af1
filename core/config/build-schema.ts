import { z } from 'zod';
import { problem } from './config-issue.ts';
import { instanceProfileName, kmsKey, managedPolicyArn, securityGroupId, subnetId, versionPrefix } from './identifiers.ts';

const COMPONENT_PATH = /^components\/(?:[A-Za-z0-9_-][A-Za-z0-9_.-]*\/)*[A-Za-z0-9_-][A-Za-z0-9_.-]*\.ya?ml$/;

const componentPath = z.string().superRefine((value, ctx) => {
  if (!COMPONENT_PATH.test(value) || value.split('/').includes('..')) {
    ctx.addIssue({
      code: 'custom',
      input: value,
      message: problem('must be a path under components/ ending in .yml or .yaml', "Use e.g. 'components/install-nginx.yml', relative to goldsmith.config.ts"),
    });
  }
});

/** An AWSTOE component document used by a recipe, with the values of its parameters. */
export const componentRefSchema = z.union(
  [
    componentPath,
    z.strictObject({
      /** Path of the AWSTOE YAML document, relative to goldsmith.config.ts. @example 'components/set-timezone-and-locale.yml' */
      path: componentPath,
      /**
       * Values for the document's `parameters` (AWSTOE parameters are strings).
       * @default {} (the document's defaults)
       */
      parameters: z.record(z.string(), z.string()).default({}),
      /**
       * major.minor of the component's version; Goldsmith derives the patch from the document's content, so every change gets a new version.
       * @default '1.0'
       */
      version: versionPrefix.default('1.0'),
    }),
  ],
  {
    error: problem(
      'must be a component path or { path, parameters }',
      "Use e.g. 'components/install-nginx.yml' or { path: 'components/set-timezone-and-locale.yml', parameters: { TimeZone: 'Europe/Berlin' } }",
    ),
  },
);

/** A component reference with its defaults: what a recipe lists. */
export interface ComponentRef {
  readonly path: string;
  readonly parameters: Readonly<Record<string, string>>;
  readonly version: string;
}

export function toComponentRef(ref: z.output<typeof componentRefSchema>): ComponentRef {
  return typeof ref === 'string' ? { path: ref, parameters: {}, version: '1.0' } : ref;
}

/** The root EBS volume of the image. It is always encrypted and deleted with its instance. */
export const rootVolumeSchema = z.strictObject({
  /**
   * Size in GiB (1–16000); at least the parent image's snapshot size.
   * @default undefined (the parent image's size)
   */
  sizeGiB: z
    .number()
    .int()
    .min(1)
    .max(16_000, { error: problem('must be at most 16000', "That is Image Builder's limit for a volume") })
    .optional(),
  /** @default 'gp3' */
  volumeType: z.enum(['gp3', 'gp2', 'io1', 'io2']).default('gp3'),
  /**
   * Device name of the root volume in the parent image.
   * @default '/dev/xvda' (Amazon Linux)
   */
  deviceName: z
    .string()
    .regex(/^\/dev\/[a-z0-9]+$/, { error: problem('must be a device name like /dev/xvda') })
    .default('/dev/xvda'),
  /**
   * KMS key that encrypts the root volume while building.
   * @default undefined (the distribution key of the home Region)
   */
  kmsKeyId: kmsKey.optional(),
});

/**
 * The instance Image Builder builds and tests on. It always requires IMDSv2 and is terminated when a build fails (DESIGN §6); neither can be turned off.
 */
export const buildInstanceSchema = z
  .strictObject({
    /**
     * An existing instance profile to use instead of the one Goldsmith creates
     * (which has AmazonSSMManagedInstanceCore and EC2InstanceProfileForImageBuilder).
     * @default undefined (Goldsmith creates one)
     */
    instanceProfileName: instanceProfileName.optional(),
    /**
     * Extra managed policies for the role Goldsmith creates, e.g. to let components read an S3 bucket.
     * @default []
     */
    additionalPolicyArns: z.array(managedPolicyArn).default([]),
    /**
     * Subnet for build and test instances.
     * @default undefined (the default VPC)
     */
    subnetId: subnetId.optional(),
    /**
     * Security groups for build and test instances. Needs `subnetId`.
     * @default []
     */
    securityGroupIds: z.array(securityGroupId).default([]),
  })
  .superRefine((instance, ctx) => {
    if (instance.instanceProfileName && instance.additionalPolicyArns.length > 0) {
      ctx.addIssue({
        code: 'custom',
        path: ['additionalPolicyArns'],
        input: instance.additionalPolicyArns,
        message: problem(
          'only applies to the instance profile Goldsmith creates',
          `Attach these policies to the role of '${instance.instanceProfileName}' yourself, or remove instanceProfileName`,
        ),
      });
    }
    if (instance.securityGroupIds.length > 0 && !instance.subnetId) {
      ctx.addIssue({
        code: 'custom',
        path: ['securityGroupIds'],
        input: instance.securityGroupIds,
        message: problem('needs subnetId', 'Image Builder accepts security groups only together with a subnet in the same VPC'),
      });
    }
  });

export type RootVolumeConfig = z.output<typeof rootVolumeSchema>;
export type BuildInstanceConfig = z.output<typeof buildInstanceSchema>;
