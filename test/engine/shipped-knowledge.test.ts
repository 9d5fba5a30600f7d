/**
 * The engine over the shipped knowledge base: it builds, and unmistakable provider errors land on
 * their cause. (Accuracy over many cases is the evaluation's job: test/eval.)
 */
import { describe, expect, it } from 'vitest';
import { createEngine } from '../../src/engine/index.ts';
import { DEFAULT_KNOWLEDGE_DIR } from '../../src/knowledge/default-dir.ts';
import { loadKnowledge } from '../../src/knowledge/load.ts';
import { FAKE } from './fixtures/fake-keys.ts';
import { NOW } from './fixtures/knowledge.ts';

const engine = createEngine(loadKnowledge(DEFAULT_KNOWLEDGE_DIR));
const top = (text: string) => engine.diagnose(text, { now: NOW }).outcome.ranked[0]?.causeId;

describe('engine on the shipped knowledge base', () => {
  it.each([
    ['missing-bearer-prefix', `curl https://api.openai.com/v1/models -H "Authorization: ${FAKE.openai()}"`],
    [
      'cors-browser',
      'Access to fetch at https://api.openai.com/v1/chat/completions from origin http://localhost:5173 has been blocked by CORS policy',
    ],
    [
      'signature-mismatch',
      'SignatureDoesNotMatch: The request signature we calculated does not match the signature you provided',
    ],
    ['env-not-propagated', 'works locally but in docker compose the API says 401'],
    ['key-missing', 'Authorization: Bearer undefined'],
  ])('ranks %s first for a clear message', (cause, text) => {
    expect(top(text)).toBe(cause);
  });

  it('walks a conversation from a bare status to a diagnosis', () => {
    let r = engine.step(undefined, { type: 'message', text: 'I get a 401' }, { now: NOW });
    for (let i = 0; i < 5 && r.reply.kind === 'question'; i++) {
      r = engine.step(r.state, { type: 'choice', choiceId: r.reply.choices[0]!.id }, { now: NOW + i });
    }
    expect(r.reply.kind).toBe('diagnosis');
  });
});
