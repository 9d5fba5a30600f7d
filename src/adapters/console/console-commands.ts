/**
 * What a console line means: a local command, a pick from the last menu (by number or label), or
 * text for the engine.
 */
import type { EngineInput, ReplyChoice } from '../../engine/types.ts';

export type ConsoleAction =
  { type: 'exit' } | { type: 'help' } | { type: 'input'; input: EngineInput; restart: boolean };

const EXIT_WORDS = new Set(['exit', 'quit', 'bye', ':q']);
const HELP_WORDS = new Set(['help', '?', '/help']);
const RESTART_WORDS = new Set(['start over', 'restart', 'reset', '/restart']);
export const RESTART_CHOICE_ID = 'restart';

/** Lower-case, single spaces, no surrounding quotes or trailing punctuation: how labels are compared. */
export function normaliseWords(text: string): string {
  return text
    .trim()
    .toLowerCase()
    .replace(/^["'`]+|["'`.!?]+$/g, '')
    .replace(/\s+/g, ' ')
    .replace(/[’‘]/g, "'");
}

/** The choice a typed line picks, by its menu number or its exact label, if any. */
export function pickChoice(text: string, choices: readonly ReplyChoice[]): ReplyChoice | undefined {
  const words = normaliseWords(text);
  if (/^\d{1,2}[.)]?$/.test(words)) return choices[Number.parseInt(words, 10) - 1];
  return choices.find((c) => normaliseWords(c.label) === words);
}

export function interpretLine(message: string, lastChoices: readonly ReplyChoice[]): ConsoleAction {
  const words = normaliseWords(message);
  if (!message.includes('\n')) {
    if (EXIT_WORDS.has(words)) return { type: 'exit' };
    if (HELP_WORDS.has(words)) return { type: 'help' };
    if (RESTART_WORDS.has(words)) {
      return { type: 'input', input: { type: 'choice', choiceId: RESTART_CHOICE_ID }, restart: true };
    }
    const choice = pickChoice(message, lastChoices);
    if (choice) return { type: 'input', input: { type: 'choice', choiceId: choice.id }, restart: false };
  }
  return { type: 'input', input: { type: 'message', text: message }, restart: false };
}
