/**
 * Reads a typed answer to a pending question: its number, its label, a synonym, "not sure", yes/no,
 * or close words (fuse.js over labels and synonyms).
 */
import Fuse from 'fuse.js';
import type { Question } from '../knowledge/schema.ts';
import { NOT_SURE } from './replies/question-reply.ts';
import { isContentWord, stem, words } from './text/tokenize.ts';

/** Typed answers longer than this are more likely new evidence than an answer. */
const MAX_ANSWER_CHARS = 200;
/** Fuse score at or below which a typed phrase picks an answer. */
const MAX_FUZZY_SCORE = 0.35;
/** Share of an answer's words that typed words must cover. */
const MIN_WORD_OVERLAP = 0.6;

const UNSURE = /^(?:not sure|unsure|no idea|don'?t know|dunno|idk|skip|pass|maybe|no clue|\?+)[\s.!?]*$/;
const YES = /^(?:y|yes|yep|yeah|yup|sure|correct|right|true|it does|it is|i do|i did)[\s.!]*$/;
const NO =
  /^(?:n|no|nope|nah|false|it does ?n[o']?t|it is ?n[o']?t|i do ?n[o']?t|i did ?n[o']?t|not really)[\s.!]*$/;

export interface AnswerMatcher {
  question: Question;
  fuse: Fuse<{ answerId: string; text: string }>;
}

/** Precomputes the fuzzy index of a question's answers. */
export function buildAnswerMatcher(question: Question): AnswerMatcher {
  const list = question.answers.flatMap((a) =>
    [a.label, ...a.synonyms].map((text) => ({ answerId: a.id, text: text.toLowerCase() })),
  );
  return {
    question,
    fuse: new Fuse(list, {
      keys: ['text'],
      includeScore: true,
      threshold: MAX_FUZZY_SCORE,
      ignoreLocation: true,
    }),
  };
}

function normalise(s: string): string {
  return s
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s'-]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

function contentStems(s: string): Set<string> {
  return new Set(words(s).filter(isContentWord).map(stem));
}

/** A label's alternatives: "undefined / None / empty" is three ways to say the same answer. */
function phrasesOf(a: Question['answers'][number]): string[] {
  return [a.label, ...a.label.split(/\s\/\s|,\s|\sor\s/), ...a.synonyms];
}

function byWordOverlap(q: Question, text: string): string | undefined {
  const typed = contentStems(text);
  if (typed.size === 0) return undefined;
  const scores = q.answers.map((a) => {
    let best = 0;
    for (const phrase of phrasesOf(a)) {
      const ws = contentStems(phrase);
      if (ws.size === 0) continue;
      let hit = 0;
      for (const w of ws) if (typed.has(w)) hit++;
      // Coverage of the phrase first; among full matches, the phrase with more words is more specific.
      const score = hit / ws.size >= MIN_WORD_OVERLAP ? hit / ws.size + 0.1 * hit : 0;
      best = Math.max(best, score);
    }
    return { id: a.id, best };
  });
  scores.sort((a, b) => b.best - a.best);
  const [first, second] = scores;
  if (first && first.best > 0 && (!second || first.best > second.best)) return first.id;
  return undefined;
}

/**
 * The answer id `text` picks (NOT_SURE for "not sure"), or undefined when it is not an answer.
 * `signals` are the evidence signals found in the same text; `offered` the answer ids the question
 * was shown with (numbers count in that list, and an answer not offered is not picked).
 */
export function matchAnswer(
  m: AnswerMatcher,
  text: string,
  signals: readonly string[] = [],
  offered?: readonly string[],
): string | undefined {
  const shownIds = offered && offered.length > 0 ? offered : m.question.answers.map((a) => a.id);
  const t = normalise(text);
  if (!t || text.length > MAX_ANSWER_CHARS) return undefined;
  const num = /^#?(\d{1,2})[.)]?$/.exec(t);
  if (num) {
    const n = Number(num[1]);
    if (n >= 1 && n <= shownIds.length) return shownIds[n - 1];
    if (n === shownIds.length + 1) return NOT_SURE;
    return undefined;
  }
  const picked = matchWords(m, t, signals);
  return picked === NOT_SURE || (picked !== undefined && shownIds.includes(picked)) ? picked : undefined;
}

function matchWords(m: AnswerMatcher, t: string, signals: readonly string[]): string | undefined {
  const q = m.question;
  if (UNSURE.test(t)) return NOT_SURE;
  for (const a of q.answers) {
    if ([a.label, ...a.synonyms].some((s) => normalise(s) === t)) return a.id;
  }
  const yes = q.answers.find((a) => /^yes\b/i.test(a.label));
  const no = q.answers.find((a) => /^no\b/i.test(a.label));
  if (yes && YES.test(t)) return yes.id;
  if (no && NO.test(t)) return no.id;
  // What the reply itself shows ("it works on my laptop" is timeline:works-locally) picks an answer.
  const implied = q.answers.filter((a) => a.implied_by.some((sig) => signals.includes(sig)));
  if (implied.length === 1) return implied[0]?.id;
  const overlap = byWordOverlap(q, t);
  if (overlap) return overlap;
  if (t.length <= 60) {
    const [top, second] = m.fuse.search(t, { limit: 2 });
    if (
      top &&
      (top.score ?? 1) <= MAX_FUZZY_SCORE &&
      (!second || second.item.answerId === top.item.answerId || (second.score ?? 1) - (top.score ?? 1) > 0.05)
    ) {
      return top.item.answerId;
    }
  }
  return undefined;
}
