import { z } from 'zod';
import { problem } from './config-issue.ts';
import { alarmName, autoScalingGroupName, kebabName, launchTemplateId, launchTemplateName } from './identifiers.ts';

const PERCENT = problem('must be 0–100', 'It is the share of the group that stays in service while instances are replaced; AWS defaults to 90');

/** Checkpoint percentages: whole numbers 1–100, strictly ascending, ending at 100. */
export const checkpointsSchema = z
  .array(z.number().int())
  .min(1)
  .superRefine((checkpoints, ctx) => {
    checkpoints.forEach((value, index) => {
      if (value < 1 || value > 100) {
        ctx.addIssue({ code: 'custom', path: [index], input: value, message: problem('must be 1–100', 'Each checkpoint is a percentage of the group') });
      } else if (index > 0 && value <= checkpoints[index - 1]) {
        ctx.addIssue({
          code: 'custom',
          path: [index],
          input: value,
          message: problem(
            `must be greater than the checkpoint before it (${checkpoints[index - 1]})`,
            'List checkpoints once each, in ascending order, e.g. [20, 50, 100]',
          ),
        });
      }
    });
    if (checkpoints.length > 0 && checkpoints[checkpoints.length - 1] !== 100) {
      ctx.addIssue({
        code: 'custom',
        input: checkpoints,
        message: problem('must end at 100', 'Add 100 as the last checkpoint so the refresh replaces every instance, e.g. [20, 50, 100]'),
      });
    }
  });

/**
 * How an instance refresh replaces the instances of the group (Auto Scaling `RefreshPreferences`).
 * Goldsmith always names the new launch template version by number in `DesiredConfiguration`, which is what makes `autoRollback` possible.
 */
export const refreshPreferencesSchema = z
  .strictObject({
    /**
     * Percentages of the group at which the refresh pauses for `checkpointDelaySeconds`: ascending, ending at 100.
     * @default undefined (no checkpoints)
     * @example [20, 50, 100]
     */
    checkpoints: checkpointsSchema.optional(),
    /**
     * Seconds to wait at each checkpoint before continuing (0–172800). Needs `checkpoints`.
     * @default 3600 when checkpoints are set (AWS's default)
     */
    checkpointDelaySeconds: z
      .number()
      .int()
      .min(0)
      .max(172_800, { error: problem('must be at most 172800 (2 days)', "That is Auto Scaling's limit") })
      .optional(),
    /**
     * Percentage of the group that must stay in service and healthy (0–100).
     * @default 90
     */
    minHealthyPercentage: z.number().int().min(0, { error: PERCENT }).max(100, { error: PERCENT }).default(90),
    /**
     * Percentage of the group that may be in service or pending during the refresh (100–200), at most 100 above `minHealthyPercentage`.
     * @default undefined (AWS's default: 100)
     */
    maxHealthyPercentage: z
      .number()
      .int()
      .min(100, { error: problem('must be 100–200', 'It caps how far the group may grow above its desired capacity during the refresh') })
      .max(200, { error: problem('must be 100–200', 'It caps how far the group may grow above its desired capacity during the refresh') })
      .optional(),
    /**
     * Seconds a new instance needs before it counts as healthy.
     * @default undefined (the group's default instance warmup)
     */
    instanceWarmupSeconds: z.number().int().min(0).max(172_800).optional(),
    /**
     * Skip instances that already run the new launch template version, so a repeated rollout replaces nothing twice.
     * @default true
     */
    skipMatching: z.boolean().default(true),
    /**
     * Roll the group back to its previous configuration when the refresh fails or an alarm fires.
     * @default true
     */
    autoRollback: z.boolean().default(true),
    /**
     * CloudWatch alarm names that fail the refresh when they go into ALARM (at most 10).
     * @default []
     */
    alarms: z
      .array(alarmName)
      .max(10, { error: problem('must have at most 10 alarms', "That is Auto Scaling's limit per instance refresh") })
      .default([]),
  })
  .superRefine((preferences, ctx) => {
    if (preferences.checkpointDelaySeconds !== undefined && preferences.checkpoints === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['checkpointDelaySeconds'],
        input: preferences.checkpointDelaySeconds,
        message: problem('needs checkpoints', 'Set checkpoints, e.g. [20, 50, 100], or remove checkpointDelaySeconds'),
      });
    }
    const { minHealthyPercentage: min, maxHealthyPercentage: max } = preferences;
    if (max !== undefined && max - min > 100) {
      ctx.addIssue({
        code: 'custom',
        path: ['maxHealthyPercentage'],
        input: max,
        message: problem(
          `must be at most 100 above minHealthyPercentage (${min})`,
          `Raise minHealthyPercentage or lower maxHealthyPercentage to ${min + 100} or less`,
        ),
      });
    }
  });

/** The seconds a refresh with these preferences spends waiting at checkpoints. */
export function checkpointWaitSeconds(preferences: RefreshPreferencesConfig): number {
  const pauses = Math.max(0, (preferences.checkpoints?.length ?? 0) - 1);
  return pauses * (preferences.checkpointDelaySeconds ?? 3600);
}

/** One launch template and the Auto Scaling groups that run it. */
export const rolloutTargetSchema = z.strictObject({
  /**
   * The launch template (name or `lt-…` id) that gets a new version with the new AMI id; the groups refresh to that numbered version.
   * @example 'web-staging'
   */
  launchTemplate: launchTemplateName,
  /** The Auto Scaling groups that use `launchTemplate` and get an instance refresh. */
  autoScalingGroups: z.array(autoScalingGroupName).min(1, { error: problem('must list at least one Auto Scaling group') }),
  /** Instance refresh preferences. */
  preferences: refreshPreferencesSchema.prefault({}),
});

/** True for a launch template id (`lt-…`), false for a name. */
export function isLaunchTemplateId(value: string): boolean {
  return launchTemplateId.test(value);
}

/** A step of the rollout: its targets refresh together, and the next wave starts only when all of them succeeded. */
export const waveSchema = z.strictObject({
  /** Kebab-case, unique in the pipeline. @example 'staging' */
  name: kebabName('staging', 32),
  /** The launch templates and Auto Scaling groups this wave rolls forward. */
  targets: z.array(rolloutTargetSchema).min(1, { error: problem('must list at least one target') }),
});

/** Waves roll out one after the other; a failed wave restores its launch templates and stops the rollout. */
export const rolloutSchema = z
  .strictObject({
    /**
     * The waves, in order.
     * @default [] (publish only; no fleet to roll)
     */
    waves: z.array(waveSchema).default([]),
  })
  .superRefine((rollout, ctx) => {
    const waveNames = new Map<string, number>();
    const groups = new Map<string, number>();
    const templates = new Map<string, number>();
    rollout.waves.forEach((wave, waveIndex) => {
      const sameName = waveNames.get(wave.name);
      if (sameName !== undefined) {
        ctx.addIssue({
          code: 'custom',
          path: ['waves', waveIndex, 'name'],
          input: wave.name,
          message: problem(`is already the name of waves[${sameName}]`, 'Give each wave its own name'),
        });
      } else waveNames.set(wave.name, waveIndex);
      wave.targets.forEach((target, targetIndex) => {
        const template = templates.get(target.launchTemplate);
        if (template !== undefined && template !== waveIndex) {
          ctx.addIssue({
            code: 'custom',
            path: ['waves', waveIndex, 'targets', targetIndex, 'launchTemplate'],
            input: target.launchTemplate,
            message: problem(
              `is already rolled out by waves[${template}] ('${rollout.waves[template].name}')`,
              'Give each wave its own launch template, so a failed wave can restore its default version without touching another wave',
            ),
          });
        } else templates.set(target.launchTemplate, waveIndex);
        target.autoScalingGroups.forEach((group, groupIndex) => {
          const seen = groups.get(group);
          if (seen !== undefined) {
            ctx.addIssue({
              code: 'custom',
              path: ['waves', waveIndex, 'targets', targetIndex, 'autoScalingGroups', groupIndex],
              input: group,
              message: problem(
                `is already rolled out by waves[${seen}] ('${rollout.waves[seen].name}')`,
                'An Auto Scaling group belongs to exactly one wave and target; remove one of them',
              ),
            });
          } else groups.set(group, waveIndex);
        });
      });
    });
  });

export type RefreshPreferencesConfig = z.output<typeof refreshPreferencesSchema>;
export type RolloutTargetConfig = z.output<typeof rolloutTargetSchema>;
export type WaveConfig = z.output<typeof waveSchema>;
export type RolloutConfig = z.output<typeof rolloutSchema>;
