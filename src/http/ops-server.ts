/**
 * The HTTP server: the operators' routes (`/healthz`, `/metrics`, in ops-routes.ts) and, when an
 * engine is given, the product API `POST /v1/diagnose` (diagnose-api.ts) behind its guard (token,
 * per-client rate and concurrency). It binds 127.0.0.1 unless told otherwise, and bounds how long
 * a client may take to send its headers and its request and how many connections it may hold.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Registry } from 'prom-client';
import type { Engine } from '../engine/types.ts';
import { createApiGuard } from './api-guard.ts';
import { DIAGNOSE_PATH, handleDiagnose } from './diagnose-api.ts';
import { handleOpsRoute, type Readiness, sendJson } from './ops-routes.ts';

export { healthOf, type Readiness } from './ops-routes.ts';

/** Limits of the server itself, named so operators and tests can find them. */
export const SERVER_LIMITS: Readonly<{
  headersTimeoutMs: number;
  requestTimeoutMs: number;
  keepAliveTimeoutMs: number;
  maxConnections: number;
  maxHeadersCount: number;
}> = {
  /** a client must send its request headers within this time */
  headersTimeoutMs: 10_000,
  /** ... and the whole request within this time */
  requestTimeoutMs: 30_000,
  /** an idle keep-alive connection is closed after this time */
  keepAliveTimeoutMs: 5_000,
  /** connections beyond this are refused at once */
  maxConnections: 256,
  maxHeadersCount: 100,
};

export type ServerLimits = typeof SERVER_LIMITS;

export interface ApiOptions {
  /** when set, POST /v1/diagnose requires `Authorization: Bearer <token>` */
  apiToken?: string;
  /** requests per client per minute (0 = no limit) */
  apiRatePerMinute?: number;
  /** requests of one client in flight at once */
  apiMaxConcurrent?: number;
}

export interface OpsServerOptions extends ApiOptions {
  host: string;
  /** 0 picks a free port (tests) */
  port: number;
  registry: Registry;
  readiness: () => Readiness;
  /** a write to the conversation store; /healthz answers 503 when it fails */
  storeProbe?: () => Promise<void>;
  /** told about request failures (e.g. a metric collector throwing) */
  onError?: (error: unknown) => void;
  /** the engine in service now; serves POST /v1/diagnose when set (a getter: reloads swap it) */
  engine?: () => Engine;
  /** clock for diagnoses that give no `now`; default Date.now */
  now?: () => number;
  /** told the status of every /v1/diagnose answer (metrics) */
  onApiRequest?: (status: number) => void;
  /** overrides of SERVER_LIMITS (tests use short timeouts) */
  limits?: Partial<ServerLimits>;
}

export interface OpsServer {
  /** Listens; resolves with the bound port. */
  start(): Promise<{ port: number }>;
  close(): Promise<void>;
}

/** Defaults of the API guard when the config gives none. */
export const API_DEFAULTS = { ratePerMinute: 60, maxConcurrent: 4 } as const;

export function createOpsServer(options: OpsServerOptions): OpsServer {
  const limits = { ...SERVER_LIMITS, ...options.limits };
  const guard = createApiGuard({
    ...(options.apiToken !== undefined ? { token: options.apiToken } : {}),
    ratePerMinute: options.apiRatePerMinute ?? API_DEFAULTS.ratePerMinute,
    maxConcurrent: options.apiMaxConcurrent ?? API_DEFAULTS.maxConcurrent,
    ...(options.now ? { now: options.now } : {}),
  });

  function serveApi(req: http.IncomingMessage, res: http.ServerResponse, engine: () => Engine): void {
    const admission = guard.admit(req);
    if (!admission.ok) {
      res.writeHead(admission.status, {
        'content-type': 'application/json; charset=utf-8',
        'cache-control': 'no-store',
        connection: 'close',
        ...admission.headers,
      });
      res.end(JSON.stringify(admission.body));
      options.onApiRequest?.(admission.status);
      return;
    }
    res.once('close', admission.release);
    handleDiagnose(req, res, {
      engine,
      now: options.now ?? Date.now,
      ...(options.onApiRequest ? { onRequest: options.onApiRequest } : {}),
      ...(options.onError ? { onError: options.onError } : {}),
    })
      .catch((error: unknown) => {
        options.onError?.(error);
        if (!res.headersSent) sendJson(res, 500, { error: 'internal' });
      })
      .finally(admission.release);
  }

  const server = http.createServer(
    {
      headersTimeout: limits.headersTimeoutMs,
      requestTimeout: limits.requestTimeoutMs,
      keepAliveTimeout: limits.keepAliveTimeoutMs,
      // how often the timeouts above are checked: often enough for them to mean what they say
      connectionsCheckingInterval: Math.max(50, Math.min(1_000, Math.floor(limits.headersTimeoutMs / 4))),
      maxHeaderSize: 16 * 1024,
    },
    (req, res) => {
      const path = new URL(req.url ?? '/', 'http://ops.invalid').pathname;
      const engine = options.engine;
      if (path === DIAGNOSE_PATH && engine) {
        serveApi(req, res, engine);
        return;
      }
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        res.writeHead(405, { allow: 'GET, HEAD' }).end();
        return;
      }
      if (handleOpsRoute(path, res, options)) return;
      sendJson(res, 404, {
        error: 'not found',
        endpoints: ['/healthz', '/metrics', ...(engine ? [DIAGNOSE_PATH] : [])],
      });
    },
  );
  server.maxConnections = limits.maxConnections;
  server.maxHeadersCount = limits.maxHeadersCount;
  // A socket that sends nothing at all is dropped too (headersTimeout starts at the first byte).
  server.on('connection', (socket) => socket.setTimeout(limits.requestTimeoutMs, () => socket.destroy()));

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
