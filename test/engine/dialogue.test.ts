import { describe, expect, it } from 'vitest';
import { createEngine } from '../../src/engine/index.ts';
import {
  MAX_QUESTIONS,
  MAX_REJECTIONS,
  MAX_TRANSCRIPT_ENTRIES,
  MAX_TRANSCRIPT_ENTRY_CHARS,
} from '../../src/engine/limits.ts';
import type { ConversationState, EngineInput, EngineResult } from '../../src/engine/types.ts';
import { FAKE } from './fixtures/fake-keys.ts';
import { fixtureKnowledge, NOW } from './fixtures/knowledge.ts';

const engine = createEngine(fixtureKnowledge());

/** Drives a conversation, passing the state through JSON as a store would. */
function conversation() {
  let state: ConversationState | undefined;
  let t = NOW;
  const results: EngineResult[] = [];
  const send = (input: EngineInput) => {
    const stored = state === undefined ? undefined : (JSON.parse(JSON.stringify(state)) as ConversationState);
    t += 1000;
    const r = engine.step(stored, input, { now: t });
    state = r.state;
    results.push(r);
    return r;
  };
  return {
    say: (text: string) => send({ type: 'message', text }),
    choose: (choiceId: string) => send({ type: 'choice', choiceId }),
    state: () => state!,
    results,
  };
}

/** Answers questions with their first answer until a diagnosis comes. */
function untilDiagnosis(c: ReturnType<typeof conversation>, first: EngineResult): EngineResult {
  let r = first;
  for (let i = 0; i <= MAX_QUESTIONS && r.reply.kind === 'question'; i++)
    r = c.choose(r.reply.choices[0]!.id);
  return r;
}

describe('dialogue walk', () => {
  it('asks a follow-up question with answer choices and a Not sure choice when the cause is unclear', () => {
    const r = conversation().say('getting 401');
    expect(r.reply.kind).toBe('question');
    expect(r.state.phase).toBe('asking');
    expect(r.reply.choices.at(-1)).toEqual(expect.objectContaining({ label: 'Not sure' }));
    expect(r.reply.choices.every((c) => c.id.startsWith(`answer:${r.reply.questionId}:`))).toBe(true);
    expect(r.events).toEqual([{ type: 'asked', questionId: r.reply.questionId }]);
  });

  it('accepts an answer typed as its number', () => {
    const c = conversation();
    const q = c.say('getting 401');
    const r = c.say('1');
    const firstAnswer = q.reply.choices[0]!.id.split(':')[2];
    expect(r.state.userAnswers[q.reply.questionId!]).toBe(firstAnswer);
  });

  it('accepts an answer typed in words', () => {
    const c = conversation();
    c.say('getting 401 with Authorization: Bearer');
    const r = c.say('it worked yesterday');
    expect(r.state.userAnswers['q-when']).toBe('stopped');
  });

  it('accepts "not sure" and does not ask the same question again', () => {
    const c = conversation();
    const q = c.say('getting 401');
    const r = c.say('not sure');
    expect(r.state.userAnswers[q.reply.questionId!]).toBe('unknown');
    expect(r.reply.questionId).not.toBe(q.reply.questionId);
  });

  it('re-asks when a typed reply is neither an answer nor new evidence', () => {
    const c = conversation();
    const q = c.say('getting 401');
    const r = c.say('banana');
    expect(r.reply.kind).toBe('question');
    expect(r.reply.questionId).toBe(q.reply.questionId);
  });

  it('treats a typed reply that is not an answer but new evidence as evidence', () => {
    const c = conversation();
    c.say('getting 401');
    const evidence = c.say(`here is my header: Authorization: ${FAKE.openai()}`);
    expect(evidence.state.userAnswers['q-header']).toBe('bare');
    // the bare key leads; one more question may come first, and "not sure" leaves it in the lead
    const r = evidence.reply.kind === 'question' ? c.choose(evidence.reply.choices.at(-1)!.id) : evidence;
    expect(r.reply.kind).toBe('diagnosis');
    expect(r.reply.causeId).toBe('missing-bearer-prefix');
  });

  it('answers with a diagnosis: heading, why, numbered steps, feedback choices', () => {
    const c = conversation();
    const r = untilDiagnosis(c, c.say('getting 401'));
    expect(r.reply.kind).toBe('diagnosis');
    expect(r.state.phase).toBe('answered');
    expect(r.reply.heading).toBeTruthy();
    expect(r.reply.blocks.map((b) => b.type)).toEqual(expect.arrayContaining(['evidence', 'steps', 'list']));
    expect(r.reply.choices.map((ch) => ch.id)).toEqual(['feedback:fixed', 'feedback:broken']);
    expect(r.events).toContainEqual(expect.objectContaining({ type: 'diagnosed', causeId: r.reply.causeId }));
  });

  it('lists the answers given among the reasons of the diagnosis', () => {
    const c = conversation();
    c.say('getting 401 with Authorization: Bearer');
    const r = untilDiagnosis(c, c.say('it worked yesterday'));
    const why = r.reply.blocks.find((b) => b.type === 'evidence');
    expect(JSON.stringify(why)).toContain('It worked before and stopped');
  });

  it('answers directly when the evidence is clear', () => {
    const r = conversation().say(
      `curl https://api.openai.com/v1/models -H "Authorization: ${FAKE.openai()}"`,
    );
    expect(r.reply.kind).toBe('diagnosis');
    expect(r.reply.causeId).toBe('missing-bearer-prefix');
  });

  it('asks at most the question limit before answering', () => {
    const c = conversation();
    let r = c.say('401');
    let asked = 0;
    while (r.reply.kind === 'question' && asked < 10) {
      asked++;
      r = c.choose(r.reply.choices.at(-1)!.id);
    }
    expect(asked).toBeLessThanOrEqual(MAX_QUESTIONS);
    expect(r.reply.kind).toBe('diagnosis');
  });

  it('moves to the next candidate on "Still broken"', () => {
    const c = conversation();
    const first = untilDiagnosis(c, c.say('getting 401'));
    const r = c.choose('feedback:broken');
    expect(r.state.rejected).toEqual([first.reply.causeId]);
    expect(r.events).toContainEqual(
      expect.objectContaining({ type: 'feedback', causeId: first.reply.causeId, fixed: false }),
    );
    const next = untilDiagnosis(c, r);
    expect(next.reply.kind).toBe('diagnosis');
    expect(next.reply.causeId).not.toBe(first.reply.causeId);
  });

  it('moves to the next candidate when the user types that it did not fix it', () => {
    const c = conversation();
    const first = c.say(`Authorization: ${FAKE.openai()} gives 401`);
    const r = c.say("that didn't fix it, still 401");
    expect(r.state.rejected).toContain(first.reply.causeId);
  });

  it('hands off to a person when the candidates are exhausted', () => {
    const c = conversation();
    let r = untilDiagnosis(c, c.say('getting 401'));
    for (let i = 0; i < MAX_REJECTIONS && r.reply.kind !== 'handoff'; i++)
      r = untilDiagnosis(c, c.choose('feedback:broken'));
    expect(r.reply.kind).toBe('handoff');
    expect(r.state.phase).toBe('exhausted');
    const event = r.events.find((e) => e.type === 'handoff');
    expect(event).toEqual(expect.objectContaining({ reason: 'exhausted' }));
    expect(JSON.stringify(event)).toMatch(/Tried without success/);
    // the summary is a notice for the adapter to word; the reply promises nothing platform-specific
    expect(r.notices).toContainEqual(expect.objectContaining({ type: 'handoff', reason: 'exhausted' }));
    expect(JSON.stringify(r.reply)).not.toMatch(/reply here|Tried without success/);
  });

  it('resolves on "Fixed it" with a feedback event and thanks', () => {
    const c = conversation();
    const d = untilDiagnosis(c, c.say('getting 401'));
    const r = c.choose('feedback:fixed');
    expect(r.state.phase).toBe('resolved');
    expect(r.events).toContainEqual(
      expect.objectContaining({ type: 'feedback', causeId: d.reply.causeId, fixed: true }),
    );
    expect(r.reply.kind).toBe('info');
  });

  it('does not count a second click on "Fixed it" twice', () => {
    const c = conversation();
    untilDiagnosis(c, c.say('getting 401'));
    c.choose('feedback:fixed');
    const r = c.choose('feedback:fixed');
    expect(r.events).toEqual([]);
    expect(r.state.phase).toBe('resolved');
  });

  it('resolves when the user types that it works now', () => {
    const c = conversation();
    untilDiagnosis(c, c.say('getting 401'));
    expect(c.say('thanks, that fixed it!').state.phase).toBe('resolved');
  });

  it('treats a symptom that says where it works as evidence, not as "fixed"', () => {
    const c = conversation();
    untilDiagnosis(c, c.say('getting 401'));
    const r = c.say('it works on my laptop but fails in docker');
    expect(r.state.phase).not.toBe('resolved');
    expect(r.events).not.toContainEqual(expect.objectContaining({ type: 'feedback', fixed: true }));
  });

  it('resolves when the user types that it is fixed while a question is pending', () => {
    const c = conversation();
    const q = c.say('getting 401');
    expect(q.reply.kind).toBe('question');
    const r = c.say('fixed it');
    expect(r.state.phase).toBe('resolved');
    expect(r.state.pendingQuestion).toBeUndefined();
    expect(r.reply.kind).toBe('info');
  });

  it('reopens the last diagnosis and moves on when "it did not fix it" follows "Fixed it"', () => {
    const c = conversation();
    const d = untilDiagnosis(c, c.say('getting 401'));
    c.choose('feedback:fixed');
    const r = c.say("sorry, that didn't fix it");
    expect(r.state.rejected).toEqual([d.reply.causeId]);
    expect(r.reply.causeId).not.toBe(d.reply.causeId);
  });

  it('starts a new conversation when new evidence arrives after it was resolved', () => {
    const c = conversation();
    untilDiagnosis(c, c.say('getting 401'));
    c.choose('feedback:fixed');
    const r = c.say('now a different thing: it works locally but fails in docker');
    expect(r.state.phase).toBe('answered');
    expect(r.reply.causeId).toBe('env-not-propagated');
    expect(r.state.rejected).toEqual([]);
  });

  it('re-ranks with new evidence typed after a diagnosis', () => {
    const c = conversation();
    c.say('Authorization: Bearer undefined');
    const r = c.say(`oh and the token is a JWT that expired: "exp": ${NOW / 1000 - 5000}`);
    expect(['diagnosis', 'question']).toContain(r.reply.kind);
    expect(r.state.evidence.signals.map((s) => s.signal)).toContain('jwt:expired');
  });

  it('says so when new evidence after a diagnosis points to the same cause', () => {
    const c = conversation();
    c.say('Authorization: Bearer undefined');
    const r = c.say('and process.env.API_KEY is undefined when I print it, dotenv not loading');
    expect(r.reply.causeId).toBe('key-missing');
    expect(r.reply.blocks[0]).toEqual({ type: 'text', text: expect.stringMatching(/same cause/) });
  });

  it('starts over on "start over" with a restarted event', () => {
    const c = conversation();
    c.say('getting 401');
    const r = c.say('start over');
    expect(r.events).toEqual([{ type: 'restarted' }]);
    expect(r.state.phase).toBe('new');
    expect(r.state.evidence.signals).toEqual([]);
  });

  it('starts over on the restart choice', () => {
    const c = conversation();
    c.say('getting 401');
    expect(c.choose('restart').state.userAnswers).toEqual({});
  });

  it('shows usage on "help" without changing the conversation', () => {
    const c = conversation();
    c.say('getting 401');
    const r = c.say('help');
    expect(r.reply.kind).toBe('info');
    expect(r.state.phase).toBe('asking');
  });

  it('hands off on request with a redacted summary', () => {
    const c = conversation();
    const key = FAKE.openai();
    c.say(`401 with ${key}`);
    const r = c.say('can I talk to a person?');
    expect(r.reply.kind).toBe('handoff');
    expect(r.state.phase).toBe('handed-off');
    expect(r.events).toContainEqual(expect.objectContaining({ type: 'handoff', reason: 'requested' }));
    expect(JSON.stringify(r)).not.toContain(key);
  });

  it('reports a pasted live key as a notice (not worded in the reply), returns its fingerprint, and keeps it out of the state', () => {
    const key = FAKE.githubClassic();
    const r = conversation().say(`github says Bad credentials with Authorization: token ${key}`);
    expect(r.notices).toContainEqual(expect.objectContaining({ type: 'credential', live: true }));
    expect(r.reply.blocks.some((b) => b.type === 'warning')).toBe(false);
    expect(r.credentials).toEqual([expect.objectContaining({ provider: 'github', live: true })]);
    expect(JSON.stringify(r)).not.toContain(key);
  });

  it('asks for details with an example when the first message says nothing useful', () => {
    const r = conversation().say('hi');
    expect(r.reply.kind).toBe('info');
    expect(r.state.phase).toBe('new');
  });

  it('accepts an answer choice and records it in the log', () => {
    const c = conversation();
    const q = c.say('getting 401');
    const r = c.choose(q.reply.choices[1]!.id);
    expect(r.state.log).toContainEqual({
      type: 'answered',
      questionId: q.reply.questionId,
      answerId: q.reply.choices[1]!.id.split(':')[2],
    });
  });

  it('survives an unknown choice id', () => {
    const c = conversation();
    c.say('getting 401');
    expect(() => c.choose('answer:nope:nothing')).not.toThrow();
  });
});

describe('conversation state', () => {
  it('round-trips through JSON unchanged', () => {
    const c = conversation();
    c.say(`401 from ${FAKE.openai()}`);
    const s = c.state();
    expect(JSON.parse(JSON.stringify(s))).toEqual(s);
  });

  it('never mutates the state passed in', () => {
    const first = engine.step(undefined, { type: 'message', text: 'getting 401' }, { now: NOW });
    const frozen = JSON.stringify(first.state);
    engine.step(first.state, { type: 'message', text: '1' }, { now: NOW + 1 });
    expect(JSON.stringify(first.state)).toBe(frozen);
  });

  it('caps the transcript', () => {
    let state: ConversationState | undefined;
    for (let i = 0; i < MAX_TRANSCRIPT_ENTRIES + 10; i++) {
      state = engine.step(
        state,
        { type: 'message', text: `message ${i} ${'x'.repeat(2000)}` },
        { now: NOW + i },
      ).state;
    }
    expect(state!.transcript.length).toBeLessThanOrEqual(MAX_TRANSCRIPT_ENTRIES);
    expect(Math.max(...state!.transcript.map((t) => t.length))).toBeLessThanOrEqual(
      MAX_TRANSCRIPT_ENTRY_CHARS,
    );
  });

  it('starts afresh from a corrupt stored state', () => {
    const r = engine.step(
      { version: 7 } as unknown as ConversationState,
      { type: 'message', text: 'getting 401' },
      { now: NOW },
    );
    expect(r.state.version).toBe(2);
  });

  it('takes its times from the context', () => {
    const r = engine.step(undefined, { type: 'message', text: 'getting 401' }, { now: 12345 });
    expect(r.state.startedAt).toBe(12345);
    expect(r.state.updatedAt).toBe(12345);
  });
});
