/**
 * CloudWatch alarms: function errors, throttles and p99 duration, DynamoDB throttled
 * requests, and 5xx answers of the API. With an SNS topic ARN they notify it; without,
 * they only change state (visible in the console and to `aws cloudwatch describe-alarms`).
 */
import { Duration, Stack } from 'aws-cdk-lib';
import type { HttpStage } from 'aws-cdk-lib/aws-apigatewayv2';
import { Alarm, ComparisonOperator, Stats, TreatMissingData, type IMetric } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { Operation, type Table } from 'aws-cdk-lib/aws-dynamodb';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';

export interface AlarmsProps {
  handler: IFunction;
  table: Table;
  stage: HttpStage;
  p99DurationAlarmMs: number;
  alarmTopicArn: string | undefined;
}

const PERIOD = Duration.minutes(5);

export class ClaimgraphAlarms extends Construct {
  readonly alarms: Alarm[] = [];

  constructor(scope: Construct, id: string, props: AlarmsProps) {
    super(scope, id);
    const topic = props.alarmTopicArn ? Topic.fromTopicArn(this, 'Topic', props.alarmTopicArn) : undefined;
    const prefix = Stack.of(this).stackName;

    const add = (
      alarmId: string,
      metric: IMetric,
      options: { threshold: number; description: string; evaluationPeriods?: number; datapointsToAlarm?: number },
    ) => {
      const alarm = new Alarm(this, alarmId, {
        alarmName: `${prefix}-${alarmId}`,
        alarmDescription: options.description,
        metric,
        threshold: options.threshold,
        comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        evaluationPeriods: options.evaluationPeriods ?? 1,
        datapointsToAlarm: options.datapointsToAlarm ?? options.evaluationPeriods ?? 1,
        treatMissingData: TreatMissingData.NOT_BREACHING,
      });
      if (topic) {
        alarm.addAlarmAction(new SnsAction(topic));
        alarm.addOkAction(new SnsAction(topic));
      }
      this.alarms.push(alarm);
    };

    add('FunctionErrors', props.handler.metricErrors({ period: PERIOD, statistic: Stats.SUM }), {
      threshold: 1,
      description: 'The GraphQL function failed (uncaught error, timeout or out of memory) at least once in 5 minutes.',
    });
    add('FunctionThrottles', props.handler.metricThrottles({ period: PERIOD, statistic: Stats.SUM }), {
      threshold: 1,
      description:
        'Lambda throttled the GraphQL function (account or function concurrency exhausted) in the last 5 minutes.',
    });
    add('FunctionDurationP99', props.handler.metricDuration({ period: PERIOD, statistic: Stats.p(99) }), {
      threshold: props.p99DurationAlarmMs,
      evaluationPeriods: 3,
      datapointsToAlarm: 2,
      description: `The GraphQL function's p99 duration was ${props.p99DurationAlarmMs} ms or more in 2 of the last 3 five-minute periods.`,
    });
    add(
      'TableThrottledRequests',
      props.table.metricThrottledRequestsForOperations({
        // Every operation the data layer sends (lib/store/client.ts).
        operations: [
          Operation.GET_ITEM,
          Operation.BATCH_GET_ITEM,
          Operation.QUERY,
          Operation.PUT_ITEM,
          Operation.UPDATE_ITEM,
          Operation.BATCH_WRITE_ITEM,
          Operation.TRANSACT_WRITE_ITEMS,
        ],
        period: PERIOD,
      }),
      {
        threshold: 1,
        description: 'DynamoDB throttled requests to the claimgraph table (or its indexes) in the last 5 minutes.',
      },
    );
    add('Api5xx', props.stage.metricServerError({ period: PERIOD, statistic: Stats.SUM }), {
      threshold: 5,
      description: 'The HTTP API answered 5xx at least 5 times in 5 minutes (function errors, timeouts or throttles).',
    });
  }
}
