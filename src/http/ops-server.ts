/**
 * The operators' HTTP endpoint: `/healthz` for orchestrators and `/metrics` for Prometheus. Plain
 * node:http; it never sees user data.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Registry } from 'prom-client';

/** What /healthz reports: ready only when nothing is listed in `notReady`. */
export interface Readiness {
  knowledge: { loaded: boolean; causes: number };
  adapters: { name: string; ready: boolean }[];
}

export interface OpsServerOptions {
  host: string;
  /** 0 picks a free port (tests) */
  port: number;
  registry: Registry;
  readiness: () => Readiness;
  /** told about request failures (e.g. a metric collector throwing) */
  onError?: (error: unknown) => void;
}

export interface OpsServer {
  /** Listens; resolves with the bound port. */
  start(): Promise<{ port: number }>;
  close(): Promise<void>;
}

function sendJson(res: http.ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}

/** The /healthz body: what is not ready, by name, so an operator sees at once which part is down. */
export function healthOf(readiness: Readiness): {
  status: 'ok' | 'unavailable';
  body: Record<string, unknown>;
} {
  const notReady = [
    ...(readiness.knowledge.loaded ? [] : ['knowledge']),
    ...readiness.adapters.filter((a) => !a.ready).map((a) => `adapter:${a.name}`),
  ];
  const status = notReady.length === 0 ? 'ok' : 'unavailable';
  return {
    status,
    body: {
      status,
      knowledge: readiness.knowledge,
      adapters: Object.fromEntries(readiness.adapters.map((a) => [a.name, a.ready ? 'ready' : 'not ready'])),
      ...(notReady.length > 0 ? { notReady } : {}),
    },
  };
}

export function createOpsServer(options: OpsServerOptions): OpsServer {
  const server = http.createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://ops.invalid').pathname;
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD' }).end();
      return;
    }
    if (path === '/healthz') {
      const health = healthOf(options.readiness());
      sendJson(res, health.status === 'ok' ? 200 : 503, health.body);
      return;
    }
    if (path === '/metrics') {
      options.registry.metrics().then(
        (text) => {
          res.writeHead(200, { 'content-type': options.registry.contentType });
          res.end(text);
        },
        (error: unknown) => {
          options.onError?.(error);
          sendJson(res, 500, { error: 'metrics unavailable' });
        },
      );
      return;
    }
    sendJson(res, 404, { error: 'not found', endpoints: ['/healthz', '/metrics'] });
  });

  return {
    start: () =>
      new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(options.port, options.host, () => {
          server.off('error', reject);
          resolve({ port: (server.address() as AddressInfo).port });
        });
      }),
    close: () =>
      new Promise((resolve) => {
        if (!server.listening) return resolve();
        server.close(() => resolve());
        // Scrapers hold keep-alive connections; do not let them delay shutdown.
        server.closeIdleConnections();
      }),
  };
}
