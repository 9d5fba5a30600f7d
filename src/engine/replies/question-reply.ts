/** A follow-up question with its answers as choices, plus "Not sure". */
import type { Question } from '../../knowledge/schema.ts';
import type { Reply, ReplyBlock } from '../types.ts';

export const NOT_SURE = 'unknown';

/** The choice id of an answer. */
export function answerChoiceId(questionId: string, answerId: string): string {
  return `answer:${questionId}:${answerId}`;
}

/** Asks `q`; `seen` lists what the engine already noticed, so the user knows why it asks. */
export function questionReply(q: Question, seen: readonly string[], intro?: string): Reply {
  const blocks: ReplyBlock[] = [];
  if (intro) blocks.push({ type: 'text', text: intro });
  if (seen.length > 0)
    blocks.push({ type: 'evidence', title: 'What I noticed so far', items: seen.slice(0, 4) });
  if (q.help) blocks.push({ type: 'text', text: q.help.trim() });
  // How to answer is the adapter's to say: a button, a number in the terminal, a mention on Discord.
  return {
    kind: 'question',
    heading: q.text,
    blocks,
    choices: [
      ...q.answers.map((a) => ({ id: answerChoiceId(q.id, a.id), label: a.label })),
      { id: answerChoiceId(q.id, NOT_SURE), label: 'Not sure', style: 'secondary' as const },
    ],
    questionId: q.id,
  };
}
