/**
 * A tiny scripted engine with the real one's shape: for testing adapters and the CLI without the
 * knowledge base (and for proving the contract suite itself). One question, two causes, redaction
 * of OpenAI-shaped keys.
 */
import { emptyEvidence } from '../../src/engine/evidence/index.ts';
import { initialState } from '../../src/engine/state.ts';
import type { ConversationState, Engine, EngineInput, EngineResult, Reply } from '../../src/engine/types.ts';

const KEY_SHAPE = /sk-(?:proj-)?[A-Za-z0-9_-]{20,}/g;
const QUESTION_ID = 'where';
const ANSWERS = [
  { id: 'local', label: 'On my own machine' },
  { id: 'deployed', label: 'On a deployed server' },
  { id: 'unknown', label: 'Not sure' },
];
const FEEDBACK = [
  { id: 'feedback:fixed', label: 'That fixed it', style: 'primary' as const },
  { id: 'feedback:broken', label: "That didn't fix it", style: 'danger' as const },
];
const CAUSES: Record<string, { title: string; why: string }> = {
  'missing-bearer-prefix': {
    title: 'The Authorization header lacks `Bearer `',
    why: 'Your header carries the bare key without the Bearer scheme the API expects.',
  },
  'key-missing': {
    title: 'The key is not reaching your code',
    why: 'The environment variable holding the key is unset where the code runs.',
  },
  'env-not-propagated': {
    title: 'The key is not set where the code runs',
    why: 'The deployment environment does not receive the variable you set locally.',
  },
};

function redact(text: string) {
  const credentials: EngineResult['credentials'] = [];
  const redacted = text.replace(KEY_SHAPE, (key) => {
    const last4 = key.slice(-4);
    const label = `[openai secret key …${last4}]`;
    credentials.push({ provider: 'openai', kind: 'secret key', last4, live: !key.includes('test'), label });
    return label;
  });
  return { text: redacted, credentials };
}

function diagnosisReply(causeId: string): Reply {
  const cause = CAUSES[causeId]!;
  return {
    kind: 'diagnosis',
    heading: cause.title,
    causeId,
    blocks: [
      { type: 'text', text: cause.why },
      { type: 'evidence', title: 'Why I think so', items: ['you mentioned a 401'] },
      {
        type: 'steps',
        title: 'Fix it',
        items: [
          {
            text: 'Print the variable before the request.',
            code: { language: 'bash', code: 'echo "$API_KEY"' },
          },
          { text: 'Send it as `Authorization: Bearer <key>`.' },
        ],
      },
    ],
    choices: FEEDBACK,
  };
}

function questionReply(): Reply {
  return {
    kind: 'question',
    heading: 'Where does the failing code run?',
    questionId: QUESTION_ID,
    blocks: [{ type: 'text', text: 'This separates the likely causes.' }],
    choices: ANSWERS.map((a) => ({ id: `answer:${QUESTION_ID}:${a.id}`, label: a.label })),
  };
}

function info(heading: string, text: string): Reply {
  return { kind: 'info', heading, blocks: [{ type: 'text', text }], choices: [] };
}

function typedAnswer(text: string): string | undefined {
  const t = text.trim().toLowerCase();
  const n = Number.parseInt(t, 10);
  if (String(n) === t && ANSWERS[n - 1]) return ANSWERS[n - 1]!.id;
  return ANSWERS.find((a) => a.label.toLowerCase() === t)?.id;
}

function diagnose(state: ConversationState, causeId: string): { state: ConversationState; reply: Reply } {
  return {
    state: {
      ...state,
      phase: 'answered',
      currentCause: causeId,
      log: [...state.log, { type: 'diagnosed', causeId, confidence: 0.7 }],
    },
    reply: diagnosisReply(causeId),
  };
}

function stepOnce(state: ConversationState, input: EngineInput, now: number): EngineResult {
  const base = { ...state, turns: state.turns + 1, updatedAt: now };
  const wrap = (s: ConversationState, reply: Reply, credentials: EngineResult['credentials'] = []) => ({
    state: s,
    reply,
    credentials,
    notices:
      credentials.length > 0
        ? [{ type: 'credential' as const, credentials, live: credentials.some((c) => c.live) }]
        : [],
    events: [],
  });
  const choiceId = input.type === 'choice' ? input.choiceId : undefined;
  const text = input.type === 'message' ? input.text : '';
  if (choiceId === 'restart' || /^\s*start over\s*$/i.test(text)) {
    return wrap(initialState(now), info('Starting over', 'Okay, a fresh start: describe the symptom.'));
  }
  if (choiceId === 'feedback:fixed') {
    return wrap({ ...base, phase: 'resolved' }, info('Glad it works', 'Great, that is solved.'));
  }
  if (choiceId === 'feedback:broken') {
    const rejected = [...base.rejected, base.currentCause ?? ''];
    const next = Object.keys(CAUSES).find((c) => !rejected.includes(c));
    if (!next) return wrap({ ...base, phase: 'exhausted', rejected }, info('Out of ideas', 'Ask a person.'));
    const d = diagnose({ ...base, rejected }, next);
    return wrap(d.state, d.reply);
  }
  const answer = choiceId?.startsWith(`answer:${QUESTION_ID}:`)
    ? choiceId.split(':')[2]
    : base.phase === 'asking'
      ? typedAnswer(text)
      : undefined;
  if (answer) {
    const d = diagnose(
      { ...base, userAnswers: { ...base.userAnswers, [QUESTION_ID]: answer } },
      answer === 'deployed' ? 'env-not-propagated' : 'key-missing',
    );
    return wrap(d.state, d.reply);
  }
  const { text: redacted, credentials } = redact(text);
  if (redacted.trim() === '') {
    return wrap(base, info('Tell me what fails', 'Describe the error, or paste the failing request.'));
  }
  const transcript = [...base.transcript, redacted];
  if (/Authorization: sk-/.test(text)) {
    const d = diagnose({ ...base, transcript }, 'missing-bearer-prefix');
    return wrap(d.state, d.reply, credentials);
  }
  const q = questionReply();
  return wrap(
    { ...base, transcript, phase: 'asking', pendingQuestion: QUESTION_ID },
    {
      ...q,
      blocks: [{ type: 'evidence', title: 'What I read', items: [redacted] }, ...q.blocks],
    },
    credentials,
  );
}

/** Creates the scripted engine; `failOn` makes `step` throw when the text contains it (error paths). */
export function createFakeEngine(options: { failOn?: string } = {}): Engine {
  return {
    step(state, input, ctx) {
      if (options.failOn && input.type === 'message' && input.text.includes(options.failOn)) {
        throw new Error('fake engine failure');
      }
      return stepOnce(state ?? initialState(ctx.now), input, ctx.now);
    },
    diagnose(text, ctx) {
      const result = stepOnce(initialState(ctx.now), { type: 'message', text }, ctx.now);
      const causeId = result.state.currentCause;
      const ranked = Object.keys(CAUSES).map((id, i) => ({
        causeId: id,
        score: id === causeId ? 10 : 3 - i,
        confidence: id === causeId ? 0.7 : 0.1,
        reasons: id === causeId ? ['your header has no Bearer'] : [],
      }));
      ranked.sort((a, b) => b.score - a.score);
      const { text: redactedText, credentials } = redact(text);
      return {
        outcome: causeId ? { kind: 'matched', ranked } : { kind: 'ambiguous', ranked },
        evidence: { ...emptyEvidence(), redactedText, credentials, providers: ['openai'] },
        reply: result.reply,
      };
    },
  };
}
