/** The service with the real engine and the shipped knowledge base, end to end without a platform. */
import { describe, expect, it } from 'vitest';
import { createConversationService } from '../../src/conversation/conversation-service.ts';
import type { Incoming } from '../../src/conversation/types.ts';
import { createEngine } from '../../src/engine/index.ts';
import { createMetrics } from '../../src/http/metrics.ts';
import { DEFAULT_KNOWLEDGE_DIR } from '../../src/knowledge/default-dir.ts';
import { loadKnowledge } from '../../src/knowledge/load.ts';
import type { ConversationKey } from '../../src/state/conversation-store.ts';
import { MemoryFeedbackLog } from '../../src/analytics/feedback-log.ts';
import { conversationStateKey } from '../../src/state/conversations.ts';
import { MemoryStateStore } from '../../src/state/memory-state.ts';

const engine = createEngine(loadKnowledge(DEFAULT_KNOWLEDGE_DIR));
const KEY: ConversationKey = { platform: 'slack', workspace: 'T1', channel: 'C1', thread: '42.0' };
// Assembled at run time: the repository holds no key-shaped string.
const PASTED_KEY = `sk-${'proj-'}${'Q7wErTy9UiOp3AsDfGh5'.repeat(2)}`;
// Clear enough that the calibrated scorer answers at once (a pasted key alone makes it ask first).
const SYMPTOM = `401 from the API: "You didn't provide an API key". My request sends Authorization: Bearer undefined (I also tried ${PASTED_KEY})`;

function setup() {
  const store = new MemoryStateStore();
  const feedback = new MemoryFeedbackLog();
  const metrics = createMetrics();
  const service = createConversationService({
    engine: () => engine,
    store,
    ttlMs: 60_000,
    feedback,
    metrics,
  });
  const say = (input: Incoming['input']) => service.handle({ key: KEY, user: { id: 'U1' }, input });
  return { say, feedback, metrics, store };
}

describe('the conversation service with the real engine', () => {
  it('diagnoses a pasted symptom and records the diagnosis for stats and metrics', async () => {
    const { say, feedback, metrics } = setup();
    const out = await say({ type: 'message', text: SYMPTOM });
    expect(out.reply.kind).toBe('diagnosis');
    const cause = out.reply.causeId!;
    expect(feedback.stats()[0]).toMatchObject({ causeId: cause, diagnosed: 1 });
    expect(await metrics.registry.metrics()).toContain(`keydoctor_diagnoses_total{cause="${cause}"} 1`);
  });

  it('records "still broken" feedback with the redacted symptoms as an unresolved case', async () => {
    const { say, feedback } = setup();
    const first = await say({ type: 'message', text: SYMPTOM });
    await say({ type: 'choice', choiceId: 'feedback:broken' });
    const stats = feedback.stats().find((s) => s.causeId === first.reply.causeId);
    expect(stats).toMatchObject({ broken: 1, resolutionRate: 0 });
    expect(stats?.unresolved[0]?.symptoms.join(' ')).toContain('Bearer undefined');
    expect(JSON.stringify(feedback.stats())).not.toContain(PASTED_KEY);
  });

  it('hands the summary of what was tried to the adapter when the user asks for a person, redacted', async () => {
    const { say } = setup();
    await say({ type: 'message', text: SYMPTOM });
    const out = await say({ type: 'choice', choiceId: 'handoff' });
    expect(out.reply.kind).toBe('handoff');
    expect(out.handoff?.summary.length).toBeGreaterThan(0);
    expect(out.handoff?.summary.join('\n')).toContain('Bearer undefined');
    expect(out.handoff?.summary.join('\n')).not.toContain(PASTED_KEY);
  });

  it('stores no pasted credential in the conversation state', async () => {
    const { say, store } = setup();
    await say({ type: 'message', text: SYMPTOM });
    expect(await store.get(conversationStateKey(KEY))).not.toContain(PASTED_KEY);
  });
});
