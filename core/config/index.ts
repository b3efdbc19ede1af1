// The configuration layer: goldsmith.config.ts, the AWSTOE component documents it lists, and their content-derived versions.

export type { BuildInstanceConfig, ComponentRef, RootVolumeConfig } from './build-schema.ts';
export { KNOWN_ACTIONS, type Platform } from './component-actions.ts';
export {
  type ComponentDocument,
  componentDocumentSchema,
  documentParameters,
  documentPhases,
  documentPlatform,
  type ParsedComponentDocument,
  PHASES,
  type PhaseName,
  parseComponentDocument,
  validateComponentDocument,
} from './component-document.ts';
export { type ConfigIssue, formatIssue } from './config-issue.ts';
export { type ConfigValidation, defineConfig, parseConfig, validateConfig } from './define-config.ts';
export { isShared, kmsKeyFor, type LaunchPermissionsConfig } from './distribution-schema.ts';
export { ConfigError } from './errors.ts';
export type { ApprovalConfig, FindingThresholds, SmokeTestsConfig, ValidationConfig } from './gates-schema.ts';
export { type LoadedConfig, loadConfig } from './load-config.ts';
export type { NotificationsConfig } from './notifications-schema.ts';
export { type ParentImage, parseParentImage, type ResolvedParentImage } from './parent-image.ts';
export { type ChannelsConfig, pipelineSchema, type RetentionConfig, type TimeoutsConfig } from './pipeline-schema.ts';
export {
  componentName,
  type RecipeComponent,
  type RecipeDefinition,
  type ResolvedComponent,
  type ResolvedConfig,
  type ResolvedPipeline,
  resolveConfig,
} from './resolve-config.ts';
export {
  checkpointWaitSeconds,
  isLaunchTemplateId,
  type RefreshPreferencesConfig,
  type RolloutConfig,
  type RolloutTargetConfig,
  type WaveConfig,
} from './rollout-schema.ts';
export { checkScheduleExpression, checkTimezone, type ScheduleConfig, scheduleSchema } from './schedule-expression.ts';
export {
  type DistributionConfig,
  type GoldsmithConfig,
  type GoldsmithConfigInput,
  goldsmithConfigSchema,
  type PipelineConfig,
  type PipelineConfigInput,
} from './schema.ts';
export {
  type ComponentVersionInput,
  canonicalJson,
  componentVersion,
  contentHash,
  contentVersion,
  MAX_VERSION_PART,
  type RecipeVersionInput,
  recipeVersion,
} from './versions.ts';
