/**
 * CORS through real HTTP: a configured origin may read answers (no credentials), another
 * gets no CORS headers at all (its browser withholds the answer), preflights alike; with no
 * configuration only pages on this machine may.
 */
import { createServer as createHttpServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, readConfig } from '../lib/config.js';
import type { Db } from '../lib/store/client.js';
import { originAllowed } from '../server/cors.js';
import { createServer, settingsFrom } from '../server/server.js';
import { createTestDb } from './support.js';

const ALLOWED = 'https://news.example.org';

let db: Db;
const servers: Server[] = [];

async function listen(env: Record<string, string>): Promise<string> {
  const server = createHttpServer(createServer({ db, logError: () => {}, ...settingsFrom(readConfig(env)) }));
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
}

beforeAll(async () => {
  db = await createTestDb();
});
afterAll(() => Promise.all(servers.map((server) => new Promise<void>((resolve) => server.close(() => resolve())))));

const query = (url: string, origin: string) =>
  fetch(`${url}?${new URLSearchParams({ query: '{ __typename }' })}`, {
    headers: { origin, accept: 'application/json' },
  });
const preflight = (url: string, origin: string) =>
  fetch(url, {
    method: 'OPTIONS',
    headers: {
      origin,
      'access-control-request-method': 'POST',
      'access-control-request-headers': 'content-type, authorization',
    },
  });

describe('CORS_ORIGINS=https://news.example.org, https://maps.example.org', () => {
  let url: string;
  beforeAll(async () => {
    url = await listen({ CORS_ORIGINS: `${ALLOWED}, https://maps.example.org` });
  });

  it('lets a configured origin read answers, without credentials', async () => {
    const response = await query(url, ALLOWED);
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBe(ALLOWED);
    expect(response.headers.get('access-control-allow-credentials')).toBeNull();
    expect(response.headers.get('access-control-expose-headers')).toBe('etag');
    expect(response.headers.get('vary')).toContain('Origin');
  });

  it('answers its preflight with the methods and headers a front end sends', async () => {
    const response = await preflight(url, 'https://maps.example.org');
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe('https://maps.example.org');
    expect(response.headers.get('access-control-allow-methods')).toBe('GET, POST');
    expect(response.headers.get('access-control-allow-headers')).toContain('authorization');
    expect(response.headers.get('access-control-allow-credentials')).toBeNull();
    expect(Number(response.headers.get('access-control-max-age'))).toBeGreaterThan(0);
  });

  it('gives any other origin no CORS headers, however it asks (a sandboxed page\'s "null" too)', async () => {
    for (const origin of ['https://evil.example', 'null', 'http://localhost:5173', `${ALLOWED}.evil.example`]) {
      for (const response of [await query(url, origin), await preflight(url, origin)]) {
        expect(response.headers.get('access-control-allow-origin'), origin).toBeNull();
        expect(response.headers.get('access-control-allow-credentials')).toBeNull();
      }
    }
  });
});

describe('no CORS_ORIGINS: pages of this machine only', () => {
  it('allows localhost, 127.0.0.1 and [::1] on any port, and nothing else', async () => {
    const url = await listen({});
    for (const origin of ['http://localhost:5173', 'http://127.0.0.1:4000', 'http://[::1]:8080']) {
      expect((await query(url, origin)).headers.get('access-control-allow-origin'), origin).toBe(origin);
    }
    for (const origin of [ALLOWED, 'http://localhost.evil.example', 'null']) {
      expect((await preflight(url, origin)).headers.get('access-control-allow-origin'), origin).toBeNull();
    }
  });

  it('reads CORS_ORIGINS strictly, and "*" allows any origin without credentials', () => {
    expect(originAllowed('https://anything.example', ['*'])).toBe(true);
    expect(() => readConfig({ CORS_ORIGINS: 'news.example.org' })).toThrow(ConfigError);
    expect(() => readConfig({ CORS_ORIGINS: 'https://news.example.org/graphql' })).toThrow(/CORS_ORIGINS/);
    expect(() => readConfig({ ALLOWED_ORIGINS: 'https://news.example.org' })).toThrow(/CORS_ORIGINS/);
  });
});
