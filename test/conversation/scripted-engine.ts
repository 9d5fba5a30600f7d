/**
 * A small deterministic Engine for the service, store and process tests: one question, two causes,
 * feedback and hand-off, and a message ('explode') that makes it throw. Every step appends the
 * redacted message to the transcript, so tests can see order and lost turns.
 */
import { redactSecrets } from '../../src/redaction/redact.ts';
import { initialState, pathOf } from '../../src/engine/state.ts';
import type {
  ConversationState,
  Engine,
  EngineEvent,
  EngineInput,
  EngineResult,
  Reply,
} from '../../src/engine/types.ts';

export const QUESTION_ID = 'where';
export const EXPLODE = 'explode';

/** The engine's own fresh state, under the name the state tests import. */
export const freshState = initialState;

const reply = (kind: Reply['kind'], heading: string, extra: Partial<Reply> = {}): Reply => ({
  kind,
  heading,
  blocks: [],
  choices: [],
  ...extra,
});

function causeFor(answer: string): string {
  return answer === 'local' ? 'key-missing' : 'env-not-propagated';
}

export function createScriptedEngine(): Engine & { steps: number } {
  const engine = {
    steps: 0,
    step(previous: ConversationState | undefined, input: EngineInput, ctx: { now: number }): EngineResult {
      engine.steps++;
      if (input.type === 'message' && input.text === EXPLODE) throw new Error('scripted engine failure');
      const base = previous ? structuredClone(previous) : freshState(ctx.now);
      const state: ConversationState = { ...base, turns: base.turns + 1, updatedAt: ctx.now };
      const events: EngineEvent[] = [];
      let credentials: EngineResult['credentials'] = [];
      let out: Reply;

      if (input.type === 'message') {
        const redacted = redactSecrets(input.text);
        credentials = redacted.credentials;
        state.transcript = [...state.transcript, redacted.text];
        if (state.phase === 'new') {
          state.phase = 'asking';
          state.pendingQuestion = QUESTION_ID;
          events.push({ type: 'asked', questionId: QUESTION_ID });
          out = reply('question', 'Where does the code run?', {
            questionId: QUESTION_ID,
            choices: [
              { id: `answer:${QUESTION_ID}:local`, label: 'Locally' },
              { id: `answer:${QUESTION_ID}:deployed`, label: 'Deployed' },
            ],
          });
        } else {
          out = reply('info', `turn ${state.turns}: ${redacted.text}`);
        }
      } else if (input.choiceId.startsWith(`answer:${QUESTION_ID}:`)) {
        const answer = input.choiceId.split(':')[2]!;
        const cause = causeFor(answer);
        state.userAnswers = { ...state.userAnswers, [QUESTION_ID]: answer };
        delete state.pendingQuestion;
        state.phase = 'answered';
        state.currentCause = cause;
        state.ranked = [{ causeId: cause, score: 1, confidence: 0.9, reasons: [] }];
        state.log = [
          ...state.log,
          { type: 'answered', questionId: QUESTION_ID, answerId: answer },
          { type: 'diagnosed', causeId: cause, confidence: 0.9 },
        ];
        events.push({ type: 'diagnosed', causeId: cause, confidence: 0.9 });
        out = reply('diagnosis', `Diagnosis: ${cause}`, { causeId: cause });
      } else if (input.choiceId === 'feedback:fixed' || input.choiceId === 'feedback:broken') {
        const fixed = input.choiceId === 'feedback:fixed';
        const cause = state.currentCause ?? 'unknown';
        events.push({
          type: 'feedback',
          causeId: cause,
          fixed,
          path: pathOf(state.log),
          symptoms: state.transcript,
        });
        if (fixed) {
          state.phase = 'resolved';
          out = reply('info', 'Glad it works');
        } else {
          state.rejected = [...state.rejected, cause];
          state.phase = 'exhausted';
          const summary = [`tried: ${cause}`, `said: ${state.transcript.join(' / ')}`];
          events.push({ type: 'handoff', reason: 'exhausted', summary });
          out = reply('handoff', 'Handing you to a person');
        }
      } else if (input.choiceId === 'handoff') {
        state.phase = 'handed-off';
        events.push({
          type: 'handoff',
          reason: 'requested',
          summary: [`said: ${state.transcript.join(' / ')}`],
        });
        out = reply('handoff', 'Asking a person');
      } else {
        events.push({ type: 'restarted' });
        return {
          state: freshState(ctx.now),
          reply: reply('info', 'Starting over'),
          credentials,
          notices: [],
          events,
        };
      }
      const notices: EngineResult['notices'] = events.flatMap((e) =>
        e.type === 'handoff' ? [{ type: 'handoff' as const, reason: e.reason, summary: e.summary }] : [],
      );
      return { state, reply: out, credentials, notices, events };
    },
    diagnose(): ReturnType<Engine['diagnose']> {
      throw new Error('not used by these tests');
    },
  };
  return engine;
}
