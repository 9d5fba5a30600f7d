/** Creating, checking and updating the plain-JSON conversation state. */
import { emptyEvidence } from './evidence/index.ts';
import { MAX_PATH_ENTRIES, MAX_TRANSCRIPT_ENTRIES, MAX_TRANSCRIPT_ENTRY_CHARS } from './limits.ts';
import type { ConversationPhase, ConversationState } from './types.ts';

const PHASES: readonly ConversationPhase[] = [
  'new',
  'asking',
  'answered',
  'resolved',
  'exhausted',
  'handed-off',
];

/** A fresh conversation. */
export function initialState(now: number): ConversationState {
  return {
    version: 1,
    phase: 'new',
    evidence: emptyEvidence(),
    answers: {},
    rejected: [],
    ranked: [],
    path: [],
    transcript: [],
    turns: 0,
    startedAt: now,
    updatedAt: now,
  };
}

/** True when a stored value has the shape of a state this engine can continue (old or corrupt ones start afresh). */
export function isUsableState(value: unknown): value is ConversationState {
  if (!value || typeof value !== 'object') return false;
  const s = value as Partial<ConversationState>;
  return (
    s.version === 1 &&
    typeof s.phase === 'string' &&
    PHASES.includes(s.phase) &&
    !!s.evidence &&
    Array.isArray(s.evidence.signals) &&
    Array.isArray(s.evidence.errors) &&
    Array.isArray(s.evidence.providers) &&
    Array.isArray(s.evidence.credentials) &&
    typeof s.evidence.redactedText === 'string' &&
    !!s.answers &&
    typeof s.answers === 'object' &&
    Array.isArray(s.rejected) &&
    Array.isArray(s.path) &&
    Array.isArray(s.transcript) &&
    Array.isArray(s.ranked) &&
    typeof s.turns === 'number' &&
    typeof s.startedAt === 'number'
  );
}

/** Appends a redacted message to the transcript, cutting it and dropping the oldest entries. */
export function addTranscript(state: ConversationState, redacted: string): void {
  const one = redacted.trim();
  if (!one) return;
  state.transcript.push(
    one.length > MAX_TRANSCRIPT_ENTRY_CHARS ? `${one.slice(0, MAX_TRANSCRIPT_ENTRY_CHARS - 1)}…` : one,
  );
  if (state.transcript.length > MAX_TRANSCRIPT_ENTRIES)
    state.transcript.splice(0, state.transcript.length - MAX_TRANSCRIPT_ENTRIES);
}

/** Records a step of the walk ('ask:q', 'q:q=a', 'implied:q=a', 'dx:c', 'rejected:c', ...). */
export function addPath(state: ConversationState, entry: string): void {
  state.path.push(entry);
  if (state.path.length > MAX_PATH_ENTRIES) state.path.splice(0, state.path.length - MAX_PATH_ENTRIES);
}

/** Questions asked so far in this conversation. */
export function questionsAsked(state: ConversationState): number {
  return state.path.filter((p) => p.startsWith('ask:')).length;
}

/** Question ids whose recorded answer came from evidence rather than from the user. */
export function impliedQuestions(state: ConversationState): Set<string> {
  const user = new Set(
    state.path.filter((p) => p.startsWith('q:')).map((p) => p.slice(2).split('=')[0] ?? ''),
  );
  return new Set(Object.keys(state.answers).filter((q) => !user.has(q)));
}
