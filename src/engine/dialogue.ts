/**
 * The conversation walk: one input (message or choice) and the state in, the new state and one
 * reply out. Pure: the state passed in is never mutated, time comes from the context.
 */

import { applyImpliedAnswers, rankState, seenSignals } from './analyse.ts';
import { matchAnswer } from './answer-match.ts';
import type { EngineCore } from './core.ts';
import { applyMove, type DialogueMove, type IllegalMove } from './dialogue-table.ts';
import { extractEvidence } from './evidence/index.ts';
import { addsEvidence, mergeEvidence } from './evidence/merge.ts';
import { detectIntent } from './intents.ts';
import { MAX_QUESTIONS, MAX_REJECTIONS } from './limits.ts';
import {
  type Candidate,
  clearlyAhead,
  minimumGain,
  nextQuestion,
  offeredAnswers,
  standingCandidates,
} from './next-question.ts';
import type { ScoredCause } from './rank.ts';
import { apiSays } from './replies/api-says.ts';
import { answerKey } from './tree-index.ts';
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
import { addTranscript, allAnswers, initialState, loadState, pathOf } from './state.ts';
import type {
  ConversationState,
  CredentialFingerprint,
  EngineContext,
  EngineEvent,
  EngineInput,
  EngineResult,
  Evidence,
  Notice,
  RankedCause,
  Reply,
} from './types.ts';

/** After a rejection, the next candidate needs at least this much evidence to be worth offering. */
const MIN_SUPPORT_AFTER_REJECTION = 1;
/** A message with text this similar to some cause counts as new evidence even without a signal. */
const NEW_TEXT_COVERAGE = 0.5;
/** Replies to a question that are neither an answer nor evidence before the question is left behind. */
const MAX_REPROMPTS = 1;

interface Turn {
  state: ConversationState;
  events: EngineEvent[];
  credentials: CredentialFingerprint[];
  /** illegal moves attempted this turn (answered politely; kept for tests and debugging) */
  illegal: IllegalMove[];
  /** follow-up questions allowed in this conversation */
  maxQuestions: number;
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

/** Applies a move; an illegal one is recorded and reported as false instead of throwing. */
function move(turn: Turn, m: DialogueMove): boolean {
  const error = applyMove(turn.state, m);
  if (error) turn.illegal.push(error);
  return !error;
}

function fresh(turn: Turn, now: number): ConversationState {
  const s = initialState(now);
  s.turns = turn.state.turns;
  return s;
}

function handoff(core: EngineCore, turn: Turn, reason: 'exhausted' | 'requested'): Reply {
  move(turn, { type: 'handoff', reason });
  const summary = handoffSummary(core.knowledge, turn.state);
  turn.events.push({ type: 'handoff', reason, summary });
  return handoffReply(reason);
}

function whatWeSaw(evidence: Evidence): string[] {
  return [
    ...evidence.signals.map((s) => s.detail),
    ...evidence.errors.map((e) => apiSays(e.match, e.provider)),
  ];
}

/** The user's answers that lead to `causeId`, as reasons. */
function answerReasons(core: EngineCore, state: ConversationState, causeId: string): string[] {
  return Object.entries(state.userAnswers).flatMap(([qid, aid]) => {
    const q = core.knowledge.questions.get(qid);
    const label = q?.answers.find((a) => a.id === aid)?.label;
    const under = core.tree.byAnswer.get(answerKey(qid, aid)) ?? [];
    return q && label && under.includes(causeId) ? [`you answered "${label}" to "${q.text}"`] : [];
  });
}

/** A scored cause shown with the confidence it keeps among the standing candidates. */
function shown(
  core: EngineCore,
  state: ConversationState,
  scored: readonly ScoredCause[],
  c: Candidate,
): RankedCause {
  const s = scored.find((x) => x.causeId === c.causeId);
  return {
    causeId: c.causeId,
    score: s?.score ?? 0,
    confidence: Math.round(c.confidence * 1000) / 1000,
    reasons: [...answerReasons(core, state, c.causeId), ...(s?.reasons ?? [])],
  };
}

function ask(
  core: EngineCore,
  turn: Turn,
  candidates: readonly Candidate[],
  intro?: string,
  minGain?: number,
): Reply | undefined {
  const { state } = turn;
  if (state.asked.length >= turn.maxQuestions) return undefined;
  const seen = seenSignals(core, state);
  const qid = nextQuestion(
    core.knowledge,
    core.tree,
    candidates,
    allAnswers(state),
    seen,
    state.asked,
    minGain,
  );
  const q = qid ? core.knowledge.questions.get(qid) : undefined;
  if (!q || !move(turn, { type: 'ask', questionId: q.id })) return undefined;
  turn.events.push({ type: 'asked', questionId: q.id });
  return questionReply({ ...q, answers: offeredAnswers(q, seen) }, whatWeSaw(state.evidence), intro);
}

/** Ranks, then asks the most useful question or answers with the best standing candidate. */
function proceed(core: EngineCore, turn: Turn, intro?: string): Reply {
  const { state } = turn;
  applyImpliedAnswers(core, state);
  const ranking = rankState(core, state);
  state.ranked = ranking.outcome.ranked;
  const candidates = standingCandidates(core.knowledge, core.tree, ranking.scored, state.userAnswers);
  const top = candidates[0];
  if (!top || ranking.outcome.kind === 'none') {
    // Rejections, or answers that between them rule every cause out: a person, not "tell me more".
    if (state.rejected.length > 0 || (!top && state.asked.length > 0))
      return handoff(core, turn, 'exhausted');
    move(turn, { type: 'need-more' });
    return needMoreReply(state.transcript.length === 0);
  }
  const topScored = ranking.scored.find((s) => s.causeId === top.causeId);
  // After a rejection, offer the next cause only when the evidence or the user's answers point at it.
  const supported =
    (topScored?.support ?? 0) >= MIN_SUPPORT_AFTER_REJECTION ||
    answerReasons(core, state, top.causeId).length > 0;
  if (state.rejected.length > 0 && !supported) return handoff(core, turn, 'exhausted');
  // "Not a key problem" rules every key cause out: not concluded from the first message alone.
  const unconfirmedOutside =
    !!core.knowledge.causes.get(top.causeId)?.outside_tree && state.asked.length === 0;
  const ahead = clearlyAhead(candidates) && !unconfirmedOutside;
  if (!ahead) {
    const question = ask(core, turn, candidates, intro, minimumGain(top, unconfirmedOutside));
    if (question) return question;
  }
  if (!move(turn, { type: 'diagnose', causeId: top.causeId, confidence: top.confidence }))
    return handoff(core, turn, 'exhausted');
  turn.events.push({ type: 'diagnosed', causeId: top.causeId, confidence: top.confidence });
  return diagnosisReply(
    core.knowledge,
    shown(core, state, ranking.scored, top),
    candidates.slice(1).map((c) => shown(core, state, ranking.scored, c)),
    state.evidence,
    { ...(intro ? { intro } : {}), tentative: !ahead },
  );
}

function feedback(turn: Turn, fixed: boolean): void {
  const causeId = turn.state.currentCause;
  if (!causeId) return;
  turn.events.push({
    type: 'feedback',
    causeId,
    fixed,
    path: pathOf(turn.state.log),
    symptoms: [...turn.state.transcript],
  });
}

function resolve(turn: Turn): Reply {
  feedback(turn, true);
  move(turn, { type: 'fix' });
  return thanksReply();
}

function reject(core: EngineCore, turn: Turn): Reply {
  const { state } = turn;
  const current = state.currentCause;
  if (!current) return proceed(core, turn);
  feedback(turn, false);
  move(turn, { type: 'reject', causeId: current });
  if (state.rejected.length >= MAX_REJECTIONS || state.rejected.length >= core.knowledge.causes.size) {
    return handoff(core, turn, 'exhausted');
  }
  return proceed(core, turn, "Sorry, that did not fix it. Let's look at the next most likely cause.");
}

/** The user moves on from the pending question: it counts as "not sure" and is never asked again. */
function moveOn(core: EngineCore, turn: Turn, questionId: string): Reply {
  move(turn, { type: 'skip', questionId });
  const skipped = turn.state.log.filter((e) => e.type === 'skipped').length;
  return proceed(
    core,
    turn,
    skipped >= 2
      ? 'Let\'s skip that one too. If none of these questions helps, say "talk to a person" and I will pass this to a human.'
      : "All right, let's skip that question.",
  );
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
  if (choiceId === 'feedback:broken') {
    if (diagnosed) return reject(core, turn);
    // "Still broken" on an old diagnosis while a question is pending: leave the question behind.
    if (state.phase === 'asking' && state.pendingQuestion) return moveOn(core, turn, state.pendingQuestion);
  }
  const m = /^answer:([a-z0-9-]{1,60}):([a-z0-9-]{1,60})$/.exec(choiceId);
  const q = m ? core.knowledge.questions.get(m[1] ?? '') : undefined;
  const aid = m?.[2] ?? '';
  if (q && (aid === NOT_SURE || q.answers.some((a) => a.id === aid))) {
    if (move(turn, { type: 'answer', questionId: q.id, answerId: aid })) return proceed(core, turn);
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
    move(turn, { type: 'reopen' });
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
    if (state.currentCause) return resolve(turn);
    move(turn, { type: 'fix' });
    return thanksReply();
  }
  if (state.phase === 'asking' && state.pendingQuestion) {
    const pending = state.pendingQuestion;
    const matcher = core.answerMatchers.get(pending);
    const signals = evidence.signals.map((x) => x.signal);
    const q = core.knowledge.questions.get(pending);
    const offered = q ? offeredAnswers(q, seenSignals(core, state)).map((a) => a.id) : [];
    const aid = matcher ? matchAnswer(matcher, evidence.redactedText, signals, offered) : undefined;
    if (aid && move(turn, { type: 'answer', questionId: pending, answerId: aid })) return proceed(core, turn);
    // "Still broken" is no answer to a question: leave the question behind instead of repeating it.
    if (intent === 'broken') {
      state.evidence = mergeEvidence(state.evidence, evidence);
      return moveOn(core, turn, pending);
    }
    if (!informative(core, state.evidence, evidence)) {
      if (!q || state.reprompts >= MAX_REPROMPTS) return moveOn(core, turn, pending);
      state.reprompts += 1;
      return questionReply(
        { ...q, answers: offeredAnswers(q, seenSignals(core, state)) },
        [],
        'I did not catch which answer you mean. Pick one of these, or say "not sure".',
      );
    }
    // Not an answer but new evidence: the question counts as asked and the ranking takes the news.
    move(turn, { type: 'skip', questionId: pending });
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
  // A stored state of an older version is migrated; one that cannot be read starts afresh.
  const loaded = previous === undefined ? undefined : loadState(previous);
  const state: ConversationState = loaded?.ok ? structuredClone(loaded.state) : initialState(now);
  state.turns += 1;
  state.updatedAt = now;
  const maxQuestions = Math.max(0, Math.min(ctx.maxQuestions ?? MAX_QUESTIONS, MAX_QUESTIONS));
  const turn: Turn = { state, events: [], credentials: [], illegal: [], maxQuestions };
  const reply =
    input.type === 'choice'
      ? onChoice(core, turn, String(input.choiceId ?? ''), now)
      : onMessage(core, turn, String(input.text ?? ''), now);
  turn.state.updatedAt = now;
  return result(turn, reply);
}
