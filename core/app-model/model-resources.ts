import type { AppModel } from './app-model.ts';
import { type Ref, type ResourceKind, refsIn } from './references.ts';

/** One deployable resource of the model: its kind, model key and physical name. */
export interface ModelResource {
  readonly kind: ResourceKind;
  readonly key: string;
  readonly name: string;
}

/** The model's collections, by the resource kind references use. */
const COLLECTIONS = {
  component: 'components',
  imageRecipe: 'imageRecipes',
  infrastructureConfiguration: 'infrastructureConfigurations',
  distributionConfiguration: 'distributionConfigurations',
  imagePipeline: 'imagePipelines',
  function: 'functions',
  stateMachine: 'stateMachines',
  rule: 'rules',
  schedule: 'schedules',
  topic: 'topics',
  table: 'tables',
  secret: 'secrets',
  queue: 'queues',
  role: 'roles',
  instanceProfile: 'instanceProfiles',
} as const satisfies Record<ResourceKind, keyof AppModel>;

/** Every resource the model deploys, kind by kind. */
export function resourcesOf(model: AppModel): ModelResource[] {
  return (Object.entries(COLLECTIONS) as [ResourceKind, (typeof COLLECTIONS)[ResourceKind]][]).flatMap(([kind, collection]) =>
    (model[collection] as readonly { key: string; name: string }[]).map((resource) => ({ kind, key: resource.key, name: resource.name })),
  );
}

/** The resource a reference names, if the model has it. */
export function findResource(model: AppModel, reference: Ref): ModelResource | undefined {
  const list = model[COLLECTIONS[reference.ref]] as readonly { key: string; name: string }[];
  const found = list.find((resource) => resource.key === reference.name);
  return found && { kind: reference.ref, key: found.key, name: found.name };
}

/** References that name no resource of the model: a model with any is broken. */
export function danglingRefs(model: AppModel): Ref[] {
  return refsIn(model).filter((reference) => !findResource(model, reference));
}
