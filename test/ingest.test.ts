import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { createDataContext } from '../lib/data.js';
import type { Db } from '../lib/dynamo.js';
import { extract } from '../lib/extract/index.js';
import { compareVersions, ingestArticle, type Extractor } from '../lib/ingest.js';
import { createTestDb, scanTable } from './support.js';

const SAMPLE = readFileSync(new URL('../data/samples/karabakh-shushi.txt', import.meta.url), 'utf8');
const INPUT = { text: SAMPLE, url: 'https://example.org/reextract', publishedAt: '2020-11-09T12:00:00Z' };
/** The real extractor, labelled as an older release of itself. */
const olderExtractor: Extractor = (raw, meta) => ({ ...extract(raw, meta), extractorVersion: '0.0.1' });

let db: Db;
beforeAll(async () => {
  db = await createTestDb();
});

const claimItemsOf = async (articleId: string) =>
  (await scanTable(db)).filter((item) => String(item.pk).startsWith('CLAIM#') && item.articleId === articleId);
const linksTo = async (claimIds: string[]) =>
  (await scanTable(db)).filter((item) => String(item.sk).startsWith('CLAIM#') && claimIds.includes(String(item.sk).split('#').at(-1)!));

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
    expect((await claimItemsOf(old.article.id)).map((claim) => claim.id).sort()).toEqual([...newer.article.claimIds].sort());
  });

  it('compares versions numerically', () => {
    expect(compareVersions('0.10.0', '0.9.2')).toBe(1);
    expect(compareVersions('1.0', '1.0.0')).toBe(0);
    expect(compareVersions('0.1.0', '0.2.0')).toBe(-1);
  });

  it('stores an article whose writes exceed one transaction, in steps that leave it whole', async () => {
    const places = ['Kharkiv', 'Odesa', 'Kherson', 'Mykolaiv', 'Zaporizhzhia', 'Dnipro', 'Poltava', 'Sumy', 'Chernihiv', 'Lviv', 'Bakhmut', 'Donetsk'];
    const text = Array.from({ length: 45 }, (_, i) => `The Ukrainian Defence Ministry said on Monday that Russian forces shelled ${places[i % places.length]} and ${places[(i + 5) % places.length]} overnight, killing ${i + 2} civilians.`).join('\n');
    const result = await ingestArticle(createDataContext(db), { text, url: 'https://example.org/long', publishedAt: '2024-03-05T10:00:00Z' });
    expect(result.created).toBe(true);
    const claims = await claimItemsOf(result.article.id);
    expect(claims.length).toBe(result.article.claimIds.length);
    expect(claims.length).toBeGreaterThanOrEqual(40);
    const links = await linksTo(result.article.claimIds);
    expect(claims.length + links.length).toBeGreaterThan(100);
  });
});
