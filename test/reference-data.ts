/**
 * The reference workload of the request-count test and the benchmark: 20 articles with
 * 6 claims each, every claim with a claimant and two places.
 */
import { createClaim, createLocation, createParty, ingest, plainText, type Caller } from './support.js';

export const REFERENCE_QUERY = `{
  articles(first: 20) {
    edges { node { claims(first: 10) { edges { node { claimant { name } locations { name } } } } } }
  }
}`;

export const REFERENCE_ARTICLES = 20;
export const CLAIMS_PER_ARTICLE = 6;

export async function seedReferenceData(call: Caller): Promise<void> {
  const parties = await Promise.all(
    Array.from({ length: 5 }, (_, i) => createParty(call, { name: `Reference Party ${i}`, kind: 'GOVERNMENT_BODY' })),
  );
  const locations = await Promise.all(
    Array.from({ length: 8 }, (_, i) =>
      createLocation(call, { name: `Reference Place ${i}`, latitude: 40 + i / 10, longitude: 45 }),
    ),
  );
  for (let a = 0; a < REFERENCE_ARTICLES; a++) {
    const article = await ingest(call, {
      text: plainText(1000 + a),
      publishedAt: `2024-07-${String(a + 1).padStart(2, '0')}T09:00:00Z`,
    });
    for (let c = 0; c < CLAIMS_PER_ARTICLE; c++) {
      await createClaim(call, {
        articleId: article.id,
        claimantId: parties[(a + c) % parties.length],
        locationIds: [locations[c % 8], locations[(c + 1 + (a % 7)) % 8]],
        content: { start: c, end: c + 10 },
        kind: 'ATTACK',
      });
    }
  }
}
