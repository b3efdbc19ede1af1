import { RemovalPolicy } from 'aws-cdk-lib';
import { AttributeType, BillingMode, Table } from 'aws-cdk-lib/aws-dynamodb';
import type { Construct } from 'constructs';
import { applyTags } from '../constructs/resource-tags.ts';
import type { GoldsmithApp } from '../model/goldsmith-app.ts';

/** The model's tables, on demand, with point-in-time recovery and the TTL attribute that expires finished records. */
export function tables(scope: Construct, goldsmith: GoldsmithApp): void {
  for (const spec of goldsmith.deploy.tables) {
    const table = new Table(scope, `Table-${spec.key}`, {
      tableName: spec.name,
      partitionKey: { name: spec.partitionKey.name, type: AttributeType.STRING },
      ...(spec.sortKey ? { sortKey: { name: spec.sortKey.name, type: AttributeType.STRING } } : {}),
      billingMode: BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: spec.pointInTimeRecovery },
      timeToLiveAttribute: spec.timeToLiveAttribute,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    applyTags(table, spec.tags);
    goldsmith.registry.register('table', spec.key, { arn: table.tableArn, name: table.tableName });
  }
}
