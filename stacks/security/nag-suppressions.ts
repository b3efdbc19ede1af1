import { Aws } from 'aws-cdk-lib';
import { NagSuppressions } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import type { Grant } from './grant.ts';

/**
 * Suppresses an AwsSolutions finding on a construct and its children, with the reason it is acceptable.
 * test/stacks/nag.test.ts lists every suppression the app makes, so adding one is a visible change.
 */
export function suppress(construct: IConstruct, rule: string, reason: string, appliesTo?: readonly string[]): void {
  NagSuppressions.addResourceSuppressions(construct, [{ id: `AwsSolutions-${rule}`, reason, ...(appliesTo ? { appliesTo: [...appliesTo] } : {}) }], true);
}

/** A resource as cdk-nag names it in an IAM5 finding: pseudo parameters as `<AWS::…>`. */
export function nagResource(resource: string): string {
  return `Resource::${resource.replaceAll(Aws.PARTITION, '<AWS::Partition>').replaceAll(Aws.ACCOUNT_ID, '<AWS::AccountId>').replaceAll(Aws.REGION, '<AWS::Region>')}`;
}

/**
 * IAM5 suppressions naming exactly the wildcard resources of the grants, one per reason. cdk-nag reports
 * a resource once per policy, so grants that share one (`*`) share a suppression with all their reasons.
 */
export function suppressWildcards(construct: IConstruct, grants: readonly Grant[]): void {
  const reasonsOf = new Map<string, Set<string>>();
  for (const grant of grants) {
    const wildcards = grant.resources.filter((resource) => resource.includes('*'));
    if (wildcards.length === 0) continue;
    if (!grant.wildcardReason) throw new Error(`A grant of ${grant.actions.join(', ')} has wildcard resources but no reason for them.`);
    for (const resource of wildcards) {
      const reasons = reasonsOf.get(nagResource(resource)) ?? new Set<string>();
      reasons.add(grant.wildcardReason);
      reasonsOf.set(nagResource(resource), reasons);
    }
  }
  const byReason = new Map<string, string[]>();
  for (const [resource, reasons] of reasonsOf) {
    const reason = [...reasons].join(' ');
    byReason.set(reason, [...(byReason.get(reason) ?? []), resource]);
  }
  for (const [reason, resources] of byReason) suppress(construct, 'IAM5', reason, resources.sort());
}
