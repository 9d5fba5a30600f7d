/** Ranks the causes for a conversation's state: applies implied answers first, then scores. */
import type { EngineCore } from './core.ts';
import { statusFromErrors } from './evidence/index.ts';
import { type Ranking, rankCauses } from './rank.ts';
import { addPath, impliedQuestions } from './state.ts';
import { impliedAnswer } from './tree-index.ts';
import type { ConversationState } from './types.ts';

/** Records answers the evidence implies (questions the user need not be asked). */
export function applyImpliedAnswers(core: EngineCore, state: ConversationState): void {
  const seen = new Set<string>(state.evidence.signals.map((s) => s.signal));
  const status = statusFromErrors(core.evidence.catalogue, state.evidence);
  if (status) seen.add(status);
  for (const q of core.knowledge.questions.values()) {
    if (Object.hasOwn(state.answers, q.id)) continue;
    const aid = impliedAnswer(q, seen);
    if (aid) {
      state.answers[q.id] = aid;
      addPath(state, `implied:${q.id}=${aid}`);
    }
  }
}

/** Ranks the state's evidence, answers and rejections. */
export function rankState(core: EngineCore, state: ConversationState): Ranking {
  return rankCauses(core, {
    evidence: state.evidence,
    answers: state.answers,
    implied: impliedQuestions(state),
    rejected: state.rejected,
  });
}
