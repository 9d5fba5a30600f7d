import { describe, expect, it } from 'vitest';
import { createEngine } from '../../src/engine/index.ts';
import { MAX_QUESTIONS } from '../../src/engine/limits.ts';
import type { ConversationState, EngineResult } from '../../src/engine/types.ts';
import { DEFAULT_KNOWLEDGE_DIR } from '../../src/knowledge/default-dir.ts';
import { loadKnowledge } from '../../src/knowledge/load.ts';
import { FAKE } from './fixtures/fake-keys.ts';
import { NOW } from './fixtures/knowledge.ts';

const knowledge = loadKnowledge(DEFAULT_KNOWLEDGE_DIR);
const engine = createEngine(knowledge);

/** Plays a conversation, answering every question with `pick` (its answer id, or undefined for "not sure"). */
function play(text: string, pick: (r: EngineResult) => string | undefined = () => undefined) {
  let state: ConversationState | undefined;
  let r = engine.step(undefined, { type: 'message', text }, { now: NOW });
  const asked: EngineResult[] = [];
  for (let i = 0; i < 6 && r.reply.kind === 'question'; i++) {
    asked.push(r);
    state = r.state;
    const aid = pick(r) ?? 'unknown';
    r = engine.step(
      state,
      { type: 'choice', choiceId: `answer:${r.reply.questionId}:${aid}` },
      { now: NOW + i + 1 },
    );
  }
  return { asked, end: r };
}

describe('GIVEN a first message that leaves the top causes close together', () => {
  it('THEN the first reply is a question, not a diagnosis', () => {
    expect(play('getting a 401 from the api since this morning').asked.length).toBeGreaterThan(0);
  });

  it('THEN at most the question limit is asked before a diagnosis', () => {
    const { asked, end } = play('401 unauthorized');
    expect(asked.length).toBeLessThanOrEqual(MAX_QUESTIONS);
    expect(end.reply.kind).toBe('diagnosis');
  });
});

describe('GIVEN a first message where one cause is clearly ahead', () => {
  it('THEN it answers at once', () => {
    const r = play(
      '<Code>RequestTimeTooSkewed</Code><Message>The difference between the request time and the current time is too large.</Message>',
    );
    expect(r.asked).toEqual([]);
    expect(r.end.reply.causeId).toBe('clock-skew');
  });
});

describe('GIVEN evidence that contradicts a question premise', () => {
  const offered = (r: EngineResult) => r.reply.choices.map((c) => c.id.split(':')[2]);

  it('THEN an sk- key is never asked about token expiry or JWT times', () => {
    const { asked } = play(`openai returns 401 for my key ${FAKE.openaiLegacy()} and I do not know why`);
    for (const q of asked) {
      expect(q.reply.questionId).not.toBe('q-jwt');
      if (q.reply.questionId === 'q-credential-type') expect(offered(q)).not.toContain('short-lived');
    }
  });

  it('THEN a Python script is never offered the browser answer', () => {
    const { asked } = play(
      'Traceback (most recent call last): File "main.py", line 3\nopenai.AuthenticationError: 401',
    );
    for (const q of asked) {
      expect(offered(q)).not.toContain('browser');
      expect(offered(q)).not.toContain('cors');
    }
  });
});

describe("GIVEN the user's own answer rules a cause out", () => {
  it('THEN the diagnosis is never that cause', () => {
    // "Works with curl, fails in my code" leaves the causes under q-header, key-missing and whitespace-or-quotes.
    const { end } = play('api returns 401 unauthorized', (r) =>
      r.reply.questionId === 'q-where' ? 'works-inline' : undefined,
    );
    expect(end.reply.kind).toBe('diagnosis');
    expect(['cors-browser', 'ip-referrer-restriction', 'clock-skew', 'billing-quota']).not.toContain(
      end.reply.causeId,
    );
  });
});

describe('GIVEN a first message on which "not a key problem" leads', () => {
  const text = 'getting a 401 from the api since this morning';

  it('THEN it asks before concluding it, since that answer rules every key cause out', () => {
    const first = engine.step(undefined, { type: 'message', text }, { now: NOW });
    expect(first.state.ranked[0]?.causeId).toBe('other');
    expect(first.reply.kind).toBe('question');
  });

  it('THEN a diagnosis still comes within the question limit', () => {
    const { asked, end } = play(text);
    expect(asked.length).toBeGreaterThan(0);
    expect(asked.length).toBeLessThanOrEqual(MAX_QUESTIONS);
    expect(['diagnosis', 'handoff']).toContain(end.reply.kind);
  });
});

describe('GIVEN evidence that answers a question and rules out another of its answers', () => {
  it('THEN "Bearer undefined" answers how the key is sent (no key), so that question is never asked', () => {
    const { asked, end } = play('curl says 401 and my header is Authorization: Bearer undefined', (r) =>
      r.reply.questionId === 'q-where' ? 'everywhere' : undefined,
    );
    expect(asked.map((r) => r.reply.questionId)).not.toContain('q-header');
    expect(end.state.impliedAnswers['q-header']).toBe('no-key');
  });

  it('THEN failing in curl too still leads to an unset key when the header shows none', () => {
    // a truthful user whose variable was never set; "not sure" counts against the causes a
    // question is about, so answering it to everything would test that rule, not this one
    const truthful: Record<string, string> = {
      'q-where': 'everywhere',
      'q-key-source': 'not-set',
      'q-403-kind': 'missing-credential',
    };
    const { end } = play(
      'curl says 401 and my header is Authorization: Bearer undefined',
      (r) => truthful[r.reply.questionId ?? ''],
    );
    expect(end.reply.causeId).toBe('key-missing');
  });
});
