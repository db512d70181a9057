/**
 * The example front end (web/) in a real browser: Chromium loads `/` from a real HTTP server
 * (the local host's page route in front of the GraphQL server) over DynamoDB Local with the
 * sample loaded, and what it draws is compared with what the API answers for the same filters.
 * A screenshot is saved to .artifacts/web.png (git-ignored).
 */
import { mkdirSync } from 'node:fs';
import { createServer as createHttpServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSamples } from '../lib/bootstrap.js';
import { withExamplePage } from '../server/web.js';
import { createTestDb, dataOf, graphqlCaller, ingest, type Caller } from './support.js';

const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
const SCREENSHOT = fileURLToPath(new URL('../.artifacts/web.png', import.meta.url));

/** A second story (written for this test) in which two parties give figures for one place. */
const BOTH_SIDES = {
  title: 'Both sides give casualty figures for Stepanakert',
  url: 'https://example.org/test/web/casualties',
  publishedAt: '2020-11-10T09:00:00Z',
  text: [
    'The Armenian Defense Ministry said 12 civilians were killed and 30 wounded in Stepanakert on Tuesday.',
    'The Azerbaijani Defense Ministry said 3 soldiers were killed in Stepanakert on Tuesday.',
  ].join('\n'),
};

let server: Server;
let browser: Browser;
let origin: string;
let call: Caller;

/** What the API lists for a filter: its claims, and the claim × resolved place pairs a map draws. */
async function expected(filter: Record<string, string> = {}) {
  const data = await dataOf(
    call(
      `query($kind: ClaimKind, $partyId: ID, $since: Date, $until: Date) {
        claims(kind: $kind, partyId: $partyId, since: $since, until: $until, first: 100) {
          edges { node { id locations { name latitude longitude } } }
          pageInfo { hasNextPage }
        }
      }`,
      filter,
    ),
  );
  expect(data.claims.pageInfo.hasNextPage).toBe(false);
  const claims = data.claims.edges.map((edge: any) => edge.node);
  const pairs = claims.flatMap((claim: any) =>
    claim.locations.filter((place: any) => place.latitude !== null).map((place: any) => [claim.id, place.name]),
  );
  return {
    claims: claims.map((claim: any) => claim.id).sort(),
    markers: pairs.map(([id]: string[]) => id).sort(),
    places: pairs.map(([, name]: string[]) => name).sort(),
  };
}

/** What the page drew: the claims of its markers, timeline marks and list, and the markers' places. */
async function drawn(page: Page) {
  await page.locator('body[data-state="ready"]').waitFor({ timeout: 30_000 });
  const ids = (selector: string) =>
    page
      .locator(selector)
      .evaluateAll((elements) => elements.map((element) => (element as HTMLElement).dataset.claimId));
  return {
    markers: (await ids('#map .marker')).sort(),
    places: (
      await page.locator('#map .marker').evaluateAll((elements) => elements.map((e) => e.getAttribute('data-place')))
    ).sort(),
    timeline: (await ids('#timeline .mark')).sort(),
    list: (await ids('#claim-list li')).sort(),
  };
}

async function openPage(): Promise<{ page: Page; requests: string[]; problems: string[] }> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
  const requests: string[] = [];
  const problems: string[] = [];
  page.on('request', (request) => requests.push(request.url()));
  page.on('requestfailed', (request) => problems.push(`failed: ${request.url()}`));
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') problems.push(`console: ${message.text()}`);
  });
  await page.goto(`${origin}/`);
  return { page, requests, problems };
}

beforeAll(async () => {
  const db = await createTestDb();
  await loadSamples(db);
  call = graphqlCaller(db);
  await ingest(call, BOTH_SIDES);
  server = createHttpServer(withExamplePage(call.yoga));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS });
});
afterAll(async () => {
  await browser?.close();
  await new Promise<void>((resolve) => server?.close(() => resolve()));
});

describe('the example front end', () => {
  it('draws every claim and resolved place the API lists, from this server alone, and is screenshotted', async () => {
    const { page, requests, problems } = await openPage();
    const shown = await drawn(page);
    const api = await expected();
    // The sample and the second story: 13 claims, 10 of them × places with coordinates.
    expect(api.claims).toHaveLength(13);
    expect(api.places).toHaveLength(10);
    expect(shown.markers).toEqual(api.markers);
    expect(shown.places).toEqual(api.places);
    expect(shown.timeline).toEqual(api.claims);
    expect(shown.list).toEqual(api.claims);
    // The world outline is drawn, from the npm package the server serves.
    expect(await page.locator('#map .country').count()).toBeGreaterThan(200);
    expect(await page.locator('#status').textContent()).toBe(
      '13 claims: 10 markers on the map, 4 claims with no resolved place.',
    );
    // Every marker and mark names its claim for a mouse and a screen reader.
    expect(await page.locator('#map .marker title').first().textContent()).toMatch(/^\S.*: .*“.+”/);
    expect(requests.filter((url) => !url.startsWith(`${origin}/`))).toEqual([]);
    expect(problems).toEqual([]);
    mkdirSync(fileURLToPath(new URL('../.artifacts/', import.meta.url)), { recursive: true });
    await page.screenshot({ path: SCREENSHOT, fullPage: true });
    await page.close();
  });

  it('redraws with the filters: kind, party and dates give what the API gives for them', async () => {
    const { page, problems } = await openPage();
    await drawn(page);
    const party = await page
      .locator('#party option', { hasText: 'Azerbaijani Defense Ministry' })
      .getAttribute('value');
    const steps: [string, () => Promise<unknown>, Record<string, string>][] = [
      [
        'kind',
        () => page.getByLabel('Kind', { exact: true }).selectOption('TERRITORIAL_CONTROL'),
        { kind: 'TERRITORIAL_CONTROL' },
      ],
      [
        'party',
        () => page.getByLabel('Party', { exact: true }).selectOption(party!),
        { kind: 'TERRITORIAL_CONTROL', partyId: party! },
      ],
      ['kind cleared', () => page.getByLabel('Kind', { exact: true }).selectOption(''), { partyId: party! }],
      [
        'until',
        () => page.getByLabel('To', { exact: true }).fill('2020-11-09'),
        { partyId: party!, until: '2020-11-09' },
      ],
      [
        'since',
        () => page.getByLabel('From', { exact: true }).fill('2020-11-10'),
        { partyId: party!, since: '2020-11-10' },
      ],
    ];
    const counts: number[] = [];
    for (const [step, act, filter] of steps) {
      if (step === 'since') await page.getByLabel('To', { exact: true }).fill('');
      await act();
      const shown = await drawn(page);
      const api = await expected(filter);
      expect({ step, markers: shown.markers, places: shown.places, timeline: shown.timeline }).toEqual({
        step,
        markers: api.markers,
        places: api.places,
        timeline: api.claims,
      });
      counts.push(shown.timeline.length);
    }
    // Each filter changed what is drawn (13 claims unfiltered).
    expect(counts).toEqual([2, 0, 5, 4, 1]);
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await expect.poll(async () => (await drawn(page)).timeline.length).toBe(13);
    expect(problems).toEqual([]);
    await page.close();
  });

  it("shows two parties' casualty figures for the same place side by side", async () => {
    const { page } = await openPage();
    await drawn(page);
    const table = page.locator('#casualties');
    expect(await table.locator('thead th').allInnerTexts()).toEqual([
      'Place',
      'Armenian Defense Ministry',
      'Azerbaijani Defense Ministry',
    ]);
    const first = table.locator('tbody tr').first();
    expect(await first.locator('th').textContent()).toBe('Stepanakert');
    expect(await first.locator('td').nth(0).locator('li').allInnerTexts()).toEqual(['12 killed', '30 wounded']);
    expect(await first.locator('td').nth(1).locator('li').allInnerTexts()).toEqual(['3 killed']);
    // Another party's figures (given with no place) replace the second column.
    await page.getByLabel('Second party').selectOption({ label: 'Nagorno Karabakh Defense Ministry' });
    const rows = await table.locator('tbody tr').evaluateAll((trs) =>
      trs.map((tr) =>
        [...(tr as HTMLTableRowElement).cells].map((cell) => {
          const items = [...cell.querySelectorAll('li')].map((item) => item.textContent);
          return items.length ? items : cell.textContent;
        }),
      ),
    );
    expect(rows).toEqual([
      ['Stepanakert', ['12 killed', '30 wounded'], '—'],
      ['No place named', '—', ['44 killed', '1,221 killed since 2020-09-27']],
    ]);
    await page.close();
  });

  it('a marker chosen on the map marks its claim in the list and on the timeline', async () => {
    const { page } = await openPage();
    await drawn(page);
    const marker = page.locator('#map .marker[data-place="Aghdra"]');
    const id = await marker.getAttribute('data-claim-id');
    await marker.focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('#claim-list li[aria-current="true"]').getAttribute('data-claim-id')).toBe(id);
    expect(await page.locator(`#timeline .mark.selected`).getAttribute('data-claim-id')).toBe(id);
    await page.close();
  });
});

describe('the page route', () => {
  const get = (path: string) =>
    new Promise<{ status: number; headers: Record<string, unknown> }>((resolve, reject) => {
      // node:http sends the path as written (fetch would resolve the dots first).
      request(`${origin}${path}`, (response) => {
        response.resume();
        resolve({ status: response.statusCode!, headers: response.headers });
      })
        .on('error', reject)
        .end();
    });

  it('serves its fixed list of files with a strict content security policy, and nothing beside them', async () => {
    const page = await get('/');
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.headers['content-security-policy']).toContain("default-src 'self'");
    expect((await get('/vendor/world-atlas/countries-50m.json')).status).toBe(200);
    expect((await get('/vendor/topojson-client/feature.js')).headers['content-type']).toBe(
      'text/javascript; charset=utf-8',
    );
    for (const path of ['/web/../package.json', '/vendor/topojson-client/../package.json', '/web/%2e%2e/package.json'])
      expect((await get(path)).status).toBe(404);
    // GraphQL is still answered behind it.
    const graphql = await fetch(`${origin}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    expect(await graphql.json()).toMatchObject({ data: { __typename: 'Query' } });
  });
});
