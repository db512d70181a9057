/**
 * `npm run bench`: performance figures, each beside a reference measured in the same run,
 * as a table; `npm run bench -- --json` prints one JSON object as its last line.
 * `npm run bench -- load` runs the load test instead (concurrent clients on loopback);
 * `npm run bench -- corpus` ingests every real corpus of ../shared/data into one table;
 * `npm run bench -- scale` measures reads on a generated six-year corpus of 100 and 1,000 articles.
 */
import { parseArgs } from 'node:util';
import { startLocalDynamo } from '../lib/local-dynamo.js';
import { ensureTable, loadSamples } from '../lib/bootstrap.js';
import { Db } from '../lib/store/client.js';
import { benchColdStart } from './bundle.js';
import { benchCorpus } from './corpus.js';
import { benchScale } from './scale.js';
import { benchExtract } from './extract.js';
import { benchGeoJSON } from './geojson.js';
import { benchGraphql } from './graphql.js';
import { benchIngest } from './ingest.js';
import { benchLoad } from './load.js';
import { benchBulkIngest, benchWriteUnits } from './queue.js';

interface Row {
  metric: string;
  value: number;
  reference: string;
  aim: string;
}

const round = (value: number, digits = 2) => Number(value.toFixed(digits));

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    options: { json: { type: 'boolean', default: false }, seconds: { type: 'string' }, clients: { type: 'string' } },
    allowPositionals: true,
  });
  const local = await startLocalDynamo();
  const rows: Row[] = [];
  const result: Record<string, number> = {};
  const add = (metric: string, value: number, reference: string, aim: string) => {
    rows.push({ metric, value, reference, aim });
    result[metric] = value;
  };
  try {
    if (positionals.includes('load')) {
      const load = await benchLoad(local.endpoint, {
        seconds: values.seconds ? Number(values.seconds) : undefined,
        clients: values.clients ? Number(values.clients) : undefined,
      });
      add(
        'loadThroughputPerSecond',
        round(load.throughputPerSecond, 1),
        `${load.requests} requests (${load.reads} reads, ${load.writes} writes) from concurrent clients on loopback`,
        'measured',
      );
      add('loadP50Ms', round(load.p50Ms, 1), 'median request latency under load', 'measured');
      add('loadP99Ms', round(load.p99Ms, 1), '99th percentile request latency under load', 'measured');
      add('loadErrors', load.loadErrors, 'non-200s, GraphQL errors, unexpected userErrors', '0');
      add('lostWrites', load.lostWrites, 'acknowledged writes not found afterwards', '0');
      return;
    }
    if (positionals.includes('scale')) {
      const scale = await benchScale(local.endpoint);
      for (const row of scale) {
        add(
          `${row.query}@${row.articles}.requests`,
          row.requests,
          'DynamoDB requests',
          row.query === 'partiesWithClaimsByQuery' ? 'measured' : row.query.startsWith('partiesWith') ? '<= 4' : '<= 8',
        );
        add(
          `${row.query}@${row.articles}.roundTrips`,
          row.roundTrips,
          'sequential round trips (requests side by side count once)',
          row.query === 'reference' ? '<= 4' : '<= 3',
        );
        add(
          `${row.query}@${row.articles}.p50Ratio`,
          round(row.p50Ratio),
          'median latency / one GetItem in the same run',
          'flat from 100 to 1,000',
        );
        add(
          `${row.query}@${row.articles}.p95Ratio`,
          round(row.p95Ratio),
          '95th percentile latency / one GetItem',
          'flat from 100 to 1,000',
        );
      }
      return;
    }
    if (positionals.includes('corpus')) {
      const corpus = await benchCorpus(local.endpoint);
      const missing = corpus.missing.length ? `; missing: ${corpus.missing.join(', ')}` : '';
      add(
        'corpusArticles',
        corpus.corpusArticles,
        `PolNeAR train, re3d, LGL, TR-News from ../shared/data, in order, one table${missing}`,
        'all',
      );
      add('corpusFailures', corpus.corpusFailures, 'ingests that threw', '0');
      add(
        'corpusArticlesPerSecond',
        round(corpus.corpusArticlesPerSecond, 1),
        'sequential ingests on DynamoDB Local, extraction included',
        'measured',
      );
      add(
        'corpusIntegrityProblems',
        corpus.integrityProblems,
        `whole table (${corpus.items} items) read back: broken references, incomplete articles`,
        '0',
      );
      add(
        'corpusLargestCounterKB',
        round(corpus.largestCounter.bytes / 1024, 1),
        `largest of ${corpus.largestCounter.count} counter items (${corpus.largestCounter.key}); DynamoDB's cap is 400 KB`,
        '< 100',
      );
      add('corpusLeftoverItems', corpus.leftoverItems, 'items no reader sees (left by unfinished writes)', '0');
      add(
        'corpusListingErrors',
        corpus.listingErrors,
        `GraphQL errors over ${corpus.listingRequests} listing requests (every page of articles and claims, a sample of parties and places)`,
        '0',
      );
      return;
    }
    const graphql = await benchGraphql(local.endpoint);
    add(
      'referenceQueryDynamoCalls',
      graphql.referenceQueryDynamoCalls,
      `${graphql.referenceQueryRoundTrips} sequential round trips (20 articles × 10 claims × claimant, places)`,
      '<= 8 requests, <= 4 round trips',
    );
    add(
      'graphqlOverRawRatio',
      round(graphql.graphqlOverRawRatio),
      `yoga over HTTP ${round(graphql.graphqlMedianMs)} ms / hand-written SDK ${round(graphql.rawSdkMedianMs)} ms (medians)`,
      '< 1.5',
    );
    add(
      'countsRequests',
      graphql.countsRequests,
      `DynamoDB requests of a 30-day DAY histogram (claimCounts, ${graphql.countsClaims} claims counted)`,
      '1',
    );

    const geojson = await benchGeoJSON(local.endpoint);
    add(
      'geojsonRequests',
      geojson.requests,
      `claimsGeoJSON(bbox: the Karabakh front, first: 100): ${geojson.claims} claims, ${geojson.features} features, ${geojson.roundTrips} round trips (${Object.entries(
        geojson.byCommand,
      )
        .map(([command, n]) => `${n} ${command}`)
        .join(', ')}); with no box ${geojson.worldRequests} requests`,
      '<= 3',
    );

    const extraction = await benchExtract();
    add('extractArticlesPerSecond', extraction.value, extraction.unit, '>= 50');

    const ingest = await benchIngest(local.endpoint);
    add(
      'ingestArticlesPerSecond',
      round(ingest.ingestArticlesPerSecond, 1),
      `raw PutItem of the same text: ${round(ingest.rawPutsPerSecond, 1)}/s`,
      'measured',
    );
    add(
      'ingestOverRawPutRatio',
      round(ingest.ingestOverRawPutRatio),
      'end-to-end ingest time / one PutItem time',
      'measured',
    );
    add(
      'ingestRoundTrips',
      ingest.ingestRoundTrips,
      'sequential DynamoDB round trips: the sample article, its parties and places stored',
      '<= 4',
    );
    add('ingestRequests', ingest.ingestRequests, 'DynamoDB requests of that ingest', 'measured');

    const bulk = await benchBulkIngest(local.endpoint);
    add(
      'bulkIngestArticlesPerSecond',
      round(bulk.bulkIngestArticlesPerSecond, 1),
      `${bulk.articles} articles: enqueueArticles (calls of 100) + the in-process queue, ${bulk.concurrency} workers; sequential ingestArticle of the same: ${round(bulk.sequentialArticlesPerSecond, 1)}/s; ${bulk.deadLetters} dead-lettered`,
      'measured',
    );
    add(
      'ingestWorkerMsPerArticle',
      round(bulk.msPerArticle, 1),
      'sequential ingestArticle time per article (a worker Lambda ingests a batch one by one): the Lambda milliseconds of README "Costs on paper"',
      'measured',
    );
    const units = await benchWriteUnits(local.endpoint);
    add(
      'ingestWriteUnits',
      units.storedEntities.units,
      `sample article, entities stored: ${units.storedEntities.items} items written (${units.storedEntities.transactionalItems} in a transaction, 2x), ${units.storedEntities.bytes} bytes; with all entities new: ${units.newEntities.units} units, ${units.newEntities.items} items`,
      'measured',
    );

    // The handler answers the GraphiQL example operation on the sample article.
    const tableName = `bench-cold-${Date.now()}`;
    const sampleDb = new Db({ tableName, region: 'us-east-1', endpoint: local.endpoint });
    await ensureTable(sampleDb);
    await loadSamples(sampleDb);
    const bundle = await benchColdStart({ endpoint: local.endpoint, tableName });
    add(
      'bundleBytes',
      bundle.bundleBytes,
      `what a cold start loads; extraction (${bundle.lazyBytes} bytes) and the gazetteer load on the first ingest`,
      'measured',
    );
    add(
      'coldStartRatio',
      round(bundle.coldStartRatio),
      `handler ${round(bundle.handlerColdMs)} ms (import ${round(bundle.handlerImportMs)}) / yoga + Pothos + DynamoDB GetItem peer ${round(bundle.peerColdMs)} ms (import ${round(bundle.peerImportMs)}): medians of ${bundle.runs} fresh processes each, in pairs taking turns; median of the pairs' ratios ${bundle.pairedRatio}; ratio of CPU time ${bundle.cpuRatio}`,
      '< 1.3',
    );
  } finally {
    await local.stop();
    console.table(rows);
    if (values.json) console.log(JSON.stringify(result));
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
