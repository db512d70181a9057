import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { inject } from 'vitest';
import { createClaim, updateClaim } from '../lib/claim.js';
import { createDataContext, loadClaims, loadExisting } from '../lib/store/loaders.js';
import { Db } from '../lib/store/client.js';
import { extract } from '../lib/extract/index.js';
import { compareVersions, ingestArticle, type Extractor } from '../lib/ingest.js';
import { checkInvariants, leftovers } from '../lib/store/integrity.js';
import { LIMITS } from '../lib/validate.js';
import { injectFaults, type FaultOptions } from './fault-injection.js';
import { createTestDb, dataOf, graphqlCaller, scanTable } from './support.js';

const SAMPLE = readFileSync(new URL('../data/samples/karabakh-shushi.txt', import.meta.url), 'utf8');
const INPUT = { text: SAMPLE, url: 'https://example.org/reextract', publishedAt: '2020-11-09T12:00:00Z' };
/** The real extractor, labelled as an older release of itself. */
const olderExtractor: Extractor = (raw, meta) => ({ ...extract(raw, meta), extractorVersion: '0.0.1' });

/** A Db over the same table with its own client, failing as `faults` says. */
function faultyDb(clean: Db, faults: FaultOptions) {
  const endpoint = inject('dynamodbEndpoint');
  const client = new DynamoDBClient({
    region: 'us-east-1',
    endpoint,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    maxAttempts: 2,
  });
  return {
    db: new Db({ tableName: clean.tableName, region: 'us-east-1', endpoint, client }),
    faults: injectFaults(client, faults),
  };
}

let db: Db;
beforeAll(async () => {
  db = await createTestDb();
});

const claimItemsOf = async (articleId: string) =>
  (await scanTable(db)).filter((item) => String(item.pk).startsWith('CLAIM#') && item.articleId === articleId);
const linksTo = async (claimIds: string[]) =>
  (await scanTable(db)).filter(
    (item) => String(item.sk).startsWith('CLAIM#') && claimIds.includes(String(item.sk).split('#').at(-1)!),
  );

describe('ingestArticle and extractor versions', () => {
  it('replaces the claims of an article extracted by an older extractor, leaving none of the old', async () => {
    const old = await ingestArticle(createDataContext(db), INPUT, olderExtractor);
    expect(old.created).toBe(true);
    const oldClaims = await claimItemsOf(old.article.id);
    expect(oldClaims.length).toBeGreaterThan(3);
    expect(oldClaims.every((claim) => claim.extractorVersion === '0.0.1')).toBe(true);
    expect((await linksTo(old.article.claimIds)).length).toBeGreaterThan(0);

    const newer = await ingestArticle(createDataContext(db), INPUT);
    expect(newer).toMatchObject({ created: false, reextracted: true });
    expect(newer.article.id).toBe(old.article.id);
    const current = await claimItemsOf(old.article.id);
    expect(current.map((claim) => claim.id).sort()).toEqual([...newer.article.claimIds].sort());
    expect(current.every((claim) => claim.extractorVersion === newer.article.extractorVersion)).toBe(true);
    expect(await linksTo(old.article.claimIds)).toEqual([]);

    const again = await ingestArticle(createDataContext(db), INPUT, olderExtractor);
    expect(again).toMatchObject({ created: false, reextracted: false });
    expect((await claimItemsOf(old.article.id)).map((claim) => claim.id).sort()).toEqual(
      [...newer.article.claimIds].sort(),
    );
  });

  it('compares versions numerically', () => {
    expect(compareVersions('0.10.0', '0.9.2')).toBe(1);
    expect(compareVersions('1.0', '1.0.0')).toBe(0);
    expect(compareVersions('0.1.0', '0.2.0')).toBe(-1);
  });

  it('stores an article whose writes exceed one transaction, in steps that leave it whole', async () => {
    const places = [
      'Kharkiv',
      'Odesa',
      'Kherson',
      'Mykolaiv',
      'Zaporizhzhia',
      'Dnipro',
      'Poltava',
      'Sumy',
      'Chernihiv',
      'Lviv',
      'Bakhmut',
      'Donetsk',
    ];
    const text = Array.from(
      { length: 45 },
      (_, i) =>
        `The Ukrainian Defence Ministry said on Monday that Russian forces shelled ${places[i % places.length]} and ${places[(i + 5) % places.length]} overnight, killing ${i + 2} civilians.`,
    ).join('\n');
    const result = await ingestArticle(createDataContext(db), {
      text,
      url: 'https://example.org/long',
      publishedAt: '2024-03-05T10:00:00Z',
    });
    expect(result.created).toBe(true);
    const claims = await claimItemsOf(result.article.id);
    expect(claims.length).toBe(result.article.claimIds.length);
    expect(claims.length).toBeGreaterThanOrEqual(40);
    const links = await linksTo(result.article.claimIds);
    expect(claims.length + links.length).toBeGreaterThan(100);
  });
});

describe('human work and re-extraction', () => {
  it('keeps hand-made claims and person-changed fields, and a reviewed claim found again keeps its ID, status and version count', async () => {
    const input = { ...INPUT, text: `${SAMPLE}\nKept.`, url: 'https://example.org/reextract-kept' };
    const data = () => createDataContext(db);
    const old = await ingestArticle(data(), input, olderExtractor);
    const [first, second] = await loadExisting(loadClaims, data(), old.article.claimIds);
    // A reviewer verifies one claim, another gets a corrected kind; one claim is made by hand.
    const reviewed = await updateClaim(data(), first!.id, 1, { status: 'VERIFIED' });
    const corrected = await updateClaim(data(), second!.id, 1, { kind: 'DENIAL' });
    const handMade = await createClaim(data(), {
      articleId: old.article.id,
      content: { start: 0, end: 12 },
      kind: 'OTHER',
    });

    const newer = await ingestArticle(data(), input);
    expect(newer.reextracted).toBe(true);
    const claims = await loadExisting(loadClaims, data(), newer.article.claimIds);
    const byId = new Map(claims.map((claim) => [claim.id, claim]));
    // The reviewed claim: same ID, its status kept, its version counting on, the new extractor's fields.
    expect(byId.get(reviewed.id)).toMatchObject({
      status: 'VERIFIED',
      version: reviewed.version + 1,
      extractorVersion: newer.article.extractorVersion,
      content: reviewed.content,
    });
    expect(byId.get(corrected.id)).toMatchObject({ kind: 'DENIAL', version: corrected.version + 1 });
    expect(byId.get(handMade.id)).toMatchObject({ kind: 'OTHER', extractorVersion: null, version: 1 });
    // Found again, not duplicated: one claim per content span among the new extractor's.
    const sameSpan = claims.filter(
      (claim) => claim.content.start === reviewed.content.start && claim.content.end === reviewed.content.end,
    );
    expect(sameSpan.map((claim) => claim.id)).toEqual([reviewed.id]);
    // Every other claim of the older extractor is gone, and the table holds nothing unseen.
    expect(claims.filter((claim) => claim.extractorVersion === '0.0.1')).toEqual([]);
    expect(leftovers(await scanTable(db))).toEqual([]);
    expect(checkInvariants(await scanTable(db))).toEqual([]);
  });

  it('never shows the old and new sets side by side, whichever write of the replacement stops', async () => {
    const input = { ...INPUT, text: `${SAMPLE}\nSteps.`, url: 'https://example.org/reextract-steps' };
    for (let nth = 1; ; nth++) {
      const clean = await createTestDb();
      const old = await ingestArticle(createDataContext(clean), input, olderExtractor);
      const { db: faulty, faults } = faultyDb(clean, {
        only: 'writes',
        failInvocations: [nth],
        invocationFault: 'validation',
      });
      const outcome = await ingestArticle(createDataContext(faulty), input).then(
        () => 'done',
        () => 'failed',
      );
      const listed = await dataOf(
        graphqlCaller(clean)(`{ claims(first: 100) { edges { node { id extractorVersion } } } }`),
      );
      const versions = new Set(listed.claims.edges.map((edge: any) => edge.node.extractorVersion));
      expect(versions.size, `write ${nth}: ${[...versions].join(', ')}`).toBe(1);
      if (versions.has('0.0.1')) expect(listed.claims.edges.length).toBe(old.article.claimIds.length);
      expect(checkInvariants(await scanTable(clean))).toEqual([]);
      // A retry converges on the new set with nothing left over.
      faults.setEnabled(false);
      const retried = await ingestArticle(createDataContext(clean), input);
      expect(retried.article.extractorVersion).not.toBe('0.0.1');
      expect(leftovers(await scanTable(clean))).toEqual([]);
      if (outcome === 'done') break;
    }
  }, 240_000);
});

describe('real-world input shapes', () => {
  it('stores two names of one party as one party, one mention, one name entry each', async () => {
    const text = [
      'The Armenian Defense Ministry said Azerbaijani forces shelled Stepanakert on Monday.',
      'Armenian Defense Ministry spokeswoman Shushan Stepanyan said the town of Martuni was also hit.',
      'Later, the Armenian Defense Ministry said fighting continued near Hadrut.',
    ].join('\n');
    const result = await ingestArticle(createDataContext(db), {
      text,
      url: 'https://example.org/two-names',
      publishedAt: '2020-10-05T08:00:00Z',
    });
    expect(new Set(result.article.partyIds).size).toBe(result.article.partyIds.length);
    const call = graphqlCaller(db);
    for (const name of ['The Armenian Defense Ministry', 'Armenian Defense Ministry']) {
      const found = await dataOf(
        call(`query($name: String!) { resolve(name: $name) { parties { edges { node { id } } } } }`, { name }),
      );
      expect(found.resolve.parties.edges).toHaveLength(1);
    }
    expect(checkInvariants(await scanTable(db))).toEqual([]);
  });

  it('is one article whatever link leads to it, and links the same text found at other URLs', async () => {
    const text = 'The Azerbaijani Defense Ministry said on Tuesday that its forces had taken the village of Talish.';
    const base = 'https://news.example.org/2020/10/talish';
    const first = await ingestArticle(createDataContext(db), { text, url: base, publishedAt: '2020-10-06T08:00:00Z' });
    for (const url of [
      `${base}/`,
      'http://news.example.org/2020/10/talish',
      `${base}?ref=rss`,
      `${base}?utm_source=x&utm_medium=y`,
      `${base}#comments`,
      'https://WWW.news.example.org/2020/10/talish',
    ]) {
      const again = await ingestArticle(createDataContext(db), { text, url });
      expect(again, url).toMatchObject({ created: false, article: { id: first.article.id } });
    }
    const withQuery = await ingestArticle(createDataContext(db), {
      text: `${text} Updated.`,
      url: 'https://x.example/a?b=2&a=1',
    });
    expect(
      (await ingestArticle(createDataContext(db), { text: 'other text', url: 'https://x.example/a?a=1&b=2' })).article
        .id,
    ).toBe(withQuery.article.id);
    // The same text at five other addresses: one article that knows all of them.
    for (let i = 0; i < 5; i++) {
      const mirrored = await ingestArticle(createDataContext(db), {
        text,
        url: `https://mirror${i}.example.com/story`,
      });
      expect(mirrored).toMatchObject({ created: false, article: { id: first.article.id } });
    }
    const article = await dataOf(
      graphqlCaller(db)(`query($id: ID!) { node(id: $id) { ... on Article { urls } } }`, {
        id: Buffer.from(`Article:${first.article.id}`).toString('base64url'),
      }),
    );
    expect(article.node.urls).toEqual([
      'https://news.example.org/2020/10/talish',
      ...Array.from({ length: 5 }, (_, i) => `https://mirror${i}.example.com/story`),
    ]);
  });

  it('refuses an article over the bounds of one article before writing anything', async () => {
    const clean = await createTestDb();
    const text = Array.from({ length: 5000 }, (_, i) => `Ministry ${i} said the talks would continue.`)
      .join('\n')
      .slice(0, 200 * 1024);
    const result = await graphqlCaller(clean)(
      `mutation($text: String!) { ingestArticle(input: { text: $text }) { article { id } userErrors { field code message } } }`,
      { text },
    );
    expect(result.errors).toBeUndefined();
    const payload = result.data.ingestArticle;
    if (payload.article === null) {
      expect(payload.userErrors).toEqual([
        expect.objectContaining({ field: ['input', 'text'], code: 'VALIDATION_FAILED' }),
      ]);
      expect(await scanTable(clean)).toEqual([]);
    } else {
      // Extraction kept within the bounds on its own: the article is whole.
      const items = await scanTable(clean);
      expect(checkInvariants(items)).toEqual([]);
      expect(
        items.filter((item) => String(item.pk).startsWith('PARTY#') && item.sk === 'PARTY').length,
      ).toBeLessThanOrEqual(LIMITS.partiesPerArticle);
    }
  }, 120_000);

  it('keeps one place per unresolved name, however many articles mention it', async () => {
    const clean = await createTestDb();
    const fake: Extractor = (raw, meta) => {
      const extraction = extract(raw, meta);
      return {
        ...extraction,
        locations: [
          {
            key: 'x',
            name: 'Qaraqaya Heights',
            aliases: [],
            latitude: null,
            longitude: null,
            countryCode: null,
            precision: 'UNRESOLVED',
            geonamesId: null,
            candidates: [],
            mentions: [],
          },
        ],
      };
    };
    for (let i = 0; i < 5; i++)
      await ingestArticle(
        createDataContext(clean),
        { text: `Report ${i}: shelling was heard near Qaraqaya Heights.`, url: `https://example.org/q${i}` },
        fake,
      );
    const found = await dataOf(
      graphqlCaller(clean)(
        `{ resolve(name: "qaraqaya heights") { locations(first: 10) { edges { node { id precision articles(first: 10) { edges { node { id } } } } } } } }`,
      ),
    );
    expect(found.resolve.locations.edges).toHaveLength(1);
    expect(found.resolve.locations.edges[0].node.articles.edges).toHaveLength(5);
  });
});
