/**
 * `geojsonRequests`: the DynamoDB requests of a 100-claim `claimsGeoJSON` page, on a generated
 * corpus of six years of reports from the Nagorno-Karabakh front (several claims an article,
 * as in the sample), with a map viewport's box and without one.
 */
import { ensureTable } from '../lib/bootstrap.js';
import { Db } from '../lib/store/client.js';
import { createDataContext } from '../lib/store/loaders.js';
import { ingestArticle } from '../lib/ingest.js';
import { createServer } from '../server/server.js';

const SPEAKERS = ['The Armenian Defense Ministry', 'The Azerbaijani Defense Ministry', 'President Ilham Aliyev'];
const PLACES = ['Stepanakert', 'Shusha', 'Martuni', 'Hadrut', 'Ganja'];

/** The n-th report: a day in 2015–2020, five attributed sentences about places of the front. */
function report(n: number) {
  const day = new Date(Date.UTC(2015, 0, 1) + ((n * 7919) % (6 * 365)) * 86_400_000).toISOString().slice(0, 10);
  const pick = <T>(list: T[], salt: number) => list[(n * 31 + salt * 17) % list.length]!;
  const lines = Array.from(
    { length: 5 },
    (_, i) => `${pick(SPEAKERS, i)} said enemy forces shelled ${pick(PLACES, i + 3)} on Monday.`,
  );
  return {
    text: [...lines, `Report ${n} from the front.`].join('\n'),
    url: `https://geojson.example/${day}/${n}`,
    publishedAt: `${day}T08:00:00Z`,
  };
}

/** The viewport of a map of the Nagorno-Karabakh front. */
export const KARABAKH = { west: 45.5, south: 39.2, east: 47.5, north: 40.8 };

export interface GeoJSONBench {
  requests: number;
  roundTrips: number;
  features: number;
  claims: number;
  byCommand: Record<string, number>;
  worldRequests: number;
}

export async function benchGeoJSON(endpoint: string, articles = 40): Promise<GeoJSONBench> {
  const db = new Db({ tableName: `bench-geojson-${Date.now()}`, region: 'us-east-1', endpoint });
  await ensureTable(db);
  for (let n = 0; n < articles; n += 4) {
    await Promise.all(
      Array.from({ length: Math.min(4, articles - n) }, (_, i) => ingestArticle(createDataContext(db), report(n + i))),
    );
  }
  const yoga = createServer({ db, logError: () => {} });
  const ask = async (variables: Record<string, unknown>) => {
    db.counter.reset();
    const response = await yoga.fetch('http://claimgraph.bench/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query: 'query($bbox: BoundingBoxInput) { claimsGeoJSON(bbox: $bbox, first: 100) }',
        variables,
      }),
    });
    const body = (await response.json()) as { data?: { claimsGeoJSON: any }; errors?: unknown };
    if (body.errors) throw new Error(JSON.stringify(body.errors));
    return body.data!.claimsGeoJSON;
  };
  const world = await ask({});
  const worldRequests = db.counter.total;
  if (!world.hasNextPage) throw new Error('the corpus holds fewer than 100 claims: make it larger');
  const collection = await ask({ bbox: KARABAKH });
  return {
    requests: db.counter.total,
    roundTrips: db.counter.roundTrips,
    byCommand: { ...db.counter.byCommand },
    features: collection.features.length,
    claims: new Set(collection.features.map((feature: any) => feature.properties.claimId)).size,
    worldRequests,
  };
}
