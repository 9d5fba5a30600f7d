/** The ops server's safe defaults: token, per-client limits, timeouts and a store-aware /healthz. */
import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createEngine } from '../../src/engine/index.ts';
import { createMetrics } from '../../src/http/metrics.ts';
import { createOpsServer, type OpsServer, type OpsServerOptions } from '../../src/http/ops-server.ts';
import { storeWriteProbe } from '../../src/http/store-probe.ts';
import { DEFAULT_KNOWLEDGE_DIR } from '../../src/knowledge/default-dir.ts';
import { loadKnowledge } from '../../src/knowledge/load.ts';
import { MemoryStateStore } from '../../src/state/memory-state.ts';

const engine = createEngine(loadKnowledge(DEFAULT_KNOWLEDGE_DIR));
const TOKEN = `FAKE-api-token-${'z'.repeat(12)}`;
/** Half-sent requests opened at once: bounded, loopback only. */
const HALF_SENT = 300;

const servers: OpsServer[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) await server.close();
});

async function start(extra: Partial<OpsServerOptions> = {}) {
  const server = createOpsServer({
    host: '127.0.0.1',
    port: 0,
    registry: createMetrics().registry,
    readiness: () => ({ knowledge: { loaded: true, causes: 21 }, adapters: [] }),
    engine: () => engine,
    ...extra,
  });
  servers.push(server);
  const { port } = await server.start();
  return { base: `http://127.0.0.1:${port}`, port };
}

const diagnose = (base: string, headers: Record<string, string> = {}) =>
  fetch(`${base}/v1/diagnose`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ text: '401 Unauthorized with Authorization: Bearer undefined' }),
  });

describe('POST /v1/diagnose behind its guard', () => {
  it('GIVEN an API token THEN a request without it or with a wrong one is refused with 401', async () => {
    const { base } = await start({ apiToken: TOKEN });
    const none = await diagnose(base);
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toBe('Bearer');
    expect((await diagnose(base, { authorization: `Bearer ${TOKEN}x` })).status).toBe(401);
    expect((await diagnose(base, { authorization: TOKEN })).status).toBe(401);
  });

  it('GIVEN an API token THEN a request bearing it is answered', async () => {
    const { base } = await start({ apiToken: TOKEN });
    const res = await diagnose(base, { authorization: `Bearer ${TOKEN}` });
    expect(res.status).toBe(200);
  });

  it('GIVEN a rate of 2 per minute THEN the third request of a client gets 429 with Retry-After', async () => {
    const { base } = await start({ apiRatePerMinute: 2 });
    expect((await diagnose(base)).status).toBe(200);
    expect((await diagnose(base)).status).toBe(200);
    const third = await diagnose(base);
    expect(third.status).toBe(429);
    expect(Number(third.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('GIVEN one request in flight at a limit of 1 THEN a second one from the same client gets 429', async () => {
    const { base, port } = await start({ apiMaxConcurrent: 1 });
    const slow = net.connect(port, '127.0.0.1');
    await new Promise((resolve) => slow.once('connect', resolve));
    slow.write(
      'POST /v1/diagnose HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"te',
    );
    // wait until the server has admitted the slow request (its headers are in)
    let second = await diagnose(base);
    for (let i = 0; i < 50 && second.status !== 429; i++) second = await diagnose(base);
    expect(second.status).toBe(429);
    expect(await second.json()).toMatchObject({ error: 'too_many_concurrent' });
    slow.destroy();
  });
});

describe('server limits', () => {
  it(`GIVEN ${HALF_SENT} half-sent requests THEN every one is closed by the server`, async () => {
    const { port, base } = await start({
      limits: { headersTimeoutMs: 300, requestTimeoutMs: 600, maxConnections: 200 },
    });
    const closed = await Promise.all(
      Array.from(
        { length: HALF_SENT },
        () =>
          new Promise<string>((resolve) => {
            const socket = net.connect(port, '127.0.0.1', () =>
              socket.write('GET /healthz HTTP/1.1\r\nHost: x\r\n'),
            );
            let answer = '';
            socket.on('data', (d: Buffer) => (answer += d.toString('latin1')));
            socket.on('error', () => undefined);
            socket.on('close', () => resolve(answer.split('\r\n')[0] ?? ''));
          }),
      ),
    );
    // closed with 408 Request Timeout, or refused outright past the connection cap
    expect(closed.every((line) => line === '' || line.startsWith('HTTP/1.1 408'))).toBe(true);
    expect(closed.filter((line) => line.startsWith('HTTP/1.1 408')).length).toBeGreaterThan(0);
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
  }, 20_000);
});

describe('/healthz and the store', () => {
  it('GIVEN a store that saves THEN /healthz says the store is ok', async () => {
    const { base } = await start({ storeProbe: storeWriteProbe(new MemoryStateStore()) });
    const res = await fetch(`${base}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ store: 'ok' });
  });

  it('GIVEN a store that cannot save THEN /healthz answers 503 naming the store', async () => {
    const store = new MemoryStateStore();
    store.set = () => Promise.reject(new Error('SQLITE_FULL: database or disk is full'));
    const { base } = await start({ storeProbe: storeWriteProbe(store) });
    const res = await fetch(`${base}/healthz`);
    expect(res.status).toBe(503);
    expect(await res.json()).toMatchObject({ store: 'cannot save', notReady: ['store'] });
  });
});
