/**
 * Symbolic references between the resources of the app model. A value that depends on another resource
 * (an ARN, a name the backend assigns) is a `Ref` until a backend resolves it: the SST stacks to a CDK
 * token, the local deployer to the ARN it created.
 */

export type ResourceKind =
  | 'component'
  | 'imageRecipe'
  | 'infrastructureConfiguration'
  | 'distributionConfiguration'
  | 'imagePipeline'
  | 'function'
  | 'stateMachine'
  | 'rule'
  | 'schedule'
  | 'topic'
  | 'table'
  | 'secret'
  | 'queue'
  | 'role'
  | 'instanceProfile';

export type RefAttribute = 'arn' | 'name';

/** Another model resource's attribute: `name` is the resource's model key (`plan-release`, `release`, …). */
export interface Ref {
  readonly ref: ResourceKind;
  readonly name: string;
  readonly attr: RefAttribute;
}

/** A literal, or a reference the backend resolves. */
export type Value = string | Ref;

export function ref(kind: ResourceKind, name: string, attr: RefAttribute = 'arn'): Ref {
  return { ref: kind, name, attr };
}

export function isRef(value: unknown): value is Ref {
  return typeof value === 'object' && value !== null && 'ref' in value && 'name' in value && 'attr' in value;
}

/** Resolves every Ref inside a JSON-like value (objects, arrays, strings), leaving everything else as is. */
export function resolveRefs<T>(value: T, resolve: (ref: Ref) => string): Resolved<T> {
  if (isRef(value)) return resolve(value) as Resolved<T>;
  if (Array.isArray(value)) return value.map((item) => resolveRefs(item, resolve)) as Resolved<T>;
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, resolveRefs(item, resolve)])) as Resolved<T>;
  }
  return value as Resolved<T>;
}

/** Every Ref inside a value, in order of appearance. */
export function refsIn(value: unknown): Ref[] {
  if (isRef(value)) return [value];
  if (Array.isArray(value)) return value.flatMap(refsIn);
  if (typeof value === 'object' && value !== null) return Object.values(value).flatMap(refsIn);
  return [];
}

/** A type with every Ref replaced by the string it resolves to. */
export type Resolved<T> = T extends Ref
  ? string
  : T extends string | number | boolean | null | undefined
    ? T
    : T extends readonly (infer U)[]
      ? Resolved<U>[]
      : { [K in keyof T]: Resolved<T[K]> };
