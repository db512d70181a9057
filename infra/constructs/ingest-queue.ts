/**
 * Bulk ingest: an SQS queue that `enqueueArticles` sends to, a worker function
 * (functions/ingest-worker.ts, its own bundle: extraction and storage) fed by it in batches
 * with partial batch failures, a dead-letter queue for articles that failed every attempt,
 * and alarms on that queue's depth and on the age of the oldest waiting article.
 */
import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, Stats, TreatMissingData, type IMetric } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
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
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { join } from 'node:path';
import { MAX_ATTEMPTS } from '../../lib/queue.js';
import { HANDLER_EXPORT, NODE_OPTIONS, PROJECT_ROOT, handlerCode } from '../bundling.js';
import { ownLogGroupPolicy, tableDataPolicy } from './policies.js';
import type { ClaimgraphTable } from './table.js';

export const WORKER_ENTRY = join(PROJECT_ROOT, 'functions', 'ingest-worker.ts');

/** The SQS commands lib/sqs-queue.ts sends, and their IAM actions (a batch is authorised as SendMessage). */
export const SQS_COMMAND_ACTIONS = {
  SendMessageBatchCommand: ['sqs:SendMessage'],
  SendMessageCommand: ['sqs:SendMessage'],
} as const;

/** Messages per invocation: one article takes ~0.1-0.5 s, so a batch ends well within the timeout. */
export const WORKER_BATCH_SIZE = 10;
export const WORKER_TIMEOUT = Duration.seconds(120);

export interface IngestQueueProps {
  table: ClaimgraphTable;
  memorySize: number;
  logRetention: RetentionDays;
  /** At most this many worker instances at once (the event source mapping's maximum concurrency, 2 to 1000). */
  maxConcurrency: number;
  /** The age-of-oldest-message alarm fires at this many seconds. */
  queueAgeAlarmSeconds: number;
  alarmTopicArn: string | undefined;
}

export class IngestQueue extends Construct {
  readonly queue: Queue;
  readonly deadLetterQueue: Queue;
  readonly function: LambdaFunction;
  readonly role: Role;
  readonly logGroup: LogGroup;
  readonly alarms: Alarm[] = [];

  constructor(scope: Construct, id: string, props: IngestQueueProps) {
    super(scope, id);
    const { table } = props;

    this.deadLetterQueue = new Queue(this, 'DeadLetters', {
      // The longest SQS keeps anything: time to read the reasons and send the articles again.
      retentionPeriod: Duration.days(14),
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    this.queue = new Queue(this, 'Queue', {
      // AWS's advice for a Lambda source: six times the function's timeout, so a batch being
      // retried inside Lambda is not delivered to another instance meanwhile.
      visibilityTimeout: Duration.seconds(6 * WORKER_TIMEOUT.toSeconds()),
      retentionPeriod: Duration.days(4),
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      // The worker dead-letters a message itself on its last attempt, with the reason; this
      // redrive catches the attempts that could not (a timeout, a crash).
      deadLetterQueue: { queue: this.deadLetterQueue, maxReceiveCount: MAX_ATTEMPTS },
      removalPolicy: RemovalPolicy.DESTROY,
    });

    this.logGroup = new LogGroup(this, 'Logs', { retention: props.logRetention, removalPolicy: RemovalPolicy.DESTROY });
    this.role = new Role(this, 'Role', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: 'claimgraph ingest worker: its own log group, the claimgraph table, its queue and dead-letter queue',
      inlinePolicies: {
        Logs: ownLogGroupPolicy(this.logGroup),
        DynamoDbData: tableDataPolicy(table),
        DeadLetters: new PolicyDocument({
          statements: [
            new PolicyStatement({
              sid: 'SendToDeadLetterQueue',
              effect: Effect.ALLOW,
              actions: [...new Set(Object.values(SQS_COMMAND_ACTIONS).flat())],
              resources: [this.deadLetterQueue.queueArn],
            }),
          ],
        }),
      },
    });

    this.function = new LambdaFunction(this, 'Function', {
      description: 'claimgraph ingest worker: articles from the ingest queue, extracted and stored',
      code: handlerCode(WORKER_ENTRY),
      handler: `index.${HANDLER_EXPORT}`,
      runtime: Runtime.NODEJS_24_X,
      architecture: Architecture.ARM_64,
      memorySize: props.memorySize,
      timeout: WORKER_TIMEOUT,
      role: this.role,
      tracing: Tracing.ACTIVE,
      logGroup: this.logGroup,
      loggingFormat: LoggingFormat.JSON,
      applicationLogLevelV2: ApplicationLogLevel.INFO,
      systemLogLevelV2: SystemLogLevel.WARN,
      environment: {
        TABLE_NAME: table.table.tableName,
        NODE_ENV: 'production',
        ...(NODE_OPTIONS.ingestWorker ? { NODE_OPTIONS: NODE_OPTIONS.ingestWorker } : {}),
        INGEST_DEAD_LETTER_QUEUE_URL: this.deadLetterQueue.queueUrl,
      },
    });
    // Adds the receive, delete and change-visibility actions on this queue to the role.
    this.function.addEventSource(
      new SqsEventSource(this.queue, {
        batchSize: WORKER_BATCH_SIZE,
        reportBatchItemFailures: true,
        maxConcurrency: props.maxConcurrency,
      }),
    );

    const topic = props.alarmTopicArn ? Topic.fromTopicArn(this, 'Topic', props.alarmTopicArn) : undefined;
    const prefix = Stack.of(this).stackName;
    const alarm = (alarmId: string, options: { metric: IMetric; threshold: number; description: string }) => {
      const created = new Alarm(this, alarmId, {
        alarmName: `${prefix}-${alarmId}`,
        alarmDescription: options.description,
        metric: options.metric,
        threshold: options.threshold,
        comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        evaluationPeriods: 1,
        treatMissingData: TreatMissingData.NOT_BREACHING,
      });
      if (topic) {
        created.addAlarmAction(new SnsAction(topic));
        created.addOkAction(new SnsAction(topic));
      }
      this.alarms.push(created);
    };
    alarm('IngestDeadLetters', {
      metric: this.deadLetterQueue.metricApproximateNumberOfMessagesVisible({
        period: Duration.minutes(1),
        statistic: Stats.MAXIMUM,
      }),
      threshold: 1,
      description:
        'An article failed every ingest attempt and waits in the dead-letter queue (its reason is a message attribute and in the worker logs).',
    });
    alarm('IngestQueueAge', {
      metric: this.queue.metricApproximateAgeOfOldestMessage({ period: Duration.minutes(5), statistic: Stats.MAXIMUM }),
      threshold: props.queueAgeAlarmSeconds,
      description: `An article has waited ${props.queueAgeAlarmSeconds} s or more in the ingest queue: the worker is failing, throttled or too few.`,
    });
  }
}
