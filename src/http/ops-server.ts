/**
 * The operators' HTTP endpoint: `/healthz` for orchestrators, `/metrics` for Prometheus and, when
 * an engine is given, `POST /v1/diagnose` for providers' support tools (the only route that sees
 * user text; it answers from the engine's redacted output). Plain node:http, no authentication:
 * it belongs on a trusted network only.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Registry } from 'prom-client';
import type { Engine } from '../engine/types.ts';
import { DIAGNOSE_PATH, handleDiagnose } from './diagnose-api.ts';

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
  /** the engine in service now; serves POST /v1/diagnose when set (a getter: reloads swap it) */
  engine?: () => Engine;
  /** clock for diagnoses that give no `now`; default Date.now */
  now?: () => number;
  /** told the status of every /v1/diagnose answer (metrics) */
  onApiRequest?: (status: number) => void;
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
    const engine = options.engine;
    if (path === DIAGNOSE_PATH && engine) {
      handleDiagnose(req, res, {
        engine,
        now: options.now ?? Date.now,
        onRequest: options.onApiRequest,
        onError: options.onError,
      }).catch((error: unknown) => {
        options.onError?.(error);
        if (!res.headersSent) sendJson(res, 500, { error: 'internal' });
      });
      return;
    }
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
    sendJson(res, 404, {
      error: 'not found',
      endpoints: ['/healthz', '/metrics', ...(engine ? [DIAGNOSE_PATH] : [])],
    });
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
