import http from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { createDiagnoseCommand } from '../../src/cli/diagnose.ts';
import { createEngine } from '../../src/engine/index.ts';
import type { Engine, EngineContext } from '../../src/engine/types.ts';
import { MAX_BODY_BYTES } from '../../src/http/diagnose-api.ts';
import { createMetrics } from '../../src/http/metrics.ts';
import { createOpsServer, type OpsServer, type Readiness } from '../../src/http/ops-server.ts';
import { DEFAULT_KNOWLEDGE_DIR } from '../../src/knowledge/default-dir.ts';
import { loadKnowledge } from '../../src/knowledge/load.ts';
import type { DiagnosisJson } from '../../src/render/diagnosis-json.ts';
import { memoryIo } from '../cli/memory-io.ts';

const ENGINE = createEngine(loadKnowledge(DEFAULT_KNOWLEDGE_DIR));
const NOW = Date.parse('2026-01-15T12:00:00Z');
const BARE_KEY_CURL =
  'curl -H "Authorization: sk-test-FAKEFAKEFAKEFAKE1234" https://api.openai.com/v1/models -> 401';
// built at run time so no scanner-shaped key sits in the repo; no FAKE marker, or the engine
// rightly treats it as a placeholder rather than a live key
const LIVE_BODY = ['Qw7Zm9Lp', 'Vb3Nk8Rt', 'Hy6Jd2Gs', 'Tc4Xe5Bv'].join('');
const LIVE_KEY = `${'sk-'}${'proj-'}${LIVE_BODY}`;
const READY: Readiness = { knowledge: { loaded: true, causes: 20 }, adapters: [] };

const servers: OpsServer[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) await server.close();
});

async function start(options: { engine?: () => Engine; onApiRequest?: (status: number) => void } = {}) {
  const metrics = createMetrics();
  const server = createOpsServer({
    host: '127.0.0.1',
    port: 0,
    registry: metrics.registry,
    readiness: () => READY,
    engine: 'engine' in options ? options.engine : () => ENGINE,
    now: () => NOW,
    onApiRequest: options.onApiRequest ?? metrics.apiRequest,
  });
  servers.push(server);
  const { port } = await server.start();
  return { base: `http://127.0.0.1:${port}`, url: `http://127.0.0.1:${port}/v1/diagnose`, metrics };
}

/** What a 400 answers. */
interface ErrorBody {
  error: string;
  message?: string;
  issues?: { path: string; message: string }[];
}

function post(url: string, body: unknown, contentType = 'application/json'): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    headers: { 'content-type': contentType },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

/** An engine that records the clock each diagnosis ran with, then defers to the real one. */
function recordingEngine(name: string, calls: { name: string; now: number }[]): Engine {
  return {
    step: (state, input, ctx) => ENGINE.step(state, input, ctx),
    diagnose: (text: string, ctx: EngineContext) => {
      calls.push({ name, now: ctx.now });
      return ENGINE.diagnose(text, ctx);
    },
  };
}

/** A chunked upload (no Content-Length) of `total` bytes; resolves with the status it got. */
function chunkedPost(url: string, total: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked' },
    });
    req.on('response', (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    // the server stops reading and closes; writes after that may fail, which is expected
    req.on('error', (error) => (req.writableEnded ? undefined : reject(error)));
    const chunk = 'x'.repeat(8 * 1024);
    let sent = 0;
    const writeMore = (): void => {
      while (sent < total) {
        sent += chunk.length;
        if (!req.write(chunk)) return void req.once('drain', writeMore);
      }
      req.end();
    };
    writeMore();
  });
}

describe('POST /v1/diagnose with a valid body', () => {
  it('answers 200 with the ranked causes, the missing Bearer prefix first for a bare key', async () => {
    const { url } = await start();
    const res = await post(url, { text: BARE_KEY_CURL });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('application/json');
    const json = (await res.json()) as DiagnosisJson;
    expect(json.ranked[0]).toEqual({
      causeId: 'missing-bearer-prefix',
      score: expect.any(Number),
      confidence: expect.any(Number),
      reasons: expect.any(Array),
    });
    expect(json.evidence.signals.map((s) => s.signal)).toContain('scheme:none');
  });

  it('answers exactly what `keydoctor diagnose --json` prints for the same text', async () => {
    const { url } = await start();
    const io = memoryIo({ tty: true });
    await createDiagnoseCommand({ loadEngine: () => ENGINE, now: () => NOW })(['--json', BARE_KEY_CURL], io);
    const res = await post(url, { text: BARE_KEY_CURL });
    expect(await res.json()).toEqual(JSON.parse(io.out()));
  });

  it('never puts a pasted live key in the answer, only its fingerprint', async () => {
    const { url } = await start();
    const res = await post(url, { text: `openai returns 401 for my key ${LIVE_KEY}` });
    expect(res.status).toBe(200);
    const body = await res.text();
    expect(body).not.toContain(LIVE_KEY);
    expect(body).not.toContain(LIVE_BODY);
    expect(JSON.parse(body).evidence.credentials[0]).toMatchObject({ last4: LIVE_BODY.slice(-4) });
  });

  it('diagnoses with the engine in service at the time of each request', async () => {
    const calls: { name: string; now: number }[] = [];
    let engine = recordingEngine('first', calls);
    const { url } = await start({ engine: () => engine });
    await post(url, { text: BARE_KEY_CURL });
    engine = recordingEngine('reloaded', calls);
    await post(url, { text: BARE_KEY_CURL });
    expect(calls.map((c) => c.name)).toEqual(['first', 'reloaded']);
  });

  it('diagnoses at the given `now` when the body has one, else at the server clock', async () => {
    const calls: { name: string; now: number }[] = [];
    const { url } = await start({ engine: () => recordingEngine('engine', calls) });
    await post(url, { text: BARE_KEY_CURL, now: '2030-06-01T00:00:00Z' });
    await post(url, { text: BARE_KEY_CURL });
    expect(calls.map((c) => c.now)).toEqual([Date.parse('2030-06-01T00:00:00Z'), NOW]);
  });

  it('accepts a JSON content type with a charset parameter', async () => {
    const { url } = await start();
    const res = await post(url, { text: BARE_KEY_CURL }, 'application/json; charset=utf-8');
    expect(res.status).toBe(200);
  });
});

describe('POST /v1/diagnose with a bad request', () => {
  it('answers 415 for a body that is not declared as JSON', async () => {
    const { url } = await start();
    const res = await post(url, BARE_KEY_CURL, 'text/plain');
    expect(res.status).toBe(415);
    expect(await res.json()).toMatchObject({ error: 'unsupported_media_type' });
  });

  it('answers 400 invalid_json for a body that does not parse', async () => {
    const { url } = await start();
    const res = await post(url, '{"text": "401 from stripe"');
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: 'invalid_json', message: expect.any(String) });
  });

  it('does not quote a key from a body that does not parse', async () => {
    const { url } = await start();
    const res = await post(url, `${LIVE_KEY} is rejected`);
    expect(await res.text()).not.toContain(LIVE_BODY.slice(0, 8));
  });

  it('answers 400 invalid_body naming `text` when it is missing', async () => {
    const { url } = await start();
    const res = await post(url, { message: BARE_KEY_CURL });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({
      error: 'invalid_body',
      issues: [{ path: 'text', message: expect.any(String) }],
    });
  });

  it('answers 400 naming `text` when it is empty', async () => {
    const { url } = await start();
    const json = (await (await post(url, { text: '' })).json()) as ErrorBody;
    expect(json.issues).toEqual([{ path: 'text', message: 'must not be empty' }]);
  });

  it('answers 400 naming `text` when it is longer than 20000 characters', async () => {
    const { url } = await start();
    const json = (await (await post(url, { text: '4'.repeat(20_001) })).json()) as ErrorBody;
    expect(json.issues).toEqual([{ path: 'text', message: expect.stringMatching(/20000/) }]);
  });

  it('answers 400 naming `now` when it is not an ISO date', async () => {
    const { url } = await start();
    const json = (await (await post(url, { text: BARE_KEY_CURL, now: 'yesterday' })).json()) as ErrorBody;
    expect(json.issues).toEqual([{ path: 'now', message: expect.stringMatching(/ISO 8601/) }]);
  });

  it('answers 400 for a JSON body that is not an object', async () => {
    const { url } = await start();
    const res = await post(url, '["401"]');
    expect(res.status).toBe(400);
    expect(((await res.json()) as ErrorBody).error).toBe('invalid_body');
  });

  it('answers 413 for a 100 KB body', async () => {
    const { url } = await start();
    const res = await post(url, { text: 'x'.repeat(100 * 1024) });
    expect(res.status).toBe(413);
    expect(await res.json()).toMatchObject({ error: 'body_too_large' });
  });

  it('answers 413 for an oversized chunked body that declares no length', async () => {
    const { url } = await start();
    expect(await chunkedPost(url, 4 * MAX_BODY_BYTES)).toBe(413);
  });

  it('answers 405 with Allow: POST for a GET', async () => {
    const { url } = await start();
    const res = await fetch(url);
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('POST');
  });
});

describe('POST /v1/diagnose on the ops server', () => {
  it('is not served when the server is given no engine', async () => {
    const { url } = await start({ engine: undefined });
    expect((await fetch(url)).status).toBe(404);
  });

  it('counts requests by status in keydoctor_api_requests_total', async () => {
    const { base, url } = await start();
    await post(url, { text: BARE_KEY_CURL });
    await post(url, '{');
    await post(url, '{');
    const text = await (await fetch(`${base}/metrics`)).text();
    expect(text).toContain('keydoctor_api_requests_total{status="200"} 1');
    expect(text).toContain('keydoctor_api_requests_total{status="400"} 2');
  });

  it('answers 500 without details when the engine throws', async () => {
    const failing: Engine = {
      step: () => {
        throw new Error('not used');
      },
      diagnose: () => {
        throw new Error(`engine broke on ${LIVE_KEY}`);
      },
    };
    const { url } = await start({ engine: () => failing });
    const res = await post(url, { text: BARE_KEY_CURL });
    expect(res.status).toBe(500);
    expect(await res.text()).not.toContain(LIVE_BODY);
  });
});
