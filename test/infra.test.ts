/**
 * The CDK stack, synthesized once (the handler is bundled by esbuild at synth, so once is enough)
 * and checked with CDK assertions: the table against lib/store/table.ts, the function, the exact
 * IAM policy, the HTTP API, logs, alarms, outputs, the bundled asset, and cdk-nag.
 *
 * The synth uses non-default settings (CORS origins, an alarm topic, an admin key secret) to
 * check that they reach the template; the defaults are checked on readStackSettings.
 */
import { existsSync, mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, Duration, Validations } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { NagPack } from 'cdk-nag';
import { beforeAll, describe, expect, it } from 'vitest';
import { copyBundleAssets, ESM_REQUIRE_BANNER, PERSISTED_OPERATIONS_BUNDLE_FILE } from '../infra/bundling.js';
import { addNagChecks } from '../infra/checks.js';
import { DEFAULT_SETTINGS, readStackSettings } from '../infra/config.js';
import { TABLE_LOGICAL_ID } from '../infra/constructs/table.js';
import { ClaimgraphStack, nagAcknowledgements } from '../infra/stack.js';
import { TABLE, TTL_ATTRIBUTE, createTableInput } from '../lib/store/table.js';

const CONTEXT = {
  allowedOrigins: 'https://news.example.org, http://localhost:4000',
  alarmTopicArn: 'arn:aws:sns:us-east-1:123456789012:claimgraph-alarms',
  adminKeySecretName: 'claimgraph/admin-key',
};

let app: App;
let stack: ClaimgraphStack;
let template: Template;
let resources: Record<
  string,
  { Type: string; Properties?: any; DeletionPolicy?: string; UpdateReplacePolicy?: string; Metadata?: any }
>;
let packs: NagPack[];

beforeAll(() => {
  app = new App({ context: CONTEXT });
  const settings = readStackSettings((key) => app.node.tryGetContext(key), {});
  stack = new ClaimgraphStack(app, 'Claimgraph', { settings });
  packs = addNagChecks(app);
  template = Template.fromStack(stack);
  resources = template.toJSON().Resources;
}, 180_000);

const ofType = (type: string) => Object.entries(resources).filter(([, resource]) => resource.Type === type);
const only = (type: string) => {
  const found = ofType(type);
  expect(found, type).toHaveLength(1);
  return found[0]!;
};
const tableArn = { 'Fn::GetAtt': [TABLE_LOGICAL_ID, 'Arn'] };
/** The one resource of a type whose logical ID starts with `prefix` (the stack has two functions and two roles). */
const named = (type: string, prefix: string) => {
  const found = ofType(type).filter(([id]) => id.startsWith(prefix));
  expect(found, `${type} ${prefix}`).toHaveLength(1);
  return found[0]!;
};
const graphqlFunction = () => named('AWS::Lambda::Function', 'GraphqlFunction');
const graphqlRole = () => named('AWS::IAM::Role', 'GraphqlRole');

describe('the table', () => {
  it('has the pinned logical ID', () => {
    expect(only('AWS::DynamoDB::Table')[0]).toBe(TABLE_LOGICAL_ID);
  });

  it('has the keys and indexes of lib/store/table.ts, as the local bootstrap creates them', () => {
    const expected = createTableInput('any');
    const table = resources[TABLE_LOGICAL_ID]!.Properties;
    expect(table.KeySchema).toEqual(expected.KeySchema);
    const byName = (a: { AttributeName?: string }, b: { AttributeName?: string }) =>
      a.AttributeName!.localeCompare(b.AttributeName!);
    expect([...table.AttributeDefinitions].sort(byName)).toEqual([...expected.AttributeDefinitions!].sort(byName));
    expect(table.GlobalSecondaryIndexes).toEqual(expected.GlobalSecondaryIndexes);
    expect(table.GlobalSecondaryIndexes.map((index: { IndexName: string }) => index.IndexName)).toEqual(
      TABLE.indexes.map((index) => index.name),
    );
  });

  it('enables TTL on the attribute the change feed expires its entries by', () => {
    expect(resources[TABLE_LOGICAL_ID]!.Properties.TimeToLiveSpecification).toEqual({
      AttributeName: TTL_ATTRIBUTE,
      Enabled: true,
    });
    expect(TTL_ATTRIBUTE).toBe('expiresAt');
  });

  it('is on-demand, with point-in-time recovery and deletion protection, retained, and has no physical name', () => {
    const table = resources[TABLE_LOGICAL_ID]!;
    expect(table.Properties).toMatchObject({
      BillingMode: 'PAY_PER_REQUEST',
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      DeletionProtectionEnabled: true,
    });
    expect(table.Properties.TableName).toBeUndefined();
    expect(table.Properties.ProvisionedThroughput).toBeUndefined();
    expect(table.DeletionPolicy).toBe('Retain');
    expect(table.UpdateReplacePolicy).toBe('Retain');
  });
});

describe('the function', () => {
  it('runs the bundled handler on Node.js 22+ arm64, with memory, timeout, X-Ray and JSON logs', () => {
    const [, fn] = graphqlFunction();
    const props = fn.Properties;
    expect(Number(/^nodejs(\d+)\.x$/.exec(props.Runtime)?.[1])).toBeGreaterThanOrEqual(22);
    expect(props).toMatchObject({
      Handler: 'index.handler',
      Architectures: ['arm64'],
      MemorySize: DEFAULT_SETTINGS.memorySize,
      Timeout: DEFAULT_SETTINGS.timeout.toSeconds(),
      TracingConfig: { Mode: 'Active' },
      LoggingConfig: { LogFormat: 'JSON', LogGroup: { Ref: expect.stringMatching(/^GraphqlLogs/) } },
    });
  });

  it('gets its configuration from environment variables that lib/config.ts reads', () => {
    const [, fn] = graphqlFunction();
    expect(fn.Properties.Environment.Variables).toEqual({
      TABLE_NAME: { Ref: TABLE_LOGICAL_ID },
      NODE_ENV: 'production',
      // No --enable-source-maps: it would parse every chunk's map at each cold start (infra/bundling.ts).
      REQUIRE_KEY_FOR_READ: 'false',
      DISABLE_INTROSPECTION: 'false',
      // The origins API Gateway allows, so that the function's own CORS answers agree.
      CORS_ORIGINS: 'https://news.example.org,http://localhost:4000',
      CACHE_MAX_AGE: String(DEFAULT_SETTINGS.cacheMaxAgeSeconds),
      INGEST_QUEUE_URL: { Ref: expect.stringMatching(/^IngestQueue/) },
      // Where the secrets are, never their values (lib/aws-secrets.ts reads them at run time).
      CLAIMGRAPH_KEY_PEPPER_SECRET: { Ref: only('AWS::SecretsManager::Secret')[0] },
      CLAIMGRAPH_ADMIN_KEY_SECRET: 'claimgraph/admin-key',
    });
  });

  it('puts no secret value in its environment, not even as a reference CloudFormation would resolve', () => {
    const [, fn] = graphqlFunction();
    const environment = JSON.stringify(fn.Properties.Environment);
    expect(environment).not.toMatch(/resolve:secretsmanager|SecretString|ssm-secure/i);
    expect(
      Object.keys(fn.Properties.Environment.Variables).filter((name) =>
        /^CLAIMGRAPH_(ADMIN_KEY|KEY_PEPPER)$/.test(name),
      ),
    ).toEqual([]);
  });
});

describe('the API key pepper', () => {
  it('is a secret that Secrets Manager generates (its value is in no template), retained like the table', () => {
    const [, secret] = only('AWS::SecretsManager::Secret');
    expect(secret.Properties.SecretString).toBeUndefined();
    expect(secret.Properties.GenerateSecretString).toMatchObject({
      PasswordLength: 64,
      ExcludePunctuation: true,
      IncludeSpace: false,
    });
    expect(secret.DeletionPolicy).toBe('Retain');
    expect(JSON.stringify(template.toJSON())).not.toContain('resolve:secretsmanager');
  });

  it('may be read by the function, and so may the admin key secret: nothing else about secrets is allowed', () => {
    const [, role] = graphqlRole();
    const statements = [
      ...role.Properties.Policies.flatMap((policy: any) => policy.PolicyDocument.Statement),
      ...ofType('AWS::IAM::Policy').flatMap(([, policy]) => policy.Properties.PolicyDocument.Statement),
    ];
    const secretStatements = statements.filter((statement: { Action: string | string[] }) =>
      [statement.Action].flat().some((action) => action.startsWith('secretsmanager:')),
    );
    expect(secretStatements).toEqual([
      {
        Sid: 'ReadKeySecrets',
        Effect: 'Allow',
        Action: 'secretsmanager:GetSecretValue',
        Resource: [
          { Ref: only('AWS::SecretsManager::Secret')[0] },
          {
            'Fn::Join': ['', expect.arrayContaining([expect.stringContaining(':secret:claimgraph/admin-key-??????')])],
          },
        ],
      },
    ]);
  });

  it('is an output, so npm run keys -- --aws can find it', () => {
    expect(template.toJSON().Outputs.KeyPepperSecret.Value).toEqual({ Ref: only('AWS::SecretsManager::Secret')[0] });
  });

  it('ships a minified ESM bundle with its source map and the gazetteer next to it', () => {
    const [, fn] = graphqlFunction();
    // The code asset is staged in the cloud assembly as asset.<hash>, uploaded as <hash>.zip.
    const hash = String(fn.Properties.Code.S3Key).replace(/\.zip$/, '');
    const assetDir = join(app.outdir, `asset.${hash}`);
    const files = readdirSync(assetDir);
    expect(files.filter((file) => !/^(chunk|dist-es|[\w-]+)-[A-Z0-9]{8}\.mjs(\.map)?$/.test(file)).sort()).toEqual([
      'gazetteer.tsv.gz',
      'index.mjs',
      'index.mjs.map',
    ]);
    // Extraction is split off into a chunk loaded on the first ingest (see infra/bundling.ts).
    expect(files.some((file) => /^extract-[A-Z0-9]{8}\.mjs$/.test(file))).toBe(true);
    expect(statSync(join(assetDir, 'gazetteer.tsv.gz')).size).toBe(statSync('data/gazetteer.tsv.gz').size);
    const code = readFileSync(join(assetDir, 'index.mjs'), 'utf8');
    expect(code.startsWith(ESM_REQUIRE_BANNER)).toBe(true);
    expect(/\/\/# sourceMappingURL=index\.mjs\.map\s*$/.test(code)).toBe(true);
    expect(code.split('\n').length).toBeLessThan(1000); // minified
    // The SDK sits in a chunk of its own when a lazily loaded chunk (ingest) shares it with index.mjs.
    const bundled = files
      .filter((file) => file.endsWith('.mjs'))
      .map((file) => readFileSync(join(assetDir, file), 'utf8'));
    expect(
      bundled.some((chunk) => chunk.includes('DynamoDB_20120810')),
      'the AWS SDK is bundled, not taken from the runtime',
    ).toBe(true);
    expect(code.length, 'no 18 MB GraphiQL renderer').toBeLessThan(3_000_000);
    const map = JSON.parse(readFileSync(join(assetDir, 'index.mjs.map'), 'utf8')) as {
      sources: string[];
      sourcesContent?: unknown;
    };
    expect(map.sources.some((source) => source.endsWith('functions/graphql.ts'))).toBe(true);
    expect(map.sourcesContent).toBeUndefined();
  });
});

describe('least privilege', () => {
  type Statement = { Sid?: string; Effect: string; Action: string | string[]; Resource: unknown };
  const statements = (): Statement[] => [
    ...ofType('AWS::IAM::Role').flatMap(([, role]) =>
      (role.Properties.Policies ?? []).flatMap((policy: any) => policy.PolicyDocument.Statement),
    ),
    ...ofType('AWS::IAM::Policy').flatMap(([, policy]) => policy.Properties.PolicyDocument.Statement),
  ];
  const actions = (statement: Statement) => [statement.Action].flat();

  it('allows exactly the DynamoDB actions the data layer needs, on the table and its indexes only', () => {
    const dynamo = statements().filter((statement) =>
      actions(statement).some((action) => action.startsWith('dynamodb:')),
    );
    const ofOneRole = [
      {
        Sid: 'ReadWriteTableItems',
        Effect: 'Allow',
        // TransactWriteItems is authorized item by item: Put, Update, Delete and ConditionCheck.
        Action: [
          'dynamodb:BatchGetItem',
          'dynamodb:BatchWriteItem',
          'dynamodb:ConditionCheckItem',
          'dynamodb:DeleteItem',
          'dynamodb:GetItem',
          'dynamodb:PutItem',
          'dynamodb:Query',
          'dynamodb:UpdateItem',
        ],
        Resource: tableArn,
      },
      {
        Sid: 'QueryTableIndexes',
        Effect: 'Allow',
        Action: 'dynamodb:Query',
        Resource: TABLE.indexes.map((index) => ({ 'Fn::Join': ['', [tableArn, `/index/${index.name}`]] })),
      },
    ];
    // The GraphQL function's role, then the ingest worker's: the same data layer, the same actions.
    expect(dynamo).toEqual([...ofOneRole, ...ofOneRole]);
  });

  it('has no wildcard action anywhere, and "*" as a resource only for X-Ray (which has no resource-level permissions)', () => {
    const all = statements();
    expect(all.flatMap(actions).filter((action) => action.includes('*'))).toEqual([]);
    const wildcard = all.filter((statement) => JSON.stringify(statement.Resource).includes('"*"'));
    const xray = { Effect: 'Allow', Action: ['xray:PutTraceSegments', 'xray:PutTelemetryRecords'], Resource: '*' };
    // One for each function (GraphQL, ingest worker).
    expect(wildcard).toEqual([xray, xray]);
    expect(all.every((statement) => statement.Effect === 'Allow')).toBe(true);
  });

  it('writes logs only to its own log group, and uses no managed policy', () => {
    const [, role] = graphqlRole();
    expect(role.Properties.ManagedPolicyArns).toBeUndefined();
    const logs = statements().filter((statement) => actions(statement).some((action) => action.startsWith('logs:')));
    expect(logs).toEqual(
      ['GraphqlLogs', 'IngestLogs'].map((group) => ({
        Sid: 'WriteOwnLogGroup',
        Effect: 'Allow',
        Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        Resource: { 'Fn::GetAtt': [expect.stringMatching(new RegExp(`^${group}`)), 'Arn'] },
      })),
    );
  });
});

describe('the HTTP endpoint', () => {
  it('is an HTTP API with CORS for the configured origins', () => {
    const [, api] = only('AWS::ApiGatewayV2::Api');
    expect(api.Properties).toMatchObject({
      ProtocolType: 'HTTP',
      CorsConfiguration: {
        AllowOrigins: ['https://news.example.org', 'http://localhost:4000'],
        AllowMethods: ['GET', 'POST'],
        AllowHeaders: expect.arrayContaining(['content-type', 'authorization']),
        AllowCredentials: false,
        MaxAge: Duration.days(1).toSeconds(),
      },
    });
  });

  it('routes GET and POST /graphql to the function with payload format 2.0', () => {
    const routes = ofType('AWS::ApiGatewayV2::Route').map(([, route]) => route.Properties);
    expect(routes.map((route) => route.RouteKey).sort()).toEqual(['GET /graphql', 'POST /graphql']);
    const integrations = ofType('AWS::ApiGatewayV2::Integration');
    expect(integrations.length).toBeGreaterThan(0);
    for (const [id, integration] of integrations) {
      expect(integration.Properties).toMatchObject({
        IntegrationType: 'AWS_PROXY',
        PayloadFormatVersion: '2.0',
        IntegrationUri: { 'Fn::GetAtt': [expect.stringMatching(/^GraphqlFunction/), 'Arn'] },
      });
      expect(routes.some((route) => JSON.stringify(route.Target).includes(id))).toBe(true);
    }
    template.allResourcesProperties('AWS::Lambda::Permission', {
      Principal: 'apigateway.amazonaws.com',
      Action: 'lambda:InvokeFunction',
    });
  });

  it('has a $default stage with default throttling and JSON access logs', () => {
    const [, stage] = only('AWS::ApiGatewayV2::Stage');
    expect(stage.Properties).toMatchObject({
      StageName: '$default',
      AutoDeploy: true,
      DefaultRouteSettings: {
        ThrottlingRateLimit: DEFAULT_SETTINGS.throttleRateLimit,
        ThrottlingBurstLimit: DEFAULT_SETTINGS.throttleBurstLimit,
      },
      AccessLogSettings: { DestinationArn: { 'Fn::GetAtt': [expect.stringMatching(/^HttpAccessLogs/), 'Arn'] } },
    });
    const format = JSON.parse(stage.Properties.AccessLogSettings.Format) as Record<string, string>;
    expect(format).toMatchObject({
      requestId: '$context.requestId',
      status: '$context.status',
      routeKey: '$context.routeKey',
    });
  });

  it('outputs the GraphQL endpoint URL and the table name', () => {
    const outputs = template.toJSON().Outputs;
    const [api] = only('AWS::ApiGatewayV2::Api');
    expect(outputs.GraphqlUrl.Value).toEqual({
      'Fn::Join': [
        '',
        ['https://', { Ref: api }, '.execute-api.', { Ref: 'AWS::Region' }, '.', { Ref: 'AWS::URLSuffix' }, '/graphql'],
      ],
    });
    expect(outputs.TableName.Value).toEqual({ Ref: TABLE_LOGICAL_ID });
    expect(outputs.FunctionName.Value).toEqual({ Ref: expect.stringMatching(/^GraphqlFunction/) });
  });
});

describe('operations', () => {
  it('keeps every log group for a set time', () => {
    const groups = ofType('AWS::Logs::LogGroup');
    expect(groups).toHaveLength(3);
    for (const [, group] of groups) expect(group.Properties.RetentionInDays).toBe(RetentionDays.ONE_MONTH);
  });

  it('alarms on function errors, throttles and p99 duration, DynamoDB throttling and API 5xx, notifying the topic', () => {
    const alarms: Record<string, any> = Object.fromEntries(
      ofType('AWS::CloudWatch::Alarm').map(([, alarm]) => [alarm.Properties.AlarmName, alarm.Properties]),
    );
    expect(Object.keys(alarms).sort()).toEqual(
      [
        'Api5xx',
        'FunctionDurationP99',
        'FunctionErrors',
        'FunctionThrottles',
        'IngestDeadLetters',
        'IngestQueueAge',
        'TableThrottledRequests',
      ].map((name) => `Claimgraph-${name}`),
    );
    const fnDimension = [{ Name: 'FunctionName', Value: { Ref: expect.stringMatching(/^GraphqlFunction/) } }];
    expect(alarms['Claimgraph-FunctionErrors']).toMatchObject({
      Namespace: 'AWS/Lambda',
      MetricName: 'Errors',
      Statistic: 'Sum',
      Threshold: 1,
      Dimensions: fnDimension,
    });
    expect(alarms['Claimgraph-FunctionThrottles']).toMatchObject({
      Namespace: 'AWS/Lambda',
      MetricName: 'Throttles',
      Statistic: 'Sum',
      Threshold: 1,
      Dimensions: fnDimension,
    });
    expect(alarms['Claimgraph-FunctionDurationP99']).toMatchObject({
      Namespace: 'AWS/Lambda',
      MetricName: 'Duration',
      ExtendedStatistic: 'p99',
      Threshold: DEFAULT_SETTINGS.p99DurationAlarmMs,
      Dimensions: fnDimension,
    });
    const throttled = alarms['Claimgraph-TableThrottledRequests'].Metrics.filter((metric: any) => metric.MetricStat);
    expect(
      throttled
        .map((metric: any) => metric.MetricStat.Metric.Dimensions.find((d: any) => d.Name === 'Operation').Value)
        .sort(),
    ).toEqual(['BatchGetItem', 'BatchWriteItem', 'GetItem', 'PutItem', 'Query', 'TransactWriteItems', 'UpdateItem']);
    for (const metric of throttled) {
      expect(metric.MetricStat.Metric).toMatchObject({ Namespace: 'AWS/DynamoDB', MetricName: 'ThrottledRequests' });
      expect(metric.MetricStat.Metric.Dimensions).toContainEqual({
        Name: 'TableName',
        Value: { Ref: TABLE_LOGICAL_ID },
      });
    }
    expect(alarms['Claimgraph-Api5xx']).toMatchObject({ Namespace: 'AWS/ApiGateway', MetricName: '5xx' });
    for (const alarm of Object.values(alarms)) {
      expect(alarm.AlarmActions).toEqual([CONTEXT.alarmTopicArn]);
      expect(alarm.TreatMissingData).toBe('notBreaching');
    }
  });
});

describe('bulk ingest', () => {
  const ingestQueue = () => named('AWS::SQS::Queue', 'IngestQueue');
  const deadLetterQueue = () => named('AWS::SQS::Queue', 'IngestDeadLetters');
  const worker = () => named('AWS::Lambda::Function', 'IngestFunction');
  const arnOf = (id: string) => ({ 'Fn::GetAtt': [id, 'Arn'] });

  it('has an ingest queue whose messages go to a dead-letter queue after 3 receives, both encrypted and TLS-only', () => {
    expect(ofType('AWS::SQS::Queue')).toHaveLength(2);
    const [dlqId, dlq] = deadLetterQueue();
    const [queueId, queue] = ingestQueue();
    expect(queue.Properties.RedrivePolicy).toEqual({ deadLetterTargetArn: arnOf(dlqId), maxReceiveCount: 3 });
    expect(dlq.Properties.RedrivePolicy).toBeUndefined();
    expect(dlq.Properties.MessageRetentionPeriod).toBe(Duration.days(14).toSeconds());
    // A batch retried inside Lambda must not reappear meanwhile: AWS advises 6x the function's timeout.
    expect(queue.Properties.VisibilityTimeout).toBeGreaterThanOrEqual(6 * worker()[1].Properties.Timeout);
    for (const [id, props] of [
      [queueId, queue.Properties],
      [dlqId, dlq.Properties],
    ] as const) {
      expect(props.SqsManagedSseEnabled, id).toBe(true);
      const policy = ofType('AWS::SQS::QueuePolicy').find(([, p]) => JSON.stringify(p.Properties.Queues).includes(id));
      expect(policy, id).toBeDefined();
      expect(policy![1].Properties.PolicyDocument.Statement).toContainEqual(
        expect.objectContaining({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
      );
    }
  });

  it('feeds the worker function in batches of 10, reporting partial batch failures, with a bounded concurrency', () => {
    const [workerId] = worker();
    const [, mapping] = only('AWS::Lambda::EventSourceMapping');
    expect(mapping.Properties).toMatchObject({
      EventSourceArn: arnOf(ingestQueue()[0]),
      FunctionName: { Ref: workerId },
      BatchSize: 10,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      ScalingConfig: { MaximumConcurrency: DEFAULT_SETTINGS.ingestMaxConcurrency },
    });
  });

  it('runs the worker from its own bundle (functions/ingest-worker.ts), with the dead-letter queue in its environment', () => {
    const [, fn] = worker();
    expect(fn.Properties).toMatchObject({
      Handler: 'index.handler',
      Architectures: ['arm64'],
      TracingConfig: { Mode: 'Active' },
      LoggingConfig: { LogFormat: 'JSON', LogGroup: { Ref: expect.stringMatching(/^IngestLogs/) } },
    });
    expect(fn.Properties.Environment.Variables).toEqual({
      TABLE_NAME: { Ref: TABLE_LOGICAL_ID },
      NODE_ENV: 'production',
      NODE_OPTIONS: '--enable-source-maps',
      INGEST_DEAD_LETTER_QUEUE_URL: { Ref: deadLetterQueue()[0] },
    });
    const key = String(fn.Properties.Code.S3Key);
    expect(key).not.toBe(String(graphqlFunction()[1].Properties.Code.S3Key));
    const assetDir = join(app.outdir, `asset.${key.replace(/\.zip$/, '')}`);
    expect(readdirSync(assetDir)).toEqual(expect.arrayContaining(['index.mjs', 'index.mjs.map', 'gazetteer.tsv.gz']));
    const map = JSON.parse(readFileSync(join(assetDir, 'index.mjs.map'), 'utf8')) as { sources: string[] };
    expect(map.sources.some((source) => source.endsWith('functions/ingest-worker.ts'))).toBe(true);
    expect(map.sources.some((source) => source.endsWith('functions/graphql.ts'))).toBe(false);
  });

  it('lets the GraphQL function only send to the ingest queue, and the worker only consume it and send to the dead-letter queue', () => {
    const sqsStatements = (roleId: string) =>
      [
        ...(resources[roleId]!.Properties.Policies ?? []).flatMap((policy: any) => policy.PolicyDocument.Statement),
        ...ofType('AWS::IAM::Policy')
          .filter(([, policy]) => JSON.stringify(policy.Properties.Roles).includes(roleId))
          .flatMap(([, policy]) => policy.Properties.PolicyDocument.Statement),
      ]
        .filter((statement: { Action: string | string[] }) =>
          [statement.Action].flat().some((action) => action.startsWith('sqs:')),
        )
        .map((statement: any) => ({ actions: [statement.Action].flat().sort(), resource: statement.Resource }));
    expect(sqsStatements(graphqlRole()[0])).toEqual([
      { actions: ['sqs:SendMessage'], resource: arnOf(ingestQueue()[0]) },
    ]);
    expect(sqsStatements(named('AWS::IAM::Role', 'IngestRole')[0])).toEqual([
      { actions: ['sqs:SendMessage'], resource: arnOf(deadLetterQueue()[0]) },
      {
        actions: [
          'sqs:ChangeMessageVisibility',
          'sqs:DeleteMessage',
          'sqs:GetQueueAttributes',
          'sqs:GetQueueUrl',
          'sqs:ReceiveMessage',
        ],
        resource: arnOf(ingestQueue()[0]),
      },
    ]);
  });

  it('alarms when an article reaches the dead-letter queue and when the oldest waiting article is too old', () => {
    const alarms: Record<string, any> = Object.fromEntries(
      ofType('AWS::CloudWatch::Alarm').map(([, alarm]) => [alarm.Properties.AlarmName, alarm.Properties]),
    );
    expect(alarms['Claimgraph-IngestDeadLetters']).toMatchObject({
      Namespace: 'AWS/SQS',
      MetricName: 'ApproximateNumberOfMessagesVisible',
      Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [deadLetterQueue()[0], 'QueueName'] } }],
      Threshold: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      AlarmActions: [CONTEXT.alarmTopicArn],
    });
    expect(alarms['Claimgraph-IngestQueueAge']).toMatchObject({
      Namespace: 'AWS/SQS',
      MetricName: 'ApproximateAgeOfOldestMessage',
      Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [ingestQueue()[0], 'QueueName'] } }],
      Threshold: DEFAULT_SETTINGS.ingestQueueAgeAlarmSeconds,
    });
  });

  it('outputs both queue URLs', () => {
    const outputs = template.toJSON().Outputs;
    expect(outputs.IngestQueueUrl.Value).toEqual({ Ref: ingestQueue()[0] });
    expect(outputs.IngestDeadLetterQueueUrl.Value).toEqual({ Ref: deadLetterQueue()[0] });
  });

  it('refuses a maximum concurrency SQS does not accept', () => {
    const context = (values: Record<string, unknown>) => (key: string) => values[key];
    expect(() => readStackSettings(context({ ingestMaxConcurrency: 1 }), {})).toThrow(
      /context ingestMaxConcurrency must be an integer from 2 to 1000/,
    );
    expect(readStackSettings(context({ ingestMaxConcurrency: '20' }), {}).ingestMaxConcurrency).toBe(20);
  });
});

describe('cdk-nag', () => {
  it('finds nothing unacknowledged in the AwsSolutions and Serverless packs', () => {
    expect(packs.map((pack) => pack.readPackName).sort()).toEqual(['AwsSolutions', 'Serverless']);
    for (const pack of packs) {
      const report = pack.validateScope(app);
      expect(
        report.violations.map(
          (v) => `${v.severity} ${v.ruleName}: ${v.violatingResources.map((r) => r.constructPath).join(', ')}`,
        ),
      ).toEqual([]);
      expect(report.success).toBe(true);
    }
    // No error or warning annotation either (cdk-nag 2 reported its findings this way).
    const annotations = Annotations.fromStack(stack);
    expect(annotations.findError('*', Match.stringLikeRegexp('(AwsSolutions|Serverless)-.*'))).toEqual([]);
    expect(annotations.findWarning('*', Match.stringLikeRegexp('(AwsSolutions|Serverless)-.*'))).toEqual([]);
    expect(annotations.findError('*', Match.anyValue())).toEqual([]);
    expect(annotations.findWarning('*', Match.anyValue())).toEqual([]);
  });

  it('acknowledges exactly the listed findings, each with a written reason kept in the template', () => {
    const acknowledged = app.node.findAll().flatMap((construct) =>
      construct.node.metadata
        .filter((entry) => entry.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
        .flatMap((entry) =>
          Object.entries(entry.data as Record<string, string>).map(([id, reason]) => ({
            path: construct.node.path,
            id: id.replace(/^annotation::/i, ''),
            reason,
          })),
        ),
    );
    expect(acknowledged.map(({ path, id }) => `${path} ${id}`).sort()).toEqual(
      nagAcknowledgements(stack)
        .map(({ scope, id }) => `${scope.node.path} ${id}`)
        .sort(),
    );
    expect(acknowledged.map(({ id }) => id).sort()).toEqual([
      'AwsSolutions-APIG4',
      'AwsSolutions-IAM5[Resource::*]',
      'AwsSolutions-IAM5[Resource::*]',
      'AwsSolutions-SMG4',
      'Serverless-LambdaDLQ',
      'Serverless-LambdaDLQ',
      'Serverless-LambdaEventSourceMappingDestination',
      'Serverless-SQSRedrivePolicy',
    ]);
    for (const { reason } of acknowledged) expect(reason.length).toBeGreaterThan(80);

    const inTemplate = Object.values(resources).flatMap(
      (resource) => resource.Metadata?.cdk_nag?.rules_to_suppress ?? [],
    );
    expect([...new Set(inTemplate.map((rule: { id: string }) => rule.id))].sort()).toEqual([
      'AwsSolutions-APIG4',
      'AwsSolutions-IAM5[Resource::*]',
      'AwsSolutions-SMG4',
      'Serverless-LambdaDLQ',
      'Serverless-LambdaEventSourceMappingDestination',
      'Serverless-SQSRedrivePolicy',
    ]);
  });
});

describe('stack settings', () => {
  const none = () => undefined;

  it('bundles an operation allow-list given as context or by PERSISTED_OPERATIONS_ONLY', () => {
    const folder = mkdtempSync(join(tmpdir(), 'claimgraph-infra-'));
    const manifest = join(folder, 'persisted-documents.json');
    writeFileSync(manifest, JSON.stringify({ abc: '{ __typename }' }));
    expect(readStackSettings(none, {}).persistedOperationsFile).toBeUndefined();
    expect(readStackSettings((key) => (key === 'persistedOperations' ? manifest : undefined), {})).toMatchObject({
      persistedOperationsFile: manifest,
    });
    expect(
      readStackSettings(none, { PERSISTED_OPERATIONS_ONLY: 'true', PERSISTED_OPERATIONS_FILE: manifest })
        .persistedOperationsFile,
    ).toBe(manifest);
    // The bundle gets it next to index.mjs, under the name the function's environment gives.
    const outdir = join(folder, 'bundle');
    copyBundleAssets(outdir, [{ from: manifest, to: PERSISTED_OPERATIONS_BUNDLE_FILE }]);
    expect(readFileSync(join(outdir, PERSISTED_OPERATIONS_BUNDLE_FILE), 'utf8')).toBe(readFileSync(manifest, 'utf8'));
  });

  it('defaults: any origin, 50 rps (burst 100), a month of logs, 1024 MB, 15 s', () => {
    expect(readStackSettings(none, {})).toEqual(DEFAULT_SETTINGS);
    expect(DEFAULT_SETTINGS).toMatchObject({
      allowedOrigins: ['*'],
      throttleRateLimit: 50,
      throttleBurstLimit: 100,
      logRetention: RetentionDays.ONE_MONTH,
      memorySize: 1024,
    });
  });

  it('takes origins from context first, then CORS_ORIGINS', () => {
    expect(
      readStackSettings(none, { CORS_ORIGINS: 'https://a.example, https://b.example:8443' }).allowedOrigins,
    ).toEqual(['https://a.example', 'https://b.example:8443']);
    const context = (key: string) => (key === 'allowedOrigins' ? ['https://c.example'] : undefined);
    expect(readStackSettings(context, { CORS_ORIGINS: 'https://a.example' }).allowedOrigins).toEqual([
      'https://c.example',
    ]);
  });

  it('fails with a message naming the setting', () => {
    const context = (values: Record<string, unknown>) => (key: string) => values[key];
    expect(() => readStackSettings(none, { CORS_ORIGINS: 'https://a.example/path' })).toThrow(/CORS_ORIGINS/);
    expect(() => readStackSettings(context({ cacheMaxAge: 7200 }), {})).toThrow(/context cacheMaxAge/);
    expect(() => readStackSettings(context({ persistedOperations: '/nonexistent/manifest.json' }), {})).toThrow(
      /PERSISTED_OPERATIONS_FILE/,
    );
    expect(() => readStackSettings(context({ allowedOrigins: 'news.example.org' }), {})).toThrow(
      /context allowedOrigins/,
    );
    expect(() => readStackSettings(context({ logRetentionDays: 31 }), {})).toThrow(/context logRetentionDays/);
    expect(() => readStackSettings(context({ timeoutSeconds: 60 }), {})).toThrow(
      /context timeoutSeconds must be an integer from 1 to 29/,
    );
    expect(() => readStackSettings(context({ throttleRateLimit: 'lots' }), {})).toThrow(/context throttleRateLimit/);
    expect(() => readStackSettings(context({ requireKeyForRead: 'yes' }), {})).toThrow(/context requireKeyForRead/);
    expect(() => readStackSettings(context({ alarmTopicArn: 'my-topic' }), {})).toThrow(/context alarmTopicArn/);
  });

  it('reads numbers and booleans given as strings (cdk -c key=value)', () => {
    const values: Record<string, string> = {
      throttleRateLimit: '10',
      throttleBurstLimit: '20',
      logRetentionDays: '7',
      memorySize: '512',
      timeoutSeconds: '10',
      requireKeyForRead: 'true',
    };
    const settings = readStackSettings((key) => values[key], {});
    expect(settings).toMatchObject({
      throttleRateLimit: 10,
      throttleBurstLimit: 20,
      logRetention: RetentionDays.ONE_WEEK,
      memorySize: 512,
      requireKeyForRead: true,
    });
    expect(settings.timeout.toSeconds()).toBe(10);
  });

  it('cdk.json runs infra/app.ts with tsx', () => {
    expect(existsSync('cdk.json')).toBe(true);
    expect(JSON.parse(readFileSync('cdk.json', 'utf8')).app).toBe('npx tsx infra/app.ts');
  });
});
