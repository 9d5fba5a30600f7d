/**
 * The conversation walk: one input (message or choice) and the state in, the new state and one
 * reply out. Pure: the state passed in is never mutated, time comes from the context.
 */

import { applyImpliedAnswers, rankState } from './analyse.ts';
import { matchAnswer } from './answer-match.ts';
import type { EngineCore } from './core.ts';
import { extractEvidence } from './evidence/index.ts';
import { addsEvidence, mergeEvidence } from './evidence/merge.ts';
import { detectIntent } from './intents.ts';
import { MAX_QUESTIONS, MAX_REJECTIONS } from './limits.ts';
import { nextQuestion } from './next-question.ts';
import { diagnosisReply } from './replies/diagnosis-reply.ts';
import { handoffReply, handoffSummary } from './replies/handoff-reply.ts';
import {
  feedbackPromptReply,
  helpReply,
  needMoreReply,
  restartedReply,
  thanksReply,
} from './replies/info-replies.ts';
import { NOT_SURE, questionReply } from './replies/question-reply.ts';
import { addPath, addTranscript, initialState, isUsableState, questionsAsked } from './state.ts';
import type {
  ConversationState,
  CredentialFingerprint,
  EngineContext,
  EngineEvent,
  EngineInput,
  EngineResult,
  Evidence,
  Notice,
  Reply,
} from './types.ts';

/** After a rejection, the next candidate needs at least this much evidence to be worth offering. */
const MIN_SUPPORT_AFTER_REJECTION = 1;
/** A message with text this similar to some cause counts as new evidence even without a signal. */
const NEW_TEXT_COVERAGE = 0.5;

interface Turn {
  state: ConversationState;
  events: EngineEvent[];
  credentials: CredentialFingerprint[];
}

function result(turn: Turn, reply: Reply): EngineResult {
  const notices: Notice[] = [];
  if (turn.credentials.length > 0)
    notices.push({
      type: 'credential',
      credentials: turn.credentials,
      live: turn.credentials.some((c) => c.live),
    });
  for (const e of turn.events)
    if (e.type === 'handoff') notices.push({ type: 'handoff', reason: e.reason, summary: e.summary });
  return { state: turn.state, reply, credentials: turn.credentials, notices, events: turn.events };
}

function fresh(turn: Turn, now: number): ConversationState {
  const s = initialState(now);
  s.turns = turn.state.turns;
  return s;
}

function handoff(core: EngineCore, turn: Turn, reason: 'exhausted' | 'requested'): Reply {
  turn.state.phase = reason === 'exhausted' ? 'exhausted' : 'handed-off';
  delete turn.state.pendingQuestion;
  addPath(turn.state, `handoff:${reason}`);
  const summary = handoffSummary(core.knowledge, turn.state);
  turn.events.push({ type: 'handoff', reason, summary });
  return handoffReply(reason);
}

function whatWeSaw(evidence: Evidence): string[] {
  return [
    ...evidence.signals.map((s) => s.detail),
    ...evidence.errors.map((e) => `the API says \`${e.match}\``),
  ];
}

/** Ranks, then asks the most useful question or answers with the best candidate. */
function proceed(core: EngineCore, turn: Turn, intro?: string): Reply {
  const { state } = turn;
  applyImpliedAnswers(core, state);
  const ranking = rankState(core, state);
  state.ranked = ranking.outcome.ranked;
  const [top, ...others] = ranking.scored;
  if (!top || ranking.outcome.kind === 'none') {
    if (state.rejected.length > 0) return handoff(core, turn, 'exhausted');
    state.phase = 'new';
    delete state.pendingQuestion;
    return needMoreReply(state.transcript.length === 0);
  }
  if (state.rejected.length > 0 && top.support < MIN_SUPPORT_AFTER_REJECTION)
    return handoff(core, turn, 'exhausted');
  if (ranking.outcome.kind === 'ambiguous' && questionsAsked(state) < MAX_QUESTIONS) {
    const qid = nextQuestion(core.knowledge, core.tree, ranking.scored, state.answers);
    const q = qid ? core.knowledge.questions.get(qid) : undefined;
    if (q) {
      state.phase = 'asking';
      state.pendingQuestion = q.id;
      addPath(state, `ask:${q.id}`);
      turn.events.push({ type: 'asked', questionId: q.id });
      return questionReply(q, whatWeSaw(state.evidence), intro);
    }
  }
  state.phase = 'answered';
  delete state.pendingQuestion;
  state.currentCause = top.causeId;
  addPath(state, `dx:${top.causeId}`);
  turn.events.push({ type: 'diagnosed', causeId: top.causeId, confidence: top.confidence });
  return diagnosisReply(core.knowledge, top, others, state.evidence, {
    ...(intro ? { intro } : {}),
    tentative: ranking.outcome.kind !== 'matched',
  });
}

function recordAnswer(turn: Turn, questionId: string, answerId: string): void {
  turn.state.answers[questionId] = answerId;
  addPath(turn.state, `q:${questionId}=${answerId}`);
  delete turn.state.pendingQuestion;
}

function feedback(turn: Turn, fixed: boolean): void {
  const causeId = turn.state.currentCause;
  if (!causeId) return;
  turn.events.push({
    type: 'feedback',
    causeId,
    fixed,
    path: [...turn.state.path],
    symptoms: [...turn.state.transcript],
  });
}

function resolve(turn: Turn): Reply {
  feedback(turn, true);
  turn.state.phase = 'resolved';
  addPath(turn.state, `fixed:${turn.state.currentCause ?? ''}`);
  return thanksReply();
}

function reject(core: EngineCore, turn: Turn): Reply {
  const { state } = turn;
  const current = state.currentCause;
  if (!current) return proceed(core, turn);
  feedback(turn, false);
  if (!state.rejected.includes(current)) state.rejected.push(current);
  addPath(state, `rejected:${current}`);
  delete state.currentCause;
  if (state.rejected.length >= MAX_REJECTIONS || state.rejected.length >= core.knowledge.causes.size) {
    return handoff(core, turn, 'exhausted');
  }
  return proceed(core, turn, "Sorry, that did not fix it. Let's look at the next most likely cause.");
}

function onChoice(core: EngineCore, turn: Turn, choiceId: string, now: number): Reply {
  const { state } = turn;
  if (choiceId === 'restart') {
    turn.state = fresh(turn, now);
    turn.events.push({ type: 'restarted' });
    return restartedReply();
  }
  if (choiceId === 'handoff') return handoff(core, turn, 'requested');
  const diagnosed = !!state.currentCause && state.phase === 'answered';
  if (choiceId === 'feedback:fixed') {
    if (diagnosed) return resolve(turn);
    // A second click on "Fixed it" (or one on an old message) must not count twice.
    if (state.phase === 'resolved') return thanksReply();
  }
  if (choiceId === 'feedback:broken' && diagnosed) return reject(core, turn);
  const m = /^answer:([a-z0-9-]{1,60}):([a-z0-9-]{1,60})$/.exec(choiceId);
  const q = m ? core.knowledge.questions.get(m[1] ?? '') : undefined;
  const aid = m?.[2] ?? '';
  if (q && (aid === NOT_SURE || q.answers.some((a) => a.id === aid))) {
    recordAnswer(turn, q.id, aid);
    return proceed(core, turn);
  }
  // A stale or unknown button: carry on from where the conversation is.
  return state.phase === 'new' ? needMoreReply(state.transcript.length === 0) : proceed(core, turn);
}

/** True when a message brings something to rank on: a signal, an error string, or a close phrase. */
function informative(core: EngineCore, older: Evidence, newer: Evidence): boolean {
  if (addsEvidence(older, newer)) return true;
  const ranking = rankState(core, { ...initialState(0), evidence: newer });
  return (ranking.scored[0]?.text.coverage ?? 0) >= NEW_TEXT_COVERAGE;
}

function onMessage(core: EngineCore, turn: Turn, text: string, now: number): Reply {
  const evidence = extractEvidence(core.evidence, text, now);
  turn.credentials = evidence.credentials;
  const intent = detectIntent(evidence.redactedText);
  if (intent === 'restart') {
    turn.state = fresh(turn, now);
    turn.events.push({ type: 'restarted' });
    return restartedReply();
  }
  if (intent === 'help') return helpReply();
  // The request for a person is a command, not a symptom: it stays out of the hand-off summary.
  if (intent === 'human') return handoff(core, turn, 'requested');
  addTranscript(turn.state, evidence.redactedText);
  let { state } = turn;
  if (state.phase === 'resolved' && intent === 'broken' && state.currentCause) {
    // "Fixed it" was premature: reopen the last diagnosis and move on from it.
    state.phase = 'answered';
    state.evidence = mergeEvidence(state.evidence, evidence);
    return reject(core, turn);
  }
  if (state.phase === 'resolved' || state.phase === 'exhausted' || state.phase === 'handed-off') {
    if (intent === 'fixed') return thanksReply();
    // A new problem after the last one was closed: a new conversation in the same thread.
    turn.state = fresh(turn, now);
    state = turn.state;
    addTranscript(state, evidence.redactedText);
  }
  if (state.phase === 'asking' && state.pendingQuestion && intent === 'fixed') {
    // The user solved it while we were still asking: record it against the last diagnosis, if any.
    delete state.pendingQuestion;
    if (state.currentCause) return resolve(turn);
    state.phase = 'resolved';
    addPath(state, 'fixed:');
    return thanksReply();
  }
  if (state.phase === 'asking' && state.pendingQuestion) {
    const matcher = core.answerMatchers.get(state.pendingQuestion);
    const signals = evidence.signals.map((x) => x.signal);
    const aid = matcher ? matchAnswer(matcher, evidence.redactedText, signals) : undefined;
    if (aid) {
      recordAnswer(turn, state.pendingQuestion, aid);
      return proceed(core, turn);
    }
    if (!informative(core, state.evidence, evidence)) {
      const q = core.knowledge.questions.get(state.pendingQuestion);
      if (q)
        return questionReply(
          q,
          [],
          'I did not catch which answer you mean. Pick one of these, or say "not sure".',
        );
    }
    // Not an answer but new evidence: re-rank with it (the question comes back if still the most
    // useful one; the question budget keeps that from looping).
    delete state.pendingQuestion;
    state.evidence = mergeEvidence(state.evidence, evidence);
    return proceed(core, turn);
  }
  if (state.phase === 'answered') {
    if (intent === 'fixed') return resolve(turn);
    if (intent === 'broken') {
      state.evidence = mergeEvidence(state.evidence, evidence);
      return reject(core, turn);
    }
    if (!informative(core, state.evidence, evidence)) return feedbackPromptReply();
    state.evidence = mergeEvidence(state.evidence, evidence);
    const before = state.currentCause;
    const reply = proceed(core, turn);
    if (reply.kind !== 'diagnosis' || reply.causeId !== before) return reply;
    return {
      ...reply,
      blocks: [{ type: 'text', text: 'Thanks, that still points to the same cause.' }, ...reply.blocks],
    };
  }
  if (!evidence.redactedText.trim()) return needMoreReply(state.transcript.length === 0);
  state.evidence = mergeEvidence(state.evidence, evidence);
  return proceed(core, turn);
}

/** One step of a conversation. */
export function stepConversation(
  core: EngineCore,
  previous: ConversationState | undefined,
  input: EngineInput,
  ctx: EngineContext,
): EngineResult {
  const now = ctx.now;
  const state: ConversationState = isUsableState(previous) ? structuredClone(previous) : initialState(now);
  state.turns += 1;
  state.updatedAt = now;
  const turn: Turn = { state, events: [], credentials: [] };
  const reply =
    input.type === 'choice'
      ? onChoice(core, turn, String(input.choiceId ?? ''), now)
      : onMessage(core, turn, String(input.text ?? ''), now);
  turn.state.updatedAt = now;
  return result(turn, reply);
}
