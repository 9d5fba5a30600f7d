/**
 * The dialogue as an explicit table: which moves each phase allows, the phase each move leads to,
 * and the guards that keep the typed fields consistent. `applyMove` is the only writer of the
 * dialogue fields of a state; an illegal move comes back as a value and leaves the state as it was.
 */
import { addLog } from './state.ts';
import type { ConversationPhase, ConversationState } from './types.ts';

export type DialogueMove =
  | { type: 'ask'; questionId: string }
  | { type: 'answer'; questionId: string; answerId: string }
  | { type: 'imply'; questionId: string; answerId: string }
  | { type: 'skip'; questionId: string }
  | { type: 'diagnose'; causeId: string; confidence: number }
  | { type: 'reject'; causeId: string }
  | { type: 'fix' }
  | { type: 'reopen' }
  | { type: 'need-more' }
  | { type: 'handoff'; reason: 'exhausted' | 'requested' };

export type MoveType = DialogueMove['type'];

/** A move the current phase or fields do not allow. */
export interface IllegalMove {
  kind: 'illegal-move';
  move: MoveType;
  phase: ConversationPhase;
  reason: string;
}

const OPEN: readonly ConversationPhase[] = ['new', 'asking', 'answered'];
const ALL: readonly ConversationPhase[] = [
  'new',
  'asking',
  'answered',
  'resolved',
  'exhausted',
  'handed-off',
];

/** from: the phases that allow the move; to: the phase after it ('same' keeps the phase). */
export const DIALOGUE_TABLE: Readonly<
  Record<MoveType, { from: readonly ConversationPhase[]; to: ConversationPhase | 'same' }>
> = {
  ask: { from: OPEN, to: 'asking' },
  answer: { from: ['asking'], to: 'same' },
  imply: { from: OPEN, to: 'same' },
  skip: { from: ['asking'], to: 'same' },
  diagnose: { from: OPEN, to: 'answered' },
  reject: { from: ['answered'], to: 'same' },
  fix: { from: ['asking', 'answered'], to: 'resolved' },
  reopen: { from: ['resolved'], to: 'answered' },
  'need-more': { from: OPEN, to: 'new' },
  handoff: { from: ALL, to: 'handed-off' },
};

/** The field-level condition a move needs beyond its phase, as a reason when it fails. */
function guard(state: ConversationState, move: DialogueMove): string | undefined {
  switch (move.type) {
    case 'ask':
      return state.asked.includes(move.questionId) ? 'that question was already asked' : undefined;
    case 'answer':
    case 'skip':
      return state.pendingQuestion === move.questionId ? undefined : 'that question is not the one pending';
    case 'imply':
      return Object.hasOwn(state.userAnswers, move.questionId) ||
        Object.hasOwn(state.impliedAnswers, move.questionId)
        ? 'that question already has an answer'
        : undefined;
    case 'diagnose':
      return state.rejected.includes(move.causeId)
        ? 'the user already said that cause did not fix it'
        : undefined;
    case 'reject':
      return state.currentCause === move.causeId ? undefined : 'that cause is not the current diagnosis';
    case 'reopen':
      return state.currentCause ? undefined : 'there is no diagnosis to reopen';
    default:
      return undefined;
  }
}

function phaseAfter(state: ConversationState, move: DialogueMove): ConversationPhase {
  if (move.type === 'handoff') return move.reason === 'exhausted' ? 'exhausted' : 'handed-off';
  const to = DIALOGUE_TABLE[move.type].to;
  return to === 'same' ? state.phase : to;
}

/** Applies `move` to `state` (mutating it) or returns why it is not allowed. */
export function applyMove(state: ConversationState, move: DialogueMove): IllegalMove | undefined {
  const row = DIALOGUE_TABLE[move.type];
  const reason = !row.from.includes(state.phase) ? `not allowed while ${state.phase}` : guard(state, move);
  if (reason) return { kind: 'illegal-move', move: move.type, phase: state.phase, reason };
  const phase = phaseAfter(state, move);
  switch (move.type) {
    case 'ask':
      state.asked.push(move.questionId);
      state.pendingQuestion = move.questionId;
      state.reprompts = 0;
      addLog(state, { type: 'asked', questionId: move.questionId });
      break;
    case 'answer':
      state.userAnswers[move.questionId] = move.answerId;
      delete state.pendingQuestion;
      addLog(state, { type: 'answered', questionId: move.questionId, answerId: move.answerId });
      break;
    case 'imply':
      state.impliedAnswers[move.questionId] = move.answerId;
      addLog(state, { type: 'implied', questionId: move.questionId, answerId: move.answerId });
      break;
    case 'skip':
      state.userAnswers[move.questionId] = 'unknown';
      delete state.pendingQuestion;
      addLog(state, { type: 'skipped', questionId: move.questionId });
      break;
    case 'diagnose':
      delete state.pendingQuestion;
      state.currentCause = move.causeId;
      state.diagnoses.push({ causeId: move.causeId, confidence: move.confidence });
      addLog(state, { type: 'diagnosed', causeId: move.causeId, confidence: move.confidence });
      break;
    case 'reject':
      if (!state.rejected.includes(move.causeId)) state.rejected.push(move.causeId);
      delete state.currentCause;
      addLog(state, { type: 'rejected', causeId: move.causeId });
      break;
    case 'fix':
      delete state.pendingQuestion;
      addLog(state, state.currentCause ? { type: 'fixed', causeId: state.currentCause } : { type: 'fixed' });
      break;
    case 'reopen':
      addLog(state, { type: 'reopened', causeId: state.currentCause ?? '' });
      break;
    case 'need-more':
      delete state.pendingQuestion;
      addLog(state, { type: 'need-more' });
      break;
    case 'handoff':
      delete state.pendingQuestion;
      addLog(state, { type: 'handoff', reason: move.reason });
      break;
  }
  state.phase = phase;
  return undefined;
}
