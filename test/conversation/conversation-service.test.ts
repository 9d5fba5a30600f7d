import { Writable } from 'node:stream';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { createConversationService } from '../../src/conversation/conversation-service.ts';
import type { ServiceMetrics } from '../../src/conversation/service-metrics.ts';
import type { Incoming } from '../../src/conversation/types.ts';
import type { EngineEvent, EngineInput } from '../../src/engine/types.ts';
import type { ConversationKey } from '../../src/state/conversation-store.ts';
import { MemoryFeedbackLog } from '../../src/analytics/feedback-log.ts';
import { loadConversation } from '../../src/state/conversations.ts';
import { MemoryStateStore } from '../../src/state/memory-state.ts';
import { createScriptedEngine, EXPLODE, QUESTION_ID } from './scripted-engine.ts';

const KEY: ConversationKey = { platform: 'discord', workspace: 'G1', channel: 'C1', thread: 'T1' };
const NOW = Date.UTC(2026, 10, 23, 9, 0, 0);
const HOUR = 60 * 60_000;
const silent = pino({ level: 'silent' });

const message = (text: string, key = KEY, user = 'U1'): Incoming => ({
  key,
  user: { id: user },
  input: { type: 'message', text },
});
const choice = (choiceId: string): Incoming => ({
  key: KEY,
  user: { id: 'U1' },
  input: { type: 'choice', choiceId },
});

function setup(options: Partial<Parameters<typeof createConversationService>[0]> = {}) {
  const engine = createScriptedEngine();
  let now = NOW;
  const store = new MemoryStateStore({ clock: () => now });
  const feedback = new MemoryFeedbackLog();
  const service = createConversationService({
    engine: () => engine,
    store,
    ttlMs: HOUR,
    clock: () => now,
    feedback,
    logger: silent,
    ...options,
  });
  return { engine, store, feedback, service, advance: (ms: number) => (now += ms) };
}

describe('the conversation service', () => {
  it('continues a conversation from its stored state', async () => {
    const { service } = setup();
    expect((await service.handle(message('401 from the API'))).reply.kind).toBe('question');
    const answered = await service.handle(choice(`answer:${QUESTION_ID}:local`));
    expect(answered.reply).toMatchObject({ kind: 'diagnosis', causeId: 'key-missing' });
  });

  it('passes the hand-off summary on to the adapter', async () => {
    const { service } = setup();
    await service.handle(message('401 in production'));
    await service.handle(choice(`answer:${QUESTION_ID}:deployed`));
    const out = await service.handle(choice('feedback:broken'));
    expect(out.reply.kind).toBe('handoff');
    expect(out.handoff).toEqual({ summary: ['tried: env-not-propagated', 'said: 401 in production'] });
  });

  it('leaves out the hand-off when the reply is not one', async () => {
    const { service } = setup();
    expect((await service.handle(message('hello'))).handoff).toBeUndefined();
  });

  it('records the engine events in the feedback log, with the platform and time', async () => {
    const { service, feedback } = setup();
    await service.handle(message('401'));
    await service.handle(choice(`answer:${QUESTION_ID}:local`));
    await service.handle(choice('feedback:fixed'));
    expect(feedback.records.map((r) => r.kind)).toEqual(['asked', 'diagnosed', 'feedback']);
    expect(feedback.records[2]).toMatchObject({
      platform: 'discord',
      at: NOW,
      causeId: 'key-missing',
      fixed: true,
    });
  });

  it('still calls onEvents with the incoming message and its events', async () => {
    const seen: [Incoming, EngineEvent[]][] = [];
    const { service } = setup({ onEvents: (incoming, events) => seen.push([incoming, events]) });
    await service.handle(message('401'));
    expect(seen).toEqual([[message('401'), [{ type: 'asked', questionId: QUESTION_ID }]]]);
  });

  it('reports engine time and events to the metrics', async () => {
    const calls: string[] = [];
    const metrics: ServiceMetrics = {
      engineSeconds: (s) => calls.push(`seconds:${s >= 0}`),
      events: (events) => calls.push(...events.map((e) => `event:${e.type}`)),
    };
    const { service } = setup({ metrics });
    await service.handle(message('401'));
    expect(calls).toEqual(['seconds:true', 'event:asked']);
  });

  describe('when the engine throws', () => {
    it('answers with the friendly error reply', async () => {
      const { service } = setup();
      const out = await service.handle(message(EXPLODE));
      expect(out.reply.kind).toBe('error');
      expect(out.reply.heading).toMatch(/^Something went wrong on my side/);
      expect(JSON.stringify(out.reply)).not.toMatch(/scripted engine failure|at .*\.ts/);
    });

    it('keeps the stored state exactly as it was', async () => {
      const { service, store } = setup();
      await service.handle(message('401'));
      const before = await loadConversation(store, KEY);
      await service.handle(message(EXPLODE));
      expect(await loadConversation(store, KEY)).toEqual(before);
    });

    it('logs the failure and keeps serving the conversation', async () => {
      const lines: string[] = [];
      const logger = pino(
        { level: 'error' },
        new Writable({
          write(chunk, _enc, done) {
            lines.push(String(chunk));
            done();
          },
        }),
      );
      const { service } = setup({ logger });
      await service.handle(message('401'));
      await service.handle(message(EXPLODE));
      expect(lines.join('')).toContain('scripted engine failure');
      expect((await service.handle(choice(`answer:${QUESTION_ID}:local`))).reply.kind).toBe('diagnosis');
    });
  });

  describe('the per-user rate limit', () => {
    it('answers politely without calling the engine once a user is over the limit', async () => {
      const { service, engine } = setup({ rateLimitPerMinute: 2 });
      await service.handle(message('one'));
      await service.handle(message('two'));
      const refused = await service.handle(message('three'));
      expect(refused.reply.kind).toBe('info');
      expect(refused.reply.heading).toBe('One moment, please');
      expect(engine.steps).toBe(2);
    });

    it('still reports a credential in a refused message, so the adapter can warn about it', async () => {
      const { service } = setup({ rateLimitPerMinute: 1 });
      await service.handle(message('one'));
      const key = `sk-${'proj-'}${'Q7wErTy9UiOp3AsDfGh5'.repeat(2)}`;
      const refused = await service.handle(message(`here is my key ${key}`));
      expect(refused.credentials).toEqual([expect.objectContaining({ provider: 'openai', last4: 'fGh5' })]);
    });

    it('leaves the conversation state untouched when refusing', async () => {
      const { service, store } = setup({ rateLimitPerMinute: 1 });
      await service.handle(message('one'));
      await service.handle(message('two'));
      expect((await loadConversation(store, KEY))?.transcript).toEqual(['one']);
    });

    it('lets the user in again after a minute', async () => {
      const { service, advance } = setup({ rateLimitPerMinute: 1 });
      await service.handle(message('one'));
      advance(60_000);
      expect((await service.handle(message('two'))).reply.kind).toBe('info');
      expect((await service.handle(message('three'))).reply.heading).toBe('One moment, please');
    });

    it('limits each user on their own, even in the same thread', async () => {
      const { service } = setup({ rateLimitPerMinute: 1 });
      await service.handle(message('one', KEY, 'alice'));
      expect((await service.handle(message('two', KEY, 'bob'))).reply.heading).not.toBe('One moment, please');
    });
  });

  describe('the message length cap', () => {
    it('cuts a long message before the engine sees it, keeping its beginning and its end', async () => {
      const { service, store } = setup({ maxMessageChars: 100 });
      await service.handle(message(`${'a'.repeat(120)}${'m'.repeat(10)}${'z'.repeat(120)}`));
      const [seen] = (await loadConversation(store, KEY))?.transcript ?? [];
      expect(seen).toHaveLength(100);
      expect(seen).toMatch(/^a+\n\[…\]\nz+$/);
    });

    it('tells the adapter how many characters were read, so its note is true', async () => {
      const { service } = setup({ maxMessageChars: 100 });
      const out = await service.handle(message('y'.repeat(101)));
      expect(out.truncated).toEqual({ analysedChars: 100 });
      expect(out.reply.blocks).toEqual([]);
    });

    it('never passes on more than the engine analyses, whatever the configured cap', async () => {
      const { service } = setup({ maxMessageChars: 100_000 });
      const out = await service.handle(message('y'.repeat(20_000)));
      expect(out.truncated).toEqual({ analysedChars: 8_000 });
    });

    it('leaves a message at the cap untouched and unannotated', async () => {
      const { service, store } = setup({ maxMessageChars: 100 });
      const out = await service.handle(message('z'.repeat(100)));
      expect(out.reply.blocks).toEqual([]);
      expect((await loadConversation(store, KEY))?.transcript).toEqual(['z'.repeat(100)]);
    });

    it('never splits a character made of two UTF-16 units', async () => {
      const { service, store } = setup({ maxMessageChars: 100 });
      await service.handle(message(`${'🔑'.repeat(150)}x`));
      const [seen = ''] = (await loadConversation(store, KEY))?.transcript ?? [];
      expect(seen.length).toBeLessThanOrEqual(100);
      expect(seen).toContain('🔑');
      expect(seen).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/);
    });
  });

  it('handles button choices without applying the length cap', async () => {
    const { service } = setup({ maxMessageChars: 100 });
    await service.handle(message('401'));
    const input: EngineInput = { type: 'choice', choiceId: `answer:${QUESTION_ID}:local` };
    expect((await service.handle({ key: KEY, user: { id: 'U1' }, input })).reply.kind).toBe('diagnosis');
  });
});
