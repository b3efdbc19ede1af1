import { Tags } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';

/** The model's tags on a construct and everything in it that takes tags. */
export function applyTags(construct: IConstruct, tags: Readonly<Record<string, string>>): void {
  for (const [key, value] of Object.entries(tags)) Tags.of(construct).add(key, value);
}
