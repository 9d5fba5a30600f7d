/** Ranks the causes for a conversation's state: applies implied answers first, then scores. */
import type { EngineCore } from './core.ts';
import { applyMove } from './dialogue-table.ts';
import { statusFromErrors } from './evidence/index.ts';
import { type Ranking, rankCauses } from './rank.ts';
import { impliedAnswer } from './tree-index.ts';
import type { ConversationState } from './types.ts';

/** The signals the state's evidence shows, with the status a provider error string implies. */
export function seenSignals(core: EngineCore, state: ConversationState): Set<string> {
  const seen = new Set<string>(state.evidence.signals.map((s) => s.signal));
  const status = statusFromErrors(core.evidence.catalogue, state.evidence);
  if (status) seen.add(status);
  return seen;
}

/** Records answers the evidence implies (questions the user need not be asked). */
export function applyImpliedAnswers(core: EngineCore, state: ConversationState): void {
  const seen = seenSignals(core, state);
  for (const q of core.knowledge.questions.values()) {
    if (Object.hasOwn(state.userAnswers, q.id) || Object.hasOwn(state.impliedAnswers, q.id)) continue;
    const aid = impliedAnswer(q, seen);
    // A phase that allows no implied answer (a closed conversation) simply records none.
    if (aid) applyMove(state, { type: 'imply', questionId: q.id, answerId: aid });
  }
}

/**
 * Ranks the state's evidence and rejections. The user's answers are left to the dialogue, which
 * conditions the ranking on them (next-question.ts); only answers the evidence implied go in.
 */
export function rankState(core: EngineCore, state: ConversationState): Ranking {
  return rankCauses(core, {
    evidence: state.evidence,
    answers: { ...state.impliedAnswers },
    implied: new Set(Object.keys(state.impliedAnswers)),
    rejected: state.rejected,
  });
}
