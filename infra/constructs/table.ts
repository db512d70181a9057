/**
 * The DynamoDB table, built from lib/store/table.ts (the definition the local bootstrap uses):
 * on-demand, point-in-time recovery, deletion protection, retained when the stack goes.
 * No physical name (CloudFormation picks one; the function gets it from TABLE_NAME), and a
 * pinned logical ID, so refactoring the constructs can never replace the table.
 */
import { RemovalPolicy } from 'aws-cdk-lib';
import { AttributeType, BillingMode, Table, type CfnTable } from 'aws-cdk-lib/aws-dynamodb';
import { Construct } from 'constructs';
import { TABLE, TTL_ATTRIBUTE } from '../../lib/store/table.js';

export const TABLE_LOGICAL_ID = 'ClaimgraphTable';

export class ClaimgraphTable extends Construct {
  readonly table: Table;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.table = new Table(this, 'Table', {
      partitionKey: { name: TABLE.partitionKey, type: AttributeType.STRING },
      sortKey: { name: TABLE.sortKey, type: AttributeType.STRING },
      billingMode: BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
      // Change-feed entries expire after their retention (lib/changes.ts).
      timeToLiveAttribute: TTL_ATTRIBUTE,
    });
    for (const index of TABLE.indexes) {
      this.table.addGlobalSecondaryIndex({
        indexName: index.name,
        partitionKey: { name: index.partitionKey, type: AttributeType.STRING },
        sortKey: { name: index.sortKey, type: AttributeType.STRING },
      });
    }
    (this.table.node.defaultChild as CfnTable).overrideLogicalId(TABLE_LOGICAL_ID);
  }

  /** ARNs of the table's indexes, one per index (no wildcard). */
  get indexArns(): string[] {
    return TABLE.indexes.map((index) => `${this.table.tableArn}/index/${index.name}`);
  }
}
