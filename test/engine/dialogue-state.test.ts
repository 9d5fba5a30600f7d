import { describe, expect, it } from 'vitest';
import { applyMove, DIALOGUE_TABLE } from '../../src/engine/dialogue-table.ts';
import { createEngine } from '../../src/engine/index.ts';
import { initialState, loadState, pathOf } from '../../src/engine/state.ts';
import type { ConversationState, EngineResult } from '../../src/engine/types.ts';
import { fixtureKnowledge, NOW } from './fixtures/knowledge.ts';

const engine = createEngine(fixtureKnowledge());

/** A version 1 state as stores written it before the typed log: answers map plus a string path. */
function v1State(): Record<string, unknown> {
  const { asked, userAnswers, impliedAnswers, reprompts, diagnoses, log, ...rest } = initialState(NOW);
  void [asked, userAnswers, impliedAnswers, reprompts, diagnoses, log];
  return {
    ...rest,
    version: 1,
    phase: 'answered',
    answers: { 'q-status': 's401', 'q-when': 'stopped' },
    path: ['implied:q-status=s401', 'ask:q-when', 'q:q-when=stopped', 'dx:key-revoked'],
    currentCause: 'key-revoked',
    ranked: [{ causeId: 'key-revoked', score: 3, confidence: 0.7, reasons: [] }],
    transcript: ['getting 401', 'it worked yesterday'],
    turns: 2,
  };
}

describe('GIVEN a stored version 1 state', () => {
  it('THEN it is migrated to typed fields: asked, user answers, implied answers, diagnoses', () => {
    const loaded = loadState(v1State());
    expect(loaded.ok).toBe(true);
    if (!loaded.ok) return;
    expect(loaded.migrated).toBe(true);
    expect(loaded.state.version).toBe(2);
    expect(loaded.state.asked).toEqual(['q-when']);
    expect(loaded.state.userAnswers).toEqual({ 'q-when': 'stopped' });
    expect(loaded.state.impliedAnswers).toEqual({ 'q-status': 's401' });
    expect(loaded.state.diagnoses).toEqual([{ causeId: 'key-revoked', confidence: 0.7 }]);
    expect(pathOf(loaded.state.log)).toEqual(v1State().path);
  });

  it('THEN the conversation continues from it: "Still broken" rejects the diagnosis it held', () => {
    const r = engine.step(
      v1State() as unknown as ConversationState,
      { type: 'choice', choiceId: 'feedback:broken' },
      { now: NOW + 1000 },
    );
    expect(r.state.version).toBe(2);
    expect(r.state.rejected).toEqual(['key-revoked']);
    expect(r.events).toContainEqual(expect.objectContaining({ type: 'feedback', causeId: 'key-revoked' }));
  });

  it('THEN a malformed one is an error value, not an exception', () => {
    const broken = { ...v1State(), path: 'not a list' };
    const loaded = loadState(broken);
    expect(loaded).toEqual({ ok: false, error: expect.objectContaining({ kind: 'malformed', version: 1 }) });
    expect(loadState({ version: 9 })).toEqual({ ok: false, error: { kind: 'unknown-version', version: 9 } });
  });
});

describe('GIVEN the dialogue table', () => {
  it('THEN an answer to a question that is not pending is an illegal move value and changes nothing', () => {
    const s = initialState(NOW);
    const before = JSON.stringify(s);
    const error = applyMove(s, { type: 'answer', questionId: 'q-when', answerId: 'stopped' });
    expect(error).toEqual(expect.objectContaining({ kind: 'illegal-move', move: 'answer', phase: 'new' }));
    expect(JSON.stringify(s)).toBe(before);
  });

  it('THEN a question is never asked twice', () => {
    const s = initialState(NOW);
    expect(applyMove(s, { type: 'ask', questionId: 'q-when' })).toBeUndefined();
    applyMove(s, { type: 'skip', questionId: 'q-when' });
    expect(applyMove(s, { type: 'ask', questionId: 'q-when' })).toEqual(
      expect.objectContaining({ reason: 'that question was already asked' }),
    );
  });

  it('THEN a rejected cause cannot be diagnosed again', () => {
    const s = initialState(NOW);
    applyMove(s, { type: 'diagnose', causeId: 'key-missing', confidence: 0.5 });
    applyMove(s, { type: 'reject', causeId: 'key-missing' });
    expect(applyMove(s, { type: 'diagnose', causeId: 'key-missing', confidence: 0.5 })?.kind).toBe(
      'illegal-move',
    );
  });

  it('THEN every move names the phases it is allowed in', () => {
    for (const row of Object.values(DIALOGUE_TABLE)) expect(row.from.length).toBeGreaterThan(0);
  });
});

/** Drives a conversation through JSON, as a store would. */
function talk() {
  let state: ConversationState | undefined;
  let t = NOW;
  return (text: string): EngineResult => {
    t += 1000;
    const r = engine.step(
      state && (JSON.parse(JSON.stringify(state)) as ConversationState),
      { type: 'message', text },
      { now: t },
    );
    state = r.state;
    return r;
  };
}

describe('GIVEN a question is pending', () => {
  it('WHEN the user says "still broken" THEN the question is not repeated', () => {
    const say = talk();
    const q = say('getting 401');
    expect(q.reply.kind).toBe('question');
    const r = say('still broken');
    expect(r.reply.questionId).not.toBe(q.reply.questionId);
    expect(r.state.log).toContainEqual({ type: 'skipped', questionId: q.reply.questionId });
  });

  it('WHEN the user says "still broken" again and again THEN no question comes twice and it ends', () => {
    const say = talk();
    let r = say('getting 401');
    const seen: string[] = [];
    for (let i = 0; i < 6 && r.reply.kind === 'question'; i++) {
      seen.push(r.reply.questionId!);
      r = say('still broken');
    }
    expect(new Set(seen).size).toBe(seen.length);
    expect(['diagnosis', 'handoff']).toContain(r.reply.kind);
  });

  it('WHEN "still broken" comes a second time THEN the reply offers a person', () => {
    const say = talk();
    say('getting 401');
    say('still broken');
    const r = say('still broken');
    expect(JSON.stringify(r.reply.blocks)).toMatch(/talk to a person/);
  });

  it('WHEN a reply is neither an answer nor evidence twice THEN the question is left behind', () => {
    const say = talk();
    const q = say('getting 401');
    expect(say('banana').reply.questionId).toBe(q.reply.questionId);
    expect(say('banana').reply.questionId).not.toBe(q.reply.questionId);
  });
});

describe('GIVEN a hand-off', () => {
  it('THEN its summary lists only answers to questions the user was asked', () => {
    const say = talk();
    say('got a 401 from my api');
    const r = say('talk to a person');
    const handoff = r.events.find((e) => e.type === 'handoff');
    expect(JSON.stringify(handoff)).not.toMatch(/Answers:/);
  });
});
