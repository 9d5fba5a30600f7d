/**
 * Creating, loading (with migration of older versions) and updating the plain-JSON conversation
 * state. A stored state is an input like any other: it is checked with zod, and one that cannot be
 * read is a value (`StateError`), never an exception.
 */
import { z } from 'zod';
import { emptyEvidence } from './evidence/index.ts';
import { MAX_LOG_ENTRIES, MAX_TRANSCRIPT_ENTRIES, MAX_TRANSCRIPT_ENTRY_CHARS } from './limits.ts';
import { type ConversationState, type DialogueEvent, type Evidence, STATE_VERSION } from './types.ts';

const PHASES = ['new', 'asking', 'answered', 'resolved', 'exhausted', 'handed-off'] as const;

/** A fresh conversation. */
export function initialState(now: number): ConversationState {
  return {
    version: STATE_VERSION,
    phase: 'new',
    evidence: emptyEvidence(),
    asked: [],
    userAnswers: {},
    impliedAnswers: {},
    reprompts: 0,
    rejected: [],
    diagnoses: [],
    ranked: [],
    log: [],
    transcript: [],
    turns: 0,
    startedAt: now,
    updatedAt: now,
  };
}

const evidenceSchema = z.looseObject({
  signals: z.array(z.looseObject({ signal: z.string(), detail: z.string() })),
  providers: z.array(z.string()),
  errors: z.array(
    z.looseObject({ provider: z.string(), match: z.string(), causes: z.record(z.string(), z.number()) }),
  ),
  credentials: z.array(z.looseObject({ label: z.string() })),
  redactedText: z.string(),
  truncated: z.boolean().default(false),
});

const rankedSchema = z.array(
  z.looseObject({
    causeId: z.string(),
    score: z.number(),
    confidence: z.number(),
    reasons: z.array(z.string()),
  }),
);

const common = {
  phase: z.enum(PHASES),
  evidence: evidenceSchema,
  pendingQuestion: z.string().optional(),
  currentCause: z.string().optional(),
  rejected: z.array(z.string()),
  ranked: rankedSchema,
  transcript: z.array(z.string()),
  turns: z.number(),
  startedAt: z.number(),
  updatedAt: z.number().optional(),
};

/** Version 1 kept the walk as strings ('ask:q', 'q:q=a', 'implied:q=a', 'dx:c', ...) and one answers map. */
const v1Schema = z.looseObject({
  version: z.literal(1),
  answers: z.record(z.string(), z.string()),
  path: z.array(z.string()),
  ...common,
});

const eventSchema = z.union([
  z.object({ type: z.literal('asked'), questionId: z.string() }),
  z.object({ type: z.literal('answered'), questionId: z.string(), answerId: z.string() }),
  z.object({ type: z.literal('implied'), questionId: z.string(), answerId: z.string() }),
  z.object({ type: z.literal('skipped'), questionId: z.string() }),
  z.object({ type: z.literal('diagnosed'), causeId: z.string(), confidence: z.number() }),
  z.object({ type: z.literal('rejected'), causeId: z.string() }),
  z.object({ type: z.literal('fixed'), causeId: z.string().optional() }),
  z.object({ type: z.literal('reopened'), causeId: z.string() }),
  z.object({ type: z.literal('need-more') }),
  z.object({ type: z.literal('handoff'), reason: z.enum(['exhausted', 'requested']) }),
]);

const v2Schema = z.looseObject({
  version: z.literal(2),
  asked: z.array(z.string()),
  userAnswers: z.record(z.string(), z.string()),
  impliedAnswers: z.record(z.string(), z.string()),
  reprompts: z.number().int().min(0).default(0),
  diagnoses: z.array(z.object({ causeId: z.string(), confidence: z.number() })),
  log: z.array(eventSchema),
  ...common,
});

/** Why a stored value could not be continued: the conversation starts afresh. */
export type StateError =
  { kind: 'unknown-version'; version: unknown } | { kind: 'malformed'; version: number; problem: string };

export type LoadedState =
  { ok: true; state: ConversationState; migrated: boolean } | { ok: false; error: StateError };

/** One v1 path string as a typed event (entries v1 never wrote come back as undefined). */
function eventOfPath(entry: string, confidenceOf: (causeId: string) => number): DialogueEvent | undefined {
  const colon = entry.indexOf(':');
  if (colon === -1) return undefined;
  const kind = entry.slice(0, colon);
  const rest = entry.slice(colon + 1);
  const [q = '', a = ''] = rest.split('=');
  switch (kind) {
    case 'ask':
      return { type: 'asked', questionId: rest };
    case 'q':
      return { type: 'answered', questionId: q, answerId: a };
    case 'implied':
      return { type: 'implied', questionId: q, answerId: a };
    case 'dx':
      return { type: 'diagnosed', causeId: rest, confidence: confidenceOf(rest) };
    case 'rejected':
      return { type: 'rejected', causeId: rest };
    case 'fixed':
      return rest ? { type: 'fixed', causeId: rest } : { type: 'fixed' };
    case 'handoff':
      return rest === 'exhausted' || rest === 'requested' ? { type: 'handoff', reason: rest } : undefined;
    default:
      return undefined;
  }
}

/** Converts a version 1 state: the string log becomes typed events and typed fields. */
function migrateV1(v1: z.infer<typeof v1Schema>): ConversationState {
  const confidenceOf = (id: string) => v1.ranked.find((r) => r.causeId === id)?.confidence ?? 0;
  const log = v1.path.flatMap((p) => eventOfPath(p, confidenceOf) ?? []);
  const userAnswers: Record<string, string> = {};
  const impliedAnswers: Record<string, string> = {};
  const asked: string[] = [];
  const diagnoses: ConversationState['diagnoses'] = [];
  for (const e of log) {
    if (e.type === 'asked' && !asked.includes(e.questionId)) asked.push(e.questionId);
    if (e.type === 'answered') userAnswers[e.questionId] = e.answerId;
    if (e.type === 'diagnosed') diagnoses.push({ causeId: e.causeId, confidence: e.confidence });
  }
  for (const [q, a] of Object.entries(v1.answers)) if (!Object.hasOwn(userAnswers, q)) impliedAnswers[q] = a;
  const state: ConversationState = {
    version: STATE_VERSION,
    phase: v1.phase,
    evidence: v1.evidence as unknown as Evidence,
    asked,
    userAnswers,
    impliedAnswers,
    reprompts: 0,
    rejected: v1.rejected,
    diagnoses,
    ranked: v1.ranked,
    log: log.slice(-MAX_LOG_ENTRIES),
    transcript: v1.transcript,
    turns: v1.turns,
    startedAt: v1.startedAt,
    updatedAt: v1.updatedAt ?? v1.startedAt,
  };
  if (v1.pendingQuestion) state.pendingQuestion = v1.pendingQuestion;
  if (v1.currentCause) state.currentCause = v1.currentCause;
  return state;
}

function problemOf(error: z.ZodError): string {
  const issue = error.issues[0];
  return issue ? `${issue.path.join('.') || '(root)'}: ${issue.message}` : 'invalid';
}

/** Reads a stored state of any known version; older versions are migrated to the current one. */
export function loadState(value: unknown): LoadedState {
  const version = value && typeof value === 'object' ? (value as { version?: unknown }).version : undefined;
  if (version === STATE_VERSION) {
    const parsed = v2Schema.safeParse(value);
    if (!parsed.success)
      return { ok: false, error: { kind: 'malformed', version, problem: problemOf(parsed.error) } };
    return { ok: true, state: parsed.data as unknown as ConversationState, migrated: false };
  }
  if (version === 1) {
    const parsed = v1Schema.safeParse(value);
    if (!parsed.success)
      return { ok: false, error: { kind: 'malformed', version, problem: problemOf(parsed.error) } };
    return { ok: true, state: migrateV1(parsed.data), migrated: true };
  }
  return { ok: false, error: { kind: 'unknown-version', version } };
}

/** True when a stored value is a current-version state this engine can continue as it is. */
export function isUsableState(value: unknown): value is ConversationState {
  const loaded = loadState(value);
  return loaded.ok && !loaded.migrated;
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

/** Records a move in the capped log. */
export function addLog(state: ConversationState, event: DialogueEvent): void {
  state.log.push(event);
  if (state.log.length > MAX_LOG_ENTRIES) state.log.splice(0, state.log.length - MAX_LOG_ENTRIES);
}

/** Every answer in force: the user's own answers win over implied ones. */
export function allAnswers(state: ConversationState): Record<string, string> {
  return { ...state.impliedAnswers, ...state.userAnswers };
}

/** Question ids whose answer came from evidence rather than from the user. */
export function impliedQuestions(state: ConversationState): Set<string> {
  return new Set(Object.keys(state.impliedAnswers).filter((q) => !Object.hasOwn(state.userAnswers, q)));
}

/** The log in the compact string form analytics records ('q:q=a', 'dx:c', ...). */
export function pathOf(log: readonly DialogueEvent[]): string[] {
  return log.map((e) => {
    switch (e.type) {
      case 'asked':
        return `ask:${e.questionId}`;
      case 'answered':
        return `q:${e.questionId}=${e.answerId}`;
      case 'implied':
        return `implied:${e.questionId}=${e.answerId}`;
      case 'skipped':
        return `skipped:${e.questionId}`;
      case 'diagnosed':
        return `dx:${e.causeId}`;
      case 'rejected':
        return `rejected:${e.causeId}`;
      case 'fixed':
        return `fixed:${e.causeId ?? ''}`;
      case 'reopened':
        return `reopened:${e.causeId}`;
      case 'need-more':
        return 'need-more';
      case 'handoff':
        return `handoff:${e.reason}`;
    }
  });
}
