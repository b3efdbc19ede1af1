import { Effect, PolicyStatement } from 'aws-cdk-lib/aws-iam';

export type Conditions = Record<string, Record<string, string | string[]>>;

/** Some actions on some resources, optionally under conditions: one policy statement. */
export interface Grant {
  readonly actions: readonly string[];
  readonly resources: readonly string[];
  readonly conditions?: Conditions;
  /**
   * Why a resource of this grant keeps a `*`: IAM offers no narrower ARN for these actions, or the ARN
   * part is generated at run time. It becomes the reason of the cdk-nag IAM5 suppression.
   */
  readonly wildcardReason?: string;
}

export class UnscopedActionError extends Error {
  constructor(action: string, principal: string) {
    super(
      `${principal} needs ${action}, which the stacks do not know how to scope. Add it to stacks/security/action-scopes.ts with the narrowest resources IAM allows.`,
    );
    this.name = 'UnscopedActionError';
  }
}

/** Grants with the same resources and conditions become one statement, actions sorted, so policies read well and stay stable. */
export function toStatements(grants: readonly Grant[]): PolicyStatement[] {
  const merged = new Map<string, { grant: Grant; actions: Set<string> }>();
  for (const grant of grants) {
    const key = JSON.stringify([grant.resources, grant.conditions ?? {}]);
    const entry = merged.get(key);
    if (entry) for (const action of grant.actions) entry.actions.add(action);
    else merged.set(key, { grant, actions: new Set(grant.actions) });
  }
  return [...merged.values()].map(
    ({ grant, actions }) =>
      new PolicyStatement({
        effect: Effect.ALLOW,
        actions: [...actions].sort(),
        resources: [...grant.resources],
        ...(grant.conditions ? { conditions: grant.conditions } : {}),
      }),
  );
}
