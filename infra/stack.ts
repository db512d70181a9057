/**
 * The claimgraph stack: the table, the GraphQL function, its HTTP endpoint and the alarms.
 * Environment-agnostic: synth needs no account, region or credentials; `cdk deploy` uses
 * those of the caller's AWS profile.
 */
import { CfnOutput, Stack, Tags, Validations, type StackProps } from 'aws-cdk-lib';
import type { Construct, IConstruct } from 'constructs';
import { ClaimgraphAlarms } from './constructs/alarms.js';
import { GraphqlFunction } from './constructs/graphql-function.js';
import { GraphqlHttpApi } from './constructs/http-api.js';
import { ClaimgraphTable } from './constructs/table.js';
import type { StackSettings } from './config.js';

export interface ClaimgraphStackProps extends StackProps {
  settings: StackSettings;
}

export class ClaimgraphStack extends Stack {
  readonly table: ClaimgraphTable;
  readonly graphql: GraphqlFunction;
  readonly http: GraphqlHttpApi;
  readonly alarms: ClaimgraphAlarms;

  constructor(scope: Construct, id: string, props: ClaimgraphStackProps) {
    super(scope, id, {
      description: 'claimgraph: who claims what, about where, and when (GraphQL on Lambda over DynamoDB)',
      ...props,
    });
    const { settings } = props;
    Tags.of(this).add('project', 'claimgraph');

    this.table = new ClaimgraphTable(this, 'Data');
    this.graphql = new GraphqlFunction(this, 'Graphql', {
      table: this.table,
      memorySize: settings.memorySize,
      timeout: settings.timeout,
      logRetention: settings.logRetention,
      requireKeyForRead: settings.requireKeyForRead,
      disableIntrospection: settings.disableIntrospection,
      adminKeySecretName: settings.adminKeySecretName,
    });
    this.http = new GraphqlHttpApi(this, 'Http', {
      handler: this.graphql.function,
      allowedOrigins: settings.allowedOrigins,
      throttleRateLimit: settings.throttleRateLimit,
      throttleBurstLimit: settings.throttleBurstLimit,
      logRetention: settings.logRetention,
    });
    this.alarms = new ClaimgraphAlarms(this, 'Alarms', {
      handler: this.graphql.function,
      table: this.table.table,
      stage: this.http.stage,
      p99DurationAlarmMs: settings.p99DurationAlarmMs,
      alarmTopicArn: settings.alarmTopicArn,
    });

    new CfnOutput(this, 'GraphqlUrl', { value: this.http.graphqlUrl, description: 'The GraphQL endpoint (POST, or GET with ?query=)' });
    new CfnOutput(this, 'TableName', { value: this.table.table.tableName, description: 'The DynamoDB table (retained when the stack is deleted)' });
    new CfnOutput(this, 'FunctionName', { value: this.graphql.function.functionName, description: 'The GraphQL Lambda function' });

    this.suppressNagFindings();
  }

  /** The cdk-nag findings this design accepts on purpose, each with its reason. */
  private suppressNagFindings(): void {
    for (const { scope, id, reason } of nagAcknowledgements(this)) Validations.of(scope).acknowledge({ id, reason });
  }
}

/** Every acknowledged cdk-nag finding: where, which, and why (also listed in the README). */
export function nagAcknowledgements(stack: ClaimgraphStack): { scope: IConstruct; id: string; reason: string }[] {
  return [
    {
      scope: stack.http.api,
      id: 'AwsSolutions-APIG4',
      reason:
        'Authorization is done by the GraphQL server, per operation: mutations need an API key with the write scope (Authorization: Bearer), ' +
        'reads are public by design (or need a read key with requireKeyForRead). An API Gateway authorizer cannot tell a query from a mutation (both are POST /graphql), ' +
        'and the keys live in the table. Unauthenticated traffic is bounded by stage throttling, the request limits of the server and the alarms.',
    },
    {
      scope: stack.graphql.function,
      id: 'Serverless-LambdaDLQ',
      reason:
        'The function is only invoked synchronously, by API Gateway: a failure is answered to the client and counted by the FunctionErrors alarm. A dead-letter queue only receives failed asynchronous invocations.',
    },
    {
      scope: stack.graphql.role,
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        'Added by Lambda active tracing (Tracing.ACTIVE): xray:PutTraceSegments and xray:PutTelemetryRecords do not support resource-level permissions, so their resource must be "*". No other statement has a wildcard.',
    },
  ];
}
