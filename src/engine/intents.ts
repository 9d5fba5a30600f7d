/** Conversation commands typed in words: start over, help, a person, fixed, still broken. */

export type Intent = 'restart' | 'help' | 'human' | 'fixed' | 'broken';

/** Commands are short; a long message that happens to contain "reset" is a description, not a command. */
const MAX_COMMAND_CHARS = 80;
const MAX_FEEDBACK_CHARS = 160;

const RESTART =
  /^(?:let'?s |please |can we |ok,? )?(?:start (?:over|again|afresh)|restart|reset|new (?:question|problem|issue|conversation)|begin again|from scratch)(?: please)?[\s.!]*$/;
const HELP = /^(?:help|\?|usage|how does this work|what can you do|commands)[\s?!.]*$/;
const HUMAN =
  /\b(?:human|(?:talk|speak|chat) (?:to|with) (?:a |an |some)?(?:person|human|one|someone|agent|engineer|support)|real person|escalate|live agent|support team|contact support)\b/;
const FIXED =
  /^(?:(?:yes|yep|yeah|ok|okay|great|perfect|awesome|thanks|thank you|ty)[,!. ]{0,3}){0,2}(?:(?:that|it|this)\s)?(?:fixed(?: it)?|solved(?: it)?|resolved|worked|works(?: now)?|is working(?: now)?|did the trick)\b|^(?:it'?s )?(?:fixed|solved|resolved|working now)\b|^(?:thanks|thank you|ty)[,!. ]{0,3}(?:it )?works/;
const BROKEN =
  /\b(?:did ?n[o']?t (?:fix|work|help|solve)|does ?n[o']?t (?:fix|work|help)|not fixed|still (?:broken|failing|fails|fail|not working|the same|getting|get|4\d\d|an? error|doesn'?t)|no luck|same (?:error|problem|issue|thing)|nope|that wasn'?t it|not it|wrong (?:answer|diagnosis|cause)|no change|didn'?t change anything)\b/;

/**
 * "it works on my laptop but fails in docker" is a symptom, not feedback that it is fixed; so is a
 * condition under which it works ("when I hard-code the key", "with curl", "if I paste it in").
 */
const STILL_FAILING =
  /\b(?:but|except|only|fail\w*|still|locally|yesterday|before|until|used to|ago|last (?:week|month|night|time)|this morning|earlier|on my (?:machine|laptop|computer|pc)|in (?:docker|prod\w*|ci|staging|the browser)|(?:when|if|once) (?:i|we|you)|hard[- ]?cod\w*|curl|postman|insomnia|directly)\b/;

/** The command a typed message expresses, if any. */
export function detectIntent(text: string): Intent | undefined {
  const t = text.trim().toLowerCase();
  if (!t) return undefined;
  if (t.length <= MAX_COMMAND_CHARS) {
    if (RESTART.test(t)) return 'restart';
    if (HELP.test(t)) return 'help';
    if (HUMAN.test(t)) return 'human';
  }
  if (t.length <= MAX_FEEDBACK_CHARS) {
    if (BROKEN.test(t)) return 'broken';
    if (FIXED.test(t) && !STILL_FAILING.test(t)) return 'fixed';
  }
  return undefined;
}
