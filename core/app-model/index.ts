// The app model: one description of every resource, from the validated config, for the SST stacks and the local deployer alike.

export type * from './app-model.ts';
export { AppModelError, type AppModelOptions, buildAppModel, CONFIG_FILE, EVENT_BUS_NAME } from './build-app-model.ts';
export { GOLDSMITH_TOPIC, TABLE_KEYS } from './data-resources.ts';
export { DEAD_LETTER_QUEUE, EVENT_RETRY_POLICY, GOLDSMITH_EVENTS, TERMINAL_IMAGE_STATUSES } from './event-rules.ts';
export { FUNCTION_DEFAULTS, POWERTOOLS_ENVIRONMENT } from './function-resources.ts';
export { BUILD_INSTANCE_POLICIES, pipelineTags } from './image-builder-resources.ts';
export { danglingRefs, findResource, type ModelResource, resourcesOf } from './model-resources.ts';
export { isRef, type Ref, type RefAttribute, type Resolved, type ResourceKind, ref, refsIn, resolveRefs, type Value } from './references.ts';
export { type DeploymentScope, resolveReference, UnresolvedReferenceError } from './resource-arns.ts';
export { boundedName, InvalidStageError, NAME_LIMITS, STAGE } from './resource-names.ts';
export { SCHEDULE_GROUP, SCHEDULER_ROLE, type ScheduleInput } from './schedules.ts';
export { STATE_MACHINE_ROLE, UnknownSubstitutionError, workflowNameOf } from './state-machine-resources.ts';
