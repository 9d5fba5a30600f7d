/**
 * The engine's public types: what an adapter passes in, what it gets back. Everything here is
 * plain JSON-serialisable data and platform-neutral; adapters render `Reply` in their own idiom.
 */
import type { CredentialFingerprint } from '../redaction/fingerprint.ts';
import type { Signal } from './signals.ts';

// ---------------------------------------------------------------------------------------------
// Input
// ---------------------------------------------------------------------------------------------

/** A user's free-text message, or a button/menu choice the engine offered earlier. */
export type EngineInput = { type: 'message'; text: string } | { type: 'choice'; choiceId: string };

/**
 * Choice ids are short stable strings (well under Discord's 100-character custom_id limit):
 * `answer:<questionId>:<answerId>`, `feedback:fixed`, `feedback:broken`, `restart`, `handoff`.
 */
export type ChoiceId = string;

// ---------------------------------------------------------------------------------------------
// Credentials seen in a message (never the value itself)
// ---------------------------------------------------------------------------------------------

/** A redacted description of a credential that was pasted: enough to talk about it, not to use it. */
export type { CredentialFingerprint };

// ---------------------------------------------------------------------------------------------
// Evidence and ranking
// ---------------------------------------------------------------------------------------------

/** One fact the engine saw, with a human explanation that is safe to show (already redacted). */
export interface EvidenceItem {
  signal: Signal;
  /** e.g. 'your header is `Authorization: sk-…a1b2` without `Bearer `' */
  detail: string;
}

export interface Evidence {
  signals: EvidenceItem[];
  /** provider ids detected from URLs, key shapes, error strings or names */
  providers: string[];
  /** tool ids detected (gh CLI, GitHub Actions, LangChain, ...); absent in older states */
  tools?: string[];
  /** catalogue entries that matched: provider error strings and codes */
  errors: { provider: string; match: string; causes: Record<string, number> }[];
  credentials: CredentialFingerprint[];
  /** the analysed text with every credential replaced by its label, capped in length */
  redactedText: string;
  /** true when the input was longer than the analysis cap and was cut */
  truncated: boolean;
}

export interface RankedCause {
  causeId: string;
  score: number;
  /** probability-like share of the total score, 0..1 */
  confidence: number;
  /** why this cause is ranked here: safe, redacted explanations */
  reasons: string[];
}

/** Expected outcomes of a ranking, as values. */
export type DiagnosisOutcome =
  | { kind: 'matched'; ranked: RankedCause[] }
  | { kind: 'ambiguous'; ranked: RankedCause[] }
  | { kind: 'none'; ranked: RankedCause[] };

// ---------------------------------------------------------------------------------------------
// Conversation state (plain JSON so an adapter can persist it and continue after a restart)
// ---------------------------------------------------------------------------------------------

export type ConversationPhase =
  | 'new' // nothing said yet
  | 'asking' // a follow-up question is pending
  | 'answered' // a diagnosis was given, awaiting feedback
  | 'resolved' // the user said it is fixed
  | 'exhausted' // no candidates left; handed to a human
  | 'handed-off'; // the user asked for a person

/** The current version of the stored state; older versions are migrated on load (see state.ts). */
export const STATE_VERSION = 2;

/** One move of the dialogue, as recorded in the state's log (see dialogue-table.ts for which phase allows it). */
export type DialogueEvent =
  | { type: 'asked'; questionId: string }
  | { type: 'answered'; questionId: string; answerId: string }
  | { type: 'implied'; questionId: string; answerId: string }
  /** the user moved on from a question ("still broken", or not an answer twice) */
  | { type: 'skipped'; questionId: string }
  | { type: 'diagnosed'; causeId: string; confidence: number }
  | { type: 'rejected'; causeId: string }
  | { type: 'fixed'; causeId?: string }
  | { type: 'reopened'; causeId: string }
  | { type: 'need-more' }
  | { type: 'handoff'; reason: 'exhausted' | 'requested' };

export interface ConversationState {
  version: typeof STATE_VERSION;
  phase: ConversationPhase;
  /** accumulated, redacted evidence from every message in the conversation */
  evidence: Evidence;
  /** questions the user was asked, in order (a question is asked at most once) */
  asked: string[];
  /** questionId -> answerId the user gave ('unknown' for "not sure" or moving on) */
  userAnswers: Record<string, string>;
  /** questionId -> answerId the evidence implied, so the question was never asked */
  impliedAnswers: Record<string, string>;
  /** the question waiting for an answer, when phase is 'asking' */
  pendingQuestion?: string;
  /** replies to the pending question that were neither an answer nor new evidence */
  reprompts: number;
  /** the cause the last diagnosis presented */
  currentCause?: string;
  /** causes the user said did not fix it, in order */
  rejected: string[];
  /** every diagnosis given, in order */
  diagnoses: { causeId: string; confidence: number }[];
  /** the latest ranking (top few), for analytics and hand-off */
  ranked: RankedCause[];
  /** the moves of the dialogue, in order (capped) */
  log: DialogueEvent[];
  /** redacted user messages, capped, for hand-off summaries and the stats of unresolved cases */
  transcript: string[];
  turns: number;
  startedAt: number;
  updatedAt: number;
}

// ---------------------------------------------------------------------------------------------
// Reply model: platform-neutral; each adapter renders it in its own idiom
// ---------------------------------------------------------------------------------------------

export interface CodeSnippet {
  language: string; // 'bash', 'ts', 'python', 'http', ... ('' for none)
  code: string;
}

export interface ReplyStep {
  text: string;
  code?: CodeSnippet;
}

export type ReplyBlock =
  | { type: 'text'; text: string } // light markdown: **bold**, `code`, [label](url)
  | { type: 'evidence'; title: string; items: string[] } // the "why" bullet list
  | { type: 'steps'; title: string; items: ReplyStep[] } // numbered steps
  | { type: 'code'; snippet: CodeSnippet }
  | { type: 'list'; title: string; items: string[] } // bullets: prevention, references, alternatives
  | { type: 'warning'; text: string }; // e.g. "you pasted a live key: rotate it"

export interface ReplyChoice {
  id: ChoiceId;
  label: string;
  style?: 'primary' | 'danger' | 'secondary';
}

export type ReplyKind = 'question' | 'diagnosis' | 'info' | 'handoff' | 'error';

export interface Reply {
  kind: ReplyKind;
  heading: string;
  blocks: ReplyBlock[];
  /** buttons / menu options; a question's answers, or the feedback pair after a diagnosis */
  choices: ReplyChoice[];
  /** the cause a diagnosis is about (also for feedback) */
  causeId?: string;
  /** the question a 'question' reply asks */
  questionId?: string;
}

// ---------------------------------------------------------------------------------------------
// Engine result
// ---------------------------------------------------------------------------------------------

/** Analytics facts the engine reports; the bot service records them. */
export type EngineEvent =
  | { type: 'diagnosed'; causeId: string; confidence: number }
  | { type: 'asked'; questionId: string }
  | { type: 'feedback'; causeId: string; fixed: boolean; path: string[]; symptoms: string[] }
  | { type: 'handoff'; reason: 'exhausted' | 'requested'; summary: string[] }
  | { type: 'restarted' };

/**
 * What the user must be told besides the reply, as facts: each adapter words a notice once, in its
 * own idiom (a private Slack note, a Discord line, a terminal warning).
 */
export type Notice =
  /** credentials were pasted in this input; `live` when one looks like a working production key */
  | { type: 'credential'; credentials: CredentialFingerprint[]; live: boolean }
  /** the conversation goes to a person, with what they need to know (redacted) */
  | { type: 'handoff'; reason: 'exhausted' | 'requested'; summary: string[] }
  /** the input was longer than the analysis cap: only `analysedChars` characters were read */
  | { type: 'truncated'; analysedChars: number };

export interface EngineResult {
  state: ConversationState;
  /** the answer itself; it never words the notices */
  reply: Reply;
  /** credentials seen in THIS input (fingerprints only); adapters warn privately / delete the message */
  credentials: CredentialFingerprint[];
  notices: Notice[];
  events: EngineEvent[];
}

export interface EngineContext {
  /** ms since epoch; injected so the engine stays pure and tests control time (JWT exp, state times) */
  now: number;
  /** follow-up questions allowed before a diagnosis (default and upper bound: MAX_QUESTIONS; the dialogue eval lowers it) */
  maxQuestions?: number;
}

/** The one entry point every adapter (through the bot service) calls. Pure: no I/O. */
export interface Engine {
  step(state: ConversationState | undefined, input: EngineInput, ctx: EngineContext): EngineResult;
  /** One-shot diagnosis of a text without dialogue (CLI `diagnose`, eval, bench). */
  diagnose(text: string, ctx: EngineContext): { outcome: DiagnosisOutcome; evidence: Evidence; reply: Reply };
}
