/**
 * The one table definition: its keys and indexes, declared as data. The local bootstrap,
 * the data layer and the CDK stack all read it, so they cannot disagree.
 *
 * Single-table design (see docs in README "Data model"): entity items live under
 * `pk = <TYPE>#<id>, sk = <TYPE>`; adjacency items share the parent's partition; three
 * generic GSIs are overloaded by the key builders in `keys.ts`.
 */
import type { CreateTableCommandInput } from '@aws-sdk/client-dynamodb';

export interface IndexDefinition {
  name: string;
  partitionKey: string;
  sortKey: string;
}

export const TABLE = {
  partitionKey: 'pk',
  sortKey: 'sk',
  indexes: [
    { name: 'gsi1', partitionKey: 'gsi1pk', sortKey: 'gsi1sk' },
    { name: 'gsi2', partitionKey: 'gsi2pk', sortKey: 'gsi2sk' },
    { name: 'gsi3', partitionKey: 'gsi3pk', sortKey: 'gsi3sk' },
  ],
} as const satisfies {
  partitionKey: string;
  sortKey: string;
  indexes: readonly IndexDefinition[];
};

export type IndexName = (typeof TABLE.indexes)[number]['name'];

/** Every key attribute of the table and its indexes (all strings). */
export const KEY_ATTRIBUTES: string[] = [
  TABLE.partitionKey,
  TABLE.sortKey,
  ...TABLE.indexes.flatMap((index) => [index.partitionKey, index.sortKey]),
];

export function indexDefinition(name: IndexName): IndexDefinition {
  const index = TABLE.indexes.find((candidate) => candidate.name === name);
  if (!index) throw new Error(`unknown index ${name}`);
  return index;
}

/** CreateTable input for DynamoDB Local and tests; CDK builds the same table in infra/. */
export function createTableInput(tableName: string): CreateTableCommandInput {
  return {
    TableName: tableName,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: KEY_ATTRIBUTES.map((name) => ({ AttributeName: name, AttributeType: 'S' })),
    KeySchema: [
      { AttributeName: TABLE.partitionKey, KeyType: 'HASH' },
      { AttributeName: TABLE.sortKey, KeyType: 'RANGE' },
    ],
    GlobalSecondaryIndexes: TABLE.indexes.map((index) => ({
      IndexName: index.name,
      KeySchema: [
        { AttributeName: index.partitionKey, KeyType: 'HASH' },
        { AttributeName: index.sortKey, KeyType: 'RANGE' },
      ],
      Projection: { ProjectionType: 'ALL' },
    })),
  };
}

/**
 * Sync: the attribute DynamoDB's TTL deletes expired items by (epoch seconds). Change-feed
 * entries carry it; the CDK table enables TTL on it. Deletion lags expiry (up to days), so
 * readers compare it with the clock themselves and never rely on an item being gone.
 */
export const TTL_ATTRIBUTE = 'expiresAt';
