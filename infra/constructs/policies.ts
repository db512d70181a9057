/**
 * The inline policies both functions (GraphQL and ingest worker) share: they run the same
 * data layer, so they need the same actions on the table, and each writes its own log group.
 */
import { Effect, PolicyDocument, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { LogGroup } from 'aws-cdk-lib/aws-logs';
import type { ClaimgraphTable } from './table.js';

/**
 * The DynamoDB commands the data layer (lib/store/client.ts) sends at run time, and the IAM
 * actions each one needs. TransactWriteItems has no action of its own: IAM checks each
 * Put, Update, Delete and ConditionCheck in it as PutItem, UpdateItem, DeleteItem and
 * ConditionCheckItem; BatchWriteItem needs its own action and those of its puts and deletes.
 * DescribeTable and CreateTable are sent only by the local bootstrap, never by the function.
 */
export const DYNAMODB_COMMAND_ACTIONS = {
  GetItemCommand: ['dynamodb:GetItem'],
  BatchGetItemCommand: ['dynamodb:BatchGetItem'],
  QueryCommand: ['dynamodb:Query'],
  PutItemCommand: ['dynamodb:PutItem'],
  UpdateItemCommand: ['dynamodb:UpdateItem'],
  BatchWriteItemCommand: ['dynamodb:BatchWriteItem', 'dynamodb:PutItem', 'dynamodb:DeleteItem'],
  TransactWriteItemsCommand: [
    'dynamodb:PutItem',
    'dynamodb:UpdateItem',
    'dynamodb:DeleteItem',
    'dynamodb:ConditionCheckItem',
  ],
} as const;

/** Actions on the table itself, and on its indexes (Query is the only index operation). */
export const TABLE_ACTIONS: string[] = [...new Set(Object.values(DYNAMODB_COMMAND_ACTIONS).flat())].sort();
export const INDEX_ACTIONS: string[] = ['dynamodb:Query'];

/** Writing to the function's own log group only (the managed basic policy allows any). */
export const ownLogGroupPolicy = (logGroup: LogGroup) =>
  new PolicyDocument({
    statements: [
      new PolicyStatement({
        sid: 'WriteOwnLogGroup',
        effect: Effect.ALLOW,
        actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        resources: [logGroup.logGroupArn],
      }),
    ],
  });

/** The data layer's actions on the table's items, and Query on its indexes. */
export const tableDataPolicy = (table: ClaimgraphTable) =>
  new PolicyDocument({
    statements: [
      new PolicyStatement({
        sid: 'ReadWriteTableItems',
        effect: Effect.ALLOW,
        actions: TABLE_ACTIONS,
        resources: [table.table.tableArn],
      }),
      new PolicyStatement({
        sid: 'QueryTableIndexes',
        effect: Effect.ALLOW,
        actions: INDEX_ACTIONS,
        resources: table.indexArns,
      }),
    ],
  });
