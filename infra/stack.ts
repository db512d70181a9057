/**
 * The claimgraph stack: the table, the GraphQL function, its HTTP endpoint and the alarms.
 * Environment-agnostic: synth needs no account, region or credentials; `cdk deploy` uses
 * those of the caller's AWS profile.
 */
import { CfnOutput, Stack, Tags, type StackProps } from 'aws-cdk-lib';
import { NagSuppressions } from 'cdk-nag';
import type { Construct } from 'constructs';
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

  /** The cdk-nag rules this design breaks on purpose, each with its reason. */
  private suppressNagFindings(): void {
    NagSuppressions.addResourceSuppressions(
      this.http.api,
      [
        {
          id: 'AwsSolutions-APIG4',
          reason:
            'claimgraph is a public GraphQL API for browser front ends and has no user accounts yet; the routes are open on purpose. ' +
            'Abuse is bounded by stage throttling, the function timeout and the on-demand table; add an authorizer (IAM, JWT or Lambda) before exposing write mutations to untrusted clients.',
        },
      ],
      true,
    );
    NagSuppressions.addResourceSuppressions(this.graphql.function, [
      {
        id: 'Serverless-LambdaDLQ',
        reason:
          'The function is only invoked synchronously by API Gateway: a failure is answered to the client (and counted by the FunctionErrors alarm). A dead-letter queue applies to asynchronous invocations only.',
      },
    ]);
    NagSuppressions.addResourceSuppressions(
      this.graphql.role,
      [
        {
          id: 'AwsSolutions-IAM5',
          appliesTo: ['Resource::*'],
          reason:
            'Added by Lambda active tracing (Tracing.ACTIVE): xray:PutTraceSegments and xray:PutTelemetryRecords do not support resource-level permissions, so their resource must be "*". No other statement has a wildcard.',
        },
      ],
      true,
    );
  }
}
