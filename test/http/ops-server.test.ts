import { afterEach, describe, expect, it } from 'vitest';
import { createMetrics, type Metrics } from '../../src/http/metrics.ts';
import { createOpsServer, type OpsServer, type Readiness } from '../../src/http/ops-server.ts';

const servers: OpsServer[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) await server.close();
});

async function start(readiness: () => Readiness, metrics: Metrics = createMetrics()) {
  const server = createOpsServer({ host: '127.0.0.1', port: 0, registry: metrics.registry, readiness });
  servers.push(server);
  const { port } = await server.start();
  return { base: `http://127.0.0.1:${port}`, metrics };
}

const READY: Readiness = {
  knowledge: { loaded: true, causes: 20 },
  adapters: [
    { name: 'slack', ready: true },
    { name: 'discord', ready: true },
  ],
};

describe('/healthz', () => {
  it('answers 200 with status ok when the knowledge base is loaded and every adapter is ready', async () => {
    const { base } = await start(() => READY);
    const res = await fetch(`${base}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      status: 'ok',
      knowledge: { loaded: true, causes: 20 },
      adapters: { slack: 'ready', discord: 'ready' },
    });
  });

  it('answers 503 naming the adapter that is not connected', async () => {
    const { base } = await start(() => ({ ...READY, adapters: [{ name: 'discord', ready: false }] }));
    const res = await fetch(`${base}/healthz`);
    expect(res.status).toBe(503);
    expect(await res.json()).toMatchObject({ status: 'unavailable', notReady: ['adapter:discord'] });
  });

  it('answers 503 while the knowledge base is not loaded', async () => {
    const { base } = await start(() => ({ knowledge: { loaded: false, causes: 0 }, adapters: [] }));
    const res = await fetch(`${base}/healthz`);
    expect(res.status).toBe(503);
    expect(await res.json()).toMatchObject({ notReady: ['knowledge'] });
  });

  it('reflects readiness at the time of each request', async () => {
    let ready = false;
    const { base } = await start(() => ({ ...READY, adapters: [{ name: 'slack', ready }] }));
    expect((await fetch(`${base}/healthz`)).status).toBe(503);
    ready = true;
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
  });
});

describe('/metrics', () => {
  it('serves the Prometheus text format with every keydoctor metric', async () => {
    const { base } = await start(() => READY);
    const res = await fetch(`${base}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/plain');
    const text = await res.text();
    for (const name of [
      'keydoctor_diagnoses_total',
      'keydoctor_followups_total',
      'keydoctor_feedback_total',
      'keydoctor_handoffs_total',
      'keydoctor_platform_errors_total',
      'keydoctor_engine_seconds',
      'keydoctor_knowledge_causes',
      'keydoctor_api_requests_total',
    ]) {
      expect(text).toContain(`# TYPE ${name} `);
    }
  });

  it('counts diagnoses, follow-ups, feedback and hand-offs from engine events', async () => {
    const metrics = createMetrics();
    metrics.events([
      { type: 'asked', questionId: 'where' },
      { type: 'diagnosed', causeId: 'key-missing', confidence: 0.9 },
      { type: 'feedback', causeId: 'key-missing', fixed: false, path: [], symptoms: [] },
      { type: 'handoff', reason: 'exhausted', summary: [] },
    ]);
    const { base } = await start(() => READY, metrics);
    const text = await (await fetch(`${base}/metrics`)).text();
    expect(text).toContain('keydoctor_followups_total 1');
    expect(text).toContain('keydoctor_diagnoses_total{cause="key-missing"} 1');
    expect(text).toContain('keydoctor_feedback_total{cause="key-missing",result="broken"} 1');
    expect(text).toContain('keydoctor_handoffs_total{reason="exhausted"} 1');
  });

  it('counts platform errors by platform and code, and records engine latency and knowledge size', async () => {
    const metrics = createMetrics();
    metrics.platformError('slack', 'rate_limited');
    metrics.platformError('slack', 'rate_limited');
    metrics.engineSeconds(0.0015);
    metrics.setKnowledgeCauses(21);
    const { base } = await start(() => READY, metrics);
    const text = await (await fetch(`${base}/metrics`)).text();
    expect(text).toContain('keydoctor_platform_errors_total{platform="slack",code="rate_limited"} 2');
    expect(text).toContain('keydoctor_engine_seconds_bucket{le="0.002"} 1');
    expect(text).toContain('keydoctor_engine_seconds_count 1');
    expect(text).toContain('keydoctor_knowledge_causes 21');
  });

  it('keeps each instance in its own registry, so two can live in one process', async () => {
    const a = createMetrics();
    const b = createMetrics();
    a.setKnowledgeCauses(1);
    b.setKnowledgeCauses(2);
    expect(await a.registry.metrics()).toContain('keydoctor_knowledge_causes 1');
    expect(await b.registry.metrics()).toContain('keydoctor_knowledge_causes 2');
  });
});

describe('other paths', () => {
  it('answers 404 for an unknown path', async () => {
    const { base } = await start(() => READY);
    expect((await fetch(`${base}/admin`)).status).toBe(404);
  });

  it('answers 405 for a POST', async () => {
    const { base } = await start(() => READY);
    expect((await fetch(`${base}/healthz`, { method: 'POST' })).status).toBe(405);
  });
});
