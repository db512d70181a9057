/**
 * A DynamoDB endpoint whose answers the test lets through: an HTTP proxy in front of the
 * run's DynamoDB Local that can hold every request until told to forward it. With it a test
 * decides what is in flight when a client hangs up or a budget runs out, without sleeping.
 */
import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Gate {
  endpoint: string;
  /** Requests that reached the proxy. */
  readonly arrived: number;
  /** Requests whose answers went back to the client. */
  readonly answered: number;
  /** Hold new requests (true) or forward them as they come (false). */
  hold(on: boolean): void;
  /** Forwards every held request. */
  release(): void;
  /** Resolves when `arrived` reaches `n`. */
  arrival(n: number): Promise<void>;
  close(): Promise<void>;
}

export async function openGate(target: string): Promise<Gate> {
  let holding = false;
  let arrived = 0;
  let answered = 0;
  const held: (() => void)[] = [];
  const waiters: { n: number; resolve: () => void }[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      arrived += 1;
      for (const waiter of waiters.filter((w) => arrived >= w.n)) waiter.resolve();
      const forward = () => {
        const upstream = httpRequest(`${target}${req.url}`, { method: req.method, headers: req.headers }, (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
          answer.on('end', () => (answered += 1));
        });
        upstream.on('error', () => res.destroy());
        upstream.end(Buffer.concat(chunks));
      };
      if (holding) held.push(forward);
      else forward();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    get arrived() {
      return arrived;
    },
    get answered() {
      return answered;
    },
    hold(on) {
      holding = on;
    },
    release() {
      for (const forward of held.splice(0)) forward();
    },
    arrival(n) {
      return arrived >= n ? Promise.resolve() : new Promise((resolve) => waiters.push({ n, resolve }));
    },
    close() {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

/** A port nothing listens on: connections to it are refused, as with a killed DynamoDB Local. */
export async function deadEndpoint(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}
