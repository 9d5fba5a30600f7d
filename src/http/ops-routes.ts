/** The operators' routes: `/healthz` for orchestrators and `/metrics` for Prometheus. No user text. */
import type http from 'node:http';
import type { Registry } from 'prom-client';

/** What /healthz reports: ready only when nothing is listed in `notReady`. */
export interface Readiness {
  knowledge: { loaded: boolean; causes: number };
  adapters: { name: string; ready: boolean }[];
}

/** How long the store's write probe may take before /healthz calls the store unable to save. */
export const STORE_PROBE_TIMEOUT_MS = 2_000;

export function sendJson(res: http.ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}

/** The /healthz body: what is not ready, by name, so an operator sees at once which part is down. */
export function healthOf(
  readiness: Readiness,
  store?: 'ok' | 'cannot save',
): { status: 'ok' | 'unavailable'; body: Record<string, unknown> } {
  const notReady = [
    ...(readiness.knowledge.loaded ? [] : ['knowledge']),
    ...(store === 'cannot save' ? ['store'] : []),
    ...readiness.adapters.filter((a) => !a.ready).map((a) => `adapter:${a.name}`),
  ];
  const status = notReady.length === 0 ? 'ok' : 'unavailable';
  return {
    status,
    body: {
      status,
      knowledge: readiness.knowledge,
      ...(store ? { store } : {}),
      adapters: Object.fromEntries(readiness.adapters.map((a) => [a.name, a.ready ? 'ready' : 'not ready'])),
      ...(notReady.length > 0 ? { notReady } : {}),
    },
  };
}

/** Runs the store's write probe within STORE_PROBE_TIMEOUT_MS; any failure means it cannot save. */
async function probeStore(probe: () => Promise<void>, onError?: (error: unknown) => void) {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      probe(),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error('store probe timed out')), STORE_PROBE_TIMEOUT_MS);
      }),
    ]);
    return 'ok' as const;
  } catch (error) {
    onError?.(error);
    return 'cannot save' as const;
  } finally {
    clearTimeout(timer);
  }
}

export interface OpsRoutesOptions {
  registry: Registry;
  readiness: () => Readiness;
  /** a write to the store; /healthz says 503 when it fails */
  storeProbe?: () => Promise<void>;
  onError?: (error: unknown) => void;
}

/** Answers /healthz and /metrics; returns false for any other path. */
export function handleOpsRoute(path: string, res: http.ServerResponse, options: OpsRoutesOptions): boolean {
  if (path === '/healthz') {
    const probe = options.storeProbe;
    void (probe ? probeStore(probe, options.onError) : Promise.resolve(undefined)).then((store) => {
      const health = healthOf(options.readiness(), store);
      sendJson(res, health.status === 'ok' ? 200 : 503, health.body);
    });
    return true;
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
    return true;
  }
  return false;
}
