import { createServer as createHttpServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { renderGraphiQL } from '@graphql-yoga/render-graphiql';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSamples } from '../lib/bootstrap.js';
import { createServer } from '../server/server.js';
import { createTestDb } from './support.js';

// Chromium with the network quiet: this machine reaches nothing but the registries.
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

let server: Server;
let browser: Browser;
let url: string;
let sampleTitle: string;
beforeAll(async () => {
  const db = await createTestDb();
  const [sample] = await loadSamples(db);
  sampleTitle = sample!.article.title!;
  server = createHttpServer(createServer({ db, renderGraphiQL }));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS });
});
afterAll(async () => {
  await browser?.close();
  await new Promise<void>((resolve) => server?.close(() => resolve()));
});

describe('GraphiQL in a real browser', () => {
  it('loads offline, runs the default operation and shows the sample article', async () => {
    const page = await browser.newPage();
    const failed: string[] = [];
    page.on('requestfailed', (request) => failed.push(request.url()));
    await page.goto(url, { waitUntil: 'load' });
    const run = page.locator('.graphiql-execute-button');
    await run.waitFor({ timeout: 30_000 });
    await run.click();
    const result = page.locator('.graphiql-response');
    // The result pane wraps long lines: compare with whitespace collapsed.
    const shown = async () => (await result.innerText()).replace(/\s+/g, ' ');
    await expect.poll(shown, { timeout: 30_000 }).toContain(sampleTitle);
    expect(await shown()).toContain('"claimant": { "name": "Armenian Defense Ministry"');
    expect(failed).toEqual([]);
  });

  it('loads the schema into the Docs pane: Query, and Claim with its fields', async () => {
    const page = await browser.newPage();
    await page.goto(url, { waitUntil: 'load' });
    const docs = page.locator('.graphiql-sidebar button[aria-label="Show Documentation Explorer"]');
    await docs.waitFor({ timeout: 30_000 });
    await docs.click();
    const explorer = page.locator('.graphiql-doc-explorer');
    await expect.poll(() => explorer.innerText(), { timeout: 30_000 }).toMatch(/All Schema Types/);
    expect(await explorer.innerText()).not.toMatch(/Error fetching schema/);
    await expect
      .poll(() => page.locator('.graphiql-doc-explorer-root-type', { hasText: 'Query' }).count())
      .toBeGreaterThan(0);
    await page
      .locator('.graphiql-doc-explorer-type-name', { hasText: /^Claim$/ })
      .first()
      .click();
    await expect
      .poll(() => page.locator('.graphiql-doc-explorer-title').innerText(), { timeout: 30_000 })
      .toBe('Claim');
    expect(await explorer.innerText()).toMatch(/claimant/);
  });
});
