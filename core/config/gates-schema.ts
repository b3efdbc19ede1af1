import { z } from 'zod';
import { problem } from './config-issue.ts';
import { instanceType } from './identifiers.ts';

const threshold = z
  .number()
  .int({ error: problem('must be a whole number of findings') })
  .min(0, { error: problem('must be 0 or more', 'It is the number of findings of this severity an image may have') });

/**
 * How many image scan findings (Amazon Inspector, through Image Builder) of each severity an image may have.
 * A severity left out is not limited, except `critical`, which defaults to none.
 * @example { critical: 0, high: 2 }
 */
export const findingThresholdsSchema = z.strictObject({
  /** @default 0 */
  critical: threshold.default(0),
  /** @default undefined (no limit) */
  high: threshold.optional(),
  /** @default undefined (no limit) */
  medium: threshold.optional(),
  /** @default undefined (no limit) */
  low: threshold.optional(),
  /** @default undefined (no limit) */
  informational: threshold.optional(),
  /** @default undefined (no limit) */
  untriaged: threshold.optional(),
});

/** Commands run through SSM Run Command (AWS-RunShellScript, or AWS-RunPowerShellScript on Windows) on a test instance launched from the new AMI. */
export const smokeTestsSchema = z.strictObject({
  /**
   * Shell commands; the test fails if any exits non-zero.
   * @example ['systemctl is-active nginx', 'curl -fsS localhost']
   */
  commands: z.array(z.string().min(1)).min(1, { error: problem('must list at least one command', 'Remove smokeTests to skip smoke tests') }),
  /**
   * Seconds the commands may run (30–172800).
   * @default 600
   */
  timeoutSeconds: z.number().int().min(30).max(172_800).default(600),
  /**
   * Instance type of the test instance.
   * @default the pipeline's first instance type
   */
  instanceType: instanceType.optional(),
});

/** What "valid" means for an image. An image that fails is tagged rejected, deprecated, and never published. */
export const validationSchema = z.strictObject({
  /** Scan findings thresholds. @default { critical: 0 } */
  findings: findingThresholdsSchema.prefault({}),
  /** Smoke tests on an instance launched from the image. @default undefined (none) */
  smokeTests: smokeTestsSchema.optional(),
});

/** A manual gate between validation and publication: an operator approves or rejects from Slack, the CLI or the API. */
export const approvalSchema = z.strictObject({
  /**
   * Minutes to wait for a decision (5–43200, i.e. 30 days); no decision in time rejects the release.
   * @default 1440 (24 hours)
   */
  timeoutMinutes: z.number().int().min(5).max(43_200).default(1440),
});

export type FindingThresholds = z.output<typeof findingThresholdsSchema>;
export type SmokeTestsConfig = z.output<typeof smokeTestsSchema>;
export type ValidationConfig = z.output<typeof validationSchema>;
export type ApprovalConfig = z.output<typeof approvalSchema>;
