/**
 * keydoctor's Prometheus metrics, in a registry of their own (never prom-client's global one, so
 * tests and a second instance in one process do not collide).
 */
import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { ServiceMetrics } from '../conversation/service-metrics.ts';
import type { EngineEvent } from '../engine/types.ts';

/** Engine steps are meant to take about a millisecond; buckets resolve that and catch outliers. */
const ENGINE_BUCKETS = [0.0005, 0.001, 0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.5, 1];

export interface Metrics extends ServiceMetrics {
  readonly registry: Registry;
  platformError(platform: string, code: string): void;
  setKnowledgeCauses(count: number): void;
  knowledgeReload(result: 'ok' | 'refused'): void;
  /** one answered POST /v1/diagnose, by HTTP status */
  apiRequest(status: number): void;
}

export function createMetrics(): Metrics {
  const registry = new Registry();
  const diagnoses = new Counter({
    name: 'keydoctor_diagnoses_total',
    help: 'Diagnoses given, by cause',
    labelNames: ['cause'] as const,
    registers: [registry],
  });
  const followups = new Counter({
    name: 'keydoctor_followups_total',
    help: 'Follow-up questions asked',
    registers: [registry],
  });
  const feedback = new Counter({
    name: 'keydoctor_feedback_total',
    help: 'Feedback on diagnoses, by cause and result (fixed or broken)',
    labelNames: ['cause', 'result'] as const,
    registers: [registry],
  });
  const handoffs = new Counter({
    name: 'keydoctor_handoffs_total',
    help: 'Conversations handed to a human, by reason',
    labelNames: ['reason'] as const,
    registers: [registry],
  });
  const platformErrors = new Counter({
    name: 'keydoctor_platform_errors_total',
    help: 'Failed platform calls, by platform and code',
    labelNames: ['platform', 'code'] as const,
    registers: [registry],
  });
  const rateLimited = new Counter({
    name: 'keydoctor_rate_limited_total',
    help: 'Messages refused by the per-user rate limit',
    registers: [registry],
  });
  const failures = new Counter({
    name: 'keydoctor_failures_total',
    help: 'Messages answered with the internal error reply',
    registers: [registry],
  });
  const reloads = new Counter({
    name: 'keydoctor_knowledge_reloads_total',
    help: 'Knowledge reloads, by result (ok or refused)',
    labelNames: ['result'] as const,
    registers: [registry],
  });
  const apiRequests = new Counter({
    name: 'keydoctor_api_requests_total',
    help: 'POST /v1/diagnose requests answered, by HTTP status',
    labelNames: ['status'] as const,
    registers: [registry],
  });
  const engineSeconds = new Histogram({
    name: 'keydoctor_engine_seconds',
    help: 'Time one engine step took',
    buckets: ENGINE_BUCKETS,
    registers: [registry],
  });
  const knowledgeCauses = new Gauge({
    name: 'keydoctor_knowledge_causes',
    help: 'Causes in the knowledge base in service',
    registers: [registry],
  });

  function countEvent(event: EngineEvent): void {
    if (event.type === 'diagnosed') diagnoses.inc({ cause: event.causeId });
    else if (event.type === 'asked') followups.inc();
    else if (event.type === 'feedback')
      feedback.inc({ cause: event.causeId, result: event.fixed ? 'fixed' : 'broken' });
    else if (event.type === 'handoff') handoffs.inc({ reason: event.reason });
  }

  return {
    registry,
    engineSeconds: (seconds) => engineSeconds.observe(seconds),
    events: (events) => events.forEach(countEvent),
    rateLimited: () => rateLimited.inc(),
    failed: () => failures.inc(),
    platformError: (platform, code) => platformErrors.inc({ platform, code }),
    setKnowledgeCauses: (count) => knowledgeCauses.set(count),
    knowledgeReload: (result) => reloads.inc({ result }),
    apiRequest: (status) => apiRequests.inc({ status: String(status) }),
  };
}
