/** Words for text matching: lowercase, stop words out, light stemming (the same on both sides). */

const STOPWORDS = new Set(
  (
    'a an the and or but if then so of in on at to for from by with as is are was were be been being am ' +
    'i me my mine we our you your it its this that these those there here he she they them their ' +
    'do does did doing done have has had having just get gets got getting can could would should will shall may might must ' +
    'what which who whom why how when where all any some each also very really too than only own same ' +
    'im ive id dont doesnt didnt cant wont isnt arent wasnt please help hi hello hey thanks thank anyone someone ' +
    'into about over after before again further once up down out off now still even though while because until ' +
    'ok okay yes yeah like using use used one two ' +
    // German articles, pronouns, auxiliaries and prepositions: the words of every German report, so
    // they taught the causes of the few German reports mined (mostly `other`) instead of meaning
    'der die das den dem des ein eine einen einem einer und oder aber ist sind war waren wurde wurden ' +
    'werden wird hat haben hatte gibt ich du er sie es wir ihr mein meine mir mich dir sich mit von zu ' +
    'zum zur auf für bei aus nach noch schon auch nur wie wenn dann dass als im zurück'
  ).split(' '),
);

/** Words that carry meaning for this domain despite being short. */
const KEEP_SHORT = new Set([
  'ci',
  'ip',
  'k8s',
  'id',
  'ttl',
  'env',
  'jwt',
  'aws',
  'eu',
  'us',
  'pk',
  'sk',
  'rk',
  'hf',
  'gh',
]);

/** A light suffix stemmer: good enough to join "expired/expires/expiring", stable on both sides. */
export function stem(word: string): string {
  const cached = STEM_CACHE.get(word);
  if (cached !== undefined) return cached;
  const stemmed = stemUncached(word);
  if (STEM_CACHE.size >= STEM_CACHE_LIMIT) STEM_CACHE.clear();
  STEM_CACHE.set(word, stemmed);
  return stemmed;
}

/** Stems are pure functions of the word: remembering them saves work and garbage on every message. */
const STEM_CACHE = new Map<string, string>();
const STEM_CACHE_LIMIT = 20_000;

function stemUncached(word: string): string {
  let w = word;
  if (w.length <= 3) return w;
  // British -ise/-isation spelling is folded into -ize so "unauthorised" meets "unauthorized".
  if (w.length >= 7) w = w.replace(/is(e|ed|es|ing|ation|ations)$/, 'iz$1');
  if (w.endsWith('ies') && w.length > 4) w = `${w.slice(0, -3)}y`;
  else if (w.endsWith('sses')) w = w.slice(0, -2);
  else if (w.endsWith('s') && !/(ss|us|is)$/.test(w) && w.length > 3) w = w.slice(0, -1);
  if (w.endsWith('ations') && w.length > 8) w = w.slice(0, -6);
  else if (w.endsWith('ation') && w.length > 7) w = w.slice(0, -5);
  else if (w.endsWith('ing') && w.length > 5) w = w.slice(0, -3);
  else if (w.endsWith('ed') && w.length > 4) w = w.slice(0, -2);
  else if (w.endsWith('ly') && w.length > 5) w = w.slice(0, -2);
  if (w.endsWith('e') && w.length > 4) w = w.slice(0, -1);
  // expir(e|ed|y|ation) all meet at "expir"; doubled final consonants (stopped) fold.
  if (w.endsWith('y') && w.length > 5) w = w.slice(0, -1);
  if (/([bdgmnprt])\1$/.test(w) && w.length > 4) w = w.slice(0, -1);
  return w;
}

/** Splits lowercase text into raw words (letters, digits, underscores kept inside identifiers). */
export function words(text: string): string[] {
  const found = text.toLowerCase().match(/[a-z0-9][a-z0-9_-]{0,40}/g) ?? [];
  return found.map((w) => w.replace(/[-_]+$/, ''));
}

/** True when a raw word carries meaning for matching. */
export function isContentWord(word: string): boolean {
  if (STOPWORDS.has(word)) return false;
  if (word.length < 3 && !KEEP_SHORT.has(word) && !/^\d{3}$/.test(word)) return false;
  return true;
}

/** Content words of a text, stemmed, in order (duplicates kept). */
export function tokens(text: string): string[] {
  return expandIdentifiers(words(text)).filter(isContentWord).map(stem);
}

/**
 * `invalid_api_key` and `x-api-key` also yield their parts (`invalid`, `api`, `key`), so prose and
 * error codes meet, while the whole identifier still matches more strongly than its common parts.
 */
export function expandIdentifiers(list: readonly string[]): string[] {
  const out: string[] = [];
  for (const w of list) {
    out.push(w);
    if (w.includes('_') || w.includes('-')) for (const part of w.split(/[-_]/)) if (part) out.push(part);
  }
  return out;
}
