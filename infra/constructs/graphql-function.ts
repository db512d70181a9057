/**
 * The GraphQL Lambda function: functions/graphql.ts bundled and split by the project's
 * esbuild (infra/bundling.ts), arm64, Node.js 24, JSON logs to a log group with retention,
 * X-Ray active tracing, and a role that may do exactly what the data layer does on this table
 * and its indexes, and read the two key secrets.
 */
import { ArnFormat, type Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { Effect, PolicyDocument, PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import {
  ApplicationLogLevel,
  Architecture,
  Function as LambdaFunction,
  LoggingFormat,
  Runtime,
  SystemLogLevel,
  Tracing,
} from 'aws-cdk-lib/aws-lambda';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { HANDLER_EXPORT, handlerCode, NODE_OPTIONS, PERSISTED_OPERATIONS_BUNDLE_FILE } from '../bundling.js';
import { ownLogGroupPolicy, tableDataPolicy } from './policies.js';
import type { ClaimgraphTable } from './table.js';

export { DYNAMODB_COMMAND_ACTIONS } from './policies.js';

/** The Secrets Manager commands lib/aws-secrets.ts sends, and their IAM actions. */
export const SECRETS_COMMAND_ACTIONS = {
  GetSecretValueCommand: ['secretsmanager:GetSecretValue'],
} as const;

export interface GraphqlFunctionProps {
  table: ClaimgraphTable;
  memorySize: number;
  timeout: Duration;
  logRetention: RetentionDays;
  requireKeyForRead: boolean;
  disableIntrospection: boolean;
  /** The secret API key MACs are keyed with (read at run time; only its ARN is in the environment). */
  pepperSecret: ISecret;
  /** A secret whose value is the bootstrap admin API key (see StackSettings), read the same way. */
  adminKeySecret: ISecret | undefined;
  /** Origins browsers may call from, as API Gateway answers their preflights (CORS_ORIGINS). */
  corsOrigins: readonly string[];
  /** `max-age` of anonymous GET query answers (CACHE_MAX_AGE). */
  cacheMaxAgeSeconds: number;
  /** A manifest of persisted operations, bundled with the function: only they run. */
  persistedOperationsFile: string | undefined;
}

export class GraphqlFunction extends Construct {
  readonly function: LambdaFunction;
  readonly role: Role;
  readonly logGroup: LogGroup;

  constructor(scope: Construct, id: string, props: GraphqlFunctionProps) {
    super(scope, id);
    const { table } = props;

    this.logGroup = new LogGroup(this, 'Logs', {
      retention: props.logRetention,
      removalPolicy: RemovalPolicy.DESTROY,
    });

    // Our own role, with inline statements only: the AWS managed basic execution policy
    // would allow writing to any log group in the account.
    this.role = new Role(this, 'Role', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: 'claimgraph GraphQL function: its own log group, and data access to the claimgraph table',
      inlinePolicies: {
        Logs: ownLogGroupPolicy(this.logGroup),
        // Only GetSecretValue (what lib/aws-secrets.ts sends), on exactly these two secrets.
        KeySecrets: new PolicyDocument({
          statements: [
            new PolicyStatement({
              sid: 'ReadKeySecrets',
              effect: Effect.ALLOW,
              actions: [...new Set(Object.values(SECRETS_COMMAND_ACTIONS).flat())],
              resources: [
                props.pepperSecret.secretArn,
                ...(props.adminKeySecret ? [secretArnPattern(this, props.adminKeySecret.secretName)] : []),
              ],
            }),
          ],
        }),
        DynamoDbData: tableDataPolicy(table),
      },
    });

    this.function = new LambdaFunction(this, 'Function', {
      description: 'claimgraph GraphQL API (graphql-yoga + Pothos over DynamoDB)',
      code: handlerCode(
        undefined,
        props.persistedOperationsFile
          ? [{ from: props.persistedOperationsFile, to: PERSISTED_OPERATIONS_BUNDLE_FILE }]
          : [],
      ),
      handler: `index.${HANDLER_EXPORT}`,
      runtime: Runtime.NODEJS_24_X,
      architecture: Architecture.ARM_64,
      memorySize: props.memorySize,
      timeout: props.timeout,
      role: this.role,
      tracing: Tracing.ACTIVE,
      logGroup: this.logGroup,
      loggingFormat: LoggingFormat.JSON,
      applicationLogLevelV2: ApplicationLogLevel.INFO,
      systemLogLevelV2: SystemLogLevel.WARN,
      // Read by lib/config.ts (AWS_REGION is set by Lambda itself).
      environment: {
        TABLE_NAME: table.table.tableName,
        NODE_ENV: 'production',
        ...(NODE_OPTIONS.graphql ? { NODE_OPTIONS: NODE_OPTIONS.graphql } : {}),
        REQUIRE_KEY_FOR_READ: String(props.requireKeyForRead),
        DISABLE_INTROSPECTION: String(props.disableIntrospection),
        // The same origins API Gateway allows: the function's own CORS answers agree with them.
        CORS_ORIGINS: props.corsOrigins.join(','),
        CACHE_MAX_AGE: String(props.cacheMaxAgeSeconds),
        // The manifest sits next to index.mjs, in the function's working directory.
        ...(props.persistedOperationsFile
          ? { PERSISTED_OPERATIONS_ONLY: 'true', PERSISTED_OPERATIONS_FILE: PERSISTED_OPERATIONS_BUNDLE_FILE }
          : {}),
        // Where the secrets are, not what they are: anyone allowed to read the function's
        // configuration would see a value put here (lib/aws-secrets.ts reads them at run time).
        CLAIMGRAPH_KEY_PEPPER_SECRET: props.pepperSecret.secretArn,
        ...(props.adminKeySecret ? { CLAIMGRAPH_ADMIN_KEY_SECRET: props.adminKeySecret.secretName } : {}),
      },
    });
  }
}

/**
 * The ARN of a secret known by name: Secrets Manager appends six random characters to a
 * secret's name in its ARN, so a policy names it with `-??????` (what `grantRead` does too).
 */
function secretArnPattern(scope: Construct, name: string): string {
  return Stack.of(scope).formatArn({
    service: 'secretsmanager',
    resource: 'secret',
    resourceName: `${name}-??????`,
    arnFormat: ArnFormat.COLON_RESOURCE_NAME,
  });
}
