/** Random conversations built from realistic fragments: the engine must answer every step, never throw. */
import { describe, expect, it } from 'vitest';
import { createEngine } from '../../src/engine/index.ts';
import type { ConversationState, EngineInput } from '../../src/engine/types.ts';
import { FAKE, fakeJwt } from './fixtures/fake-keys.ts';
import { fixtureKnowledge, NOW } from './fixtures/knowledge.ts';

const FRAGMENTS = [
  '401',
  '403 Forbidden',
  'Authorization: ',
  'Bearer ',
  'undefined',
  '"',
  "'",
  '`',
  ['$', '{key}'].join(''),
  '{api_key}',
  '\n',
  '\r\n',
  '%0A',
  '\u200B',
  'x-api-key: ',
  '?key=',
  'works locally',
  'docker',
  'worked yesterday',
  'start over',
  'still 401',
  'fixed',
  '1',
  'not sure',
  'help',
  '{"error": {"code": "invalid_api_key"}}',
  'curl -H "',
  'https://api.openai.com/v1/models',
  '\u0000\u0001',
  '\uD800',
];

/** A small deterministic generator, so a failure can be replayed. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

describe('random conversations', () => {
  const engine = createEngine(fixtureKnowledge());
  const keys = [FAKE.openai(), FAKE.stripeLive(), FAKE.slackBot(), fakeJwt({ exp: NOW / 1000 - 10 })];

  it('answers every step of 200 random conversations with a reply and plain-JSON state', () => {
    const next = rng(42);
    const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)] as T;
    for (let c = 0; c < 200; c++) {
      let state: ConversationState | undefined;
      let choices: string[] = [];
      for (let turn = 0; turn < 6; turn++) {
        let input: EngineInput;
        if (choices.length > 0 && next() < 0.4) input = { type: 'choice', choiceId: pick(choices) };
        else {
          const parts = Array.from({ length: 1 + Math.floor(next() * 6) }, () =>
            next() < 0.1 ? pick(keys) : pick(FRAGMENTS),
          );
          input = { type: 'message', text: parts.join(next() < 0.5 ? ' ' : '') };
        }
        const r = engine.step(state, input, { now: NOW + turn });
        expect(r.reply.heading.length).toBeGreaterThan(0);
        state = JSON.parse(JSON.stringify(r.state)) as ConversationState;
        for (const k of keys) expect(JSON.stringify(r)).not.toContain(k);
        choices = r.reply.choices.map((ch) => ch.id);
      }
    }
  });
});
