import { Lazy } from 'aws-cdk-lib';
import { type Ref, type Resolved, type ResourceKind, resolveRefs } from '../../core/app-model/index.ts';

/** A deployed resource's attributes, as CDK tokens. */
export interface RegisteredResource {
  readonly arn: string;
  readonly name: string;
}

export class UnregisteredResourceError extends Error {
  constructor(reference: Ref) {
    super(
      `No stack has created the ${reference.ref} '${reference.name}' yet: create it in an earlier stack (sst.config.ts lists the order) or in this one before it is referenced.`,
    );
    this.name = 'UnregisteredResourceError';
  }
}

/**
 * Model references resolved to the constructs the stacks created: a reference becomes the construct's
 * token, so CloudFormation sees the dependency (and CDK exports it when it crosses stacks).
 */
export class ResourceRegistry {
  private readonly resources = new Map<string, RegisteredResource>();

  register(kind: ResourceKind, key: string, resource: RegisteredResource): void {
    const id = `${kind}/${key}`;
    if (this.resources.has(id)) throw new Error(`The ${kind} '${key}' is created twice: each model resource maps to one construct.`);
    this.resources.set(id, resource);
  }

  get(kind: ResourceKind, key: string): RegisteredResource {
    const resource = this.resources.get(`${kind}/${key}`);
    if (!resource) throw new UnregisteredResourceError({ ref: kind, name: key, attr: 'arn' });
    return resource;
  }

  /** The token a reference stands for. */
  resolve(reference: Ref): string {
    const resource = this.resources.get(`${reference.ref}/${reference.name}`);
    if (!resource) throw new UnregisteredResourceError(reference);
    return reference.attr === 'name' ? resource.name : resource.arn;
  }

  /** A model value (a literal or a reference, possibly nested) with every reference resolved. */
  resolveAll<T>(value: T): Resolved<T> {
    return resolveRefs(value, (reference) => this.resolve(reference));
  }

  /**
   * Like resolveAll, but each reference is resolved at synthesis, once every stack has created its
   * resources: for references to resources created later (a function's state machine).
   */
  resolveAllLazily<T>(value: T): Resolved<T> {
    return resolveRefs(value, (reference) => Lazy.string({ produce: () => this.resolve(reference) }));
  }
}
