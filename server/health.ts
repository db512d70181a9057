/**
 * `GET /health`: whether this server can answer, that is, whether its table answers. One
 * GetItem of a key nothing writes (the cheapest read, and the only permission it needs is the
 * one every query needs), with a short timeout and no retries, so that a dead DynamoDB makes
 * a quick 503 rather than a hung load balancer probe.
 */
import { ResourceNotFoundException } from '@aws-sdk/client-dynamodb';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { Plugin } from 'graphql-yoga';
import type { Db } from '../lib/store/client.js';
import { DatabaseUnavailableError } from './cancel.js';

export const HEALTH_PATH = '/health';

export type Health = { status: 'ok' } | { status: 'unavailable'; reason: string };

/** Why the table did not answer, in words safe to show anyone (no endpoint, no table name). */
function reasonOf(error: unknown, timeoutMs: number): string {
  if (error instanceof Error && (error.name === 'AbortError' || error.name === 'TimeoutError'))
    return `DynamoDB did not answer within ${timeoutMs} ms`;
  if (error instanceof DatabaseUnavailableError) return 'DynamoDB refused the connection';
  if (error instanceof ResourceNotFoundException) return 'the table does not exist';
  return `DynamoDB answered with an error${error instanceof Error ? ` (${error.name})` : ''}`;
}

export async function checkHealth(db: Db, timeoutMs: number): Promise<Health> {
  try {
    await db.documents.send(
      new GetCommand({ TableName: db.tableName, Key: { pk: 'HEALTH', sk: 'HEALTH' } }),
      // The SDK would retry a silent or failing endpoint for seconds: the timeout bounds them all.
      { abortSignal: AbortSignal.timeout(timeoutMs) },
    );
    return { status: 'ok' };
  } catch (error) {
    return { status: 'unavailable', reason: reasonOf(error, timeoutMs) };
  }
}

/** Answers `GET /health` (and HEAD) before any GraphQL handling; other paths pass through. */
export function useHealth(db: Db, timeoutMs: number): Plugin {
  return {
    async onRequest({ request, url, endResponse, fetchAPI }) {
      if (url.pathname !== HEALTH_PATH) return;
      if (request.method !== 'GET' && request.method !== 'HEAD') {
        endResponse(new fetchAPI.Response(null, { status: 405, headers: { allow: 'GET, HEAD' } }));
        return;
      }
      const health = await checkHealth(db, timeoutMs);
      endResponse(
        new fetchAPI.Response(request.method === 'HEAD' ? null : JSON.stringify(health), {
          status: health.status === 'ok' ? 200 : 503,
          headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' },
        }),
      );
    },
  };
}
