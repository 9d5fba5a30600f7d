/** The hand-off to a person: a reply for the user and a redacted summary for the support group. */
import type { Knowledge } from '../../knowledge/schema.ts';
import type { ConversationState, Reply } from '../types.ts';
import { RESTART_CHOICE } from './info-replies.ts';

const MAX_SUMMARY_LINE = 300;

function cut(s: string): string {
  const one = s.replace(/\s+/g, ' ').trim();
  return one.length > MAX_SUMMARY_LINE ? `${one.slice(0, MAX_SUMMARY_LINE - 1)}…` : one;
}

/** What a human helper needs to know, built only from redacted state. */
export function handoffSummary(knowledge: Knowledge, state: ConversationState): string[] {
  const lines: string[] = [];
  const said = state.transcript.slice(-3);
  if (said.length > 0) lines.push(`Symptoms: ${cut(said.join(' / '))}`);
  if (state.evidence.providers.length > 0) lines.push(`Providers: ${state.evidence.providers.join(', ')}`);
  const signals = state.evidence.signals.map((s) => s.signal);
  if (signals.length > 0) lines.push(`Evidence: ${cut(signals.join(', '))}`);
  if (state.evidence.errors.length > 0)
    lines.push(`Errors: ${cut(state.evidence.errors.map((e) => e.match).join(', '))}`);
  // Only what the user was asked and answered: an answer the evidence implied was never a question.
  const answers = Object.entries(state.userAnswers).flatMap(([qid, aid]) => {
    if (!state.asked.includes(qid)) return [];
    const q = knowledge.questions.get(qid);
    const a = q?.answers.find((x) => x.id === aid);
    return q && a ? [`${q.text} ${a.label}`] : [];
  });
  if (answers.length > 0) lines.push(`Answers: ${cut(answers.join('; '))}`);
  const tried = state.rejected.map((id) => knowledge.causes.get(id)?.title ?? id);
  if (tried.length > 0) lines.push(`Tried without success: ${cut(tried.join(', '))}`);
  if (state.evidence.credentials.some((c) => c.live))
    lines.push('The user pasted a live-looking credential and was told to rotate it.');
  return lines.length > 0 ? lines : ['The user asked for a person before describing the problem.'];
}

/**
 * Tells the user a person should take over. Who that is and where they answer depends on the
 * platform: the adapter words the hand-off notice (with the summary) itself.
 */
export function handoffReply(reason: 'exhausted' | 'requested'): Reply {
  return {
    kind: 'handoff',
    heading: reason === 'exhausted' ? 'Let me get a person to look at this' : 'Handing you over to a person',
    blocks: [
      {
        type: 'text',
        text:
          reason === 'exhausted'
            ? 'I have run out of likely causes, so this needs a person.'
            : 'Sure: this needs a person.',
      },
    ],
    choices: [RESTART_CHOICE],
  };
}
