/**
 * Text features for the learned scorer, language-neutral: words of any script (lowercased, NFKC,
 * lightly stemmed), adjacent word pairs, and character pairs for scripts written without spaces
 * (Chinese, Japanese), so "密钥无效" and "APIキー無効" yield features as "invalid key" does, plus
 * the English glosses of words about keys in other languages (gloss.ts).
 */
import { expandIdentifiers, isContentWord, stem } from '../text/tokenize.ts';
import { glossConcepts } from './gloss.ts';

/** Feature name prefixes: word, word pair, character pair. */
export const WORD_PREFIX = 'w:';
export const PAIR_PREFIX = 'b:';
export const CJK_PREFIX = 'c:';

/** Runs of letters/digits (identifiers keep `_` and `-` inside), or runs of CJK characters. */
const TOKEN =
  /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}ー]+|(?:(?![\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}])[\p{L}\p{N}])(?:(?![\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}ー])[\p{L}\p{N}_-])*/gu;
const CJK = /^[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}ー]/u;
/** Words longer than this are hashes, ids or base64, not language. */
const MAX_WORD_CHARS = 32;
/** A word with this many digits is a number, a timestamp or an id (three-digit statuses stay). */
const MAX_DIGITS = 3;
/** Feature prefix of a word (or word pair) in a report's opening words. */
export const HEAD_PREFIX = 't:';
/**
 * A report's first this many tokens are its opening words: a title or the line that says what is
 * wrong, before the pasted logs. Their words count once more, as head words. Measured 2026-12-03,
 * cross-validated on 3458 real reports (top-1 / top-3; forward split): none 51.5% / 77.1% (40.5% /
 * 67.3%); head words only: 8 52.7% / 77.7%, 12 52.8% / 77.7% (41.7% / 68.0%), 20 52.6% / 77.9%,
 * 30 52.0% / 77.9%; 12 with head word pairs 52.9% / 78.0% (41.7% / 68.9%). Head character pairs of
 * CJK text, and words inside or outside code fences as their own features, gained nothing.
 */
export const HEAD_TOKENS = 12;
/** Only the first this many tokens count: a pasted log adds nothing after that, and time stays bounded. */
export const MAX_TEXT_TOKENS = 600;

function keepWord(word: string): boolean {
  if (word.length > MAX_WORD_CHARS) return false;
  const digits = word.replace(/\D/g, '').length;
  if (digits > MAX_DIGITS || (digits > 0 && digits !== word.length && /^\d|\d$/.test(word) && digits > 2))
    return false;
  // Latin-script words go through the stop-word and short-word filter; other scripts are kept.
  return /[a-z]/.test(word) || /^\d+$/.test(word) ? isContentWord(word) : word.length > 1;
}

/** Feature prefix of a word's root in languages that inflect by suffix or particle. */
export const ROOT_PREFIX = 'r:';
/** A root keeps at least this many letters of an inflected word... */
const ROOT_MIN_CHARS = 4;
/** ...and drops up to this many from its end (ключа, ключом -> ключ; błędny, błędna -> błęd). */
const ROOT_ENDING_CHARS = 2;
/** Korean particles and endings glued to a noun: 토큰이, 토큰을, 키가, 키는 -> 토큰, 키. */
const HANGUL_PARTICLE = /(?:으로|에서|에게|까지|부터|이|가|은|는|을|를|의|에|로|도|만|와|과)$/u;

/**
 * The root of a word whose language inflects it (Cyrillic, Latin with diacritics, Hangul), so its
 * forms meet; undefined for English and other ASCII words, which the stemmer already folds.
 */
function inflectionRoot(word: string): string | undefined {
  if (/^[\x00-\x7f]*$/.test(word)) return undefined;
  const chars = [...word];
  if (/[\uac00-\ud7af]/u.test(word)) {
    const root = word.replace(HANGUL_PARTICLE, '');
    if (root !== word && root.length > 0) return root;
    // a verb or adjective form (만료되었습니다, 만료된): its first two syllables are the noun it is made from
    return chars.length >= 3 ? chars.slice(0, 2).join('') : undefined;
  }
  if (chars.length <= ROOT_MIN_CHARS) return undefined;
  return chars.slice(0, Math.max(ROOT_MIN_CHARS, chars.length - ROOT_ENDING_CHARS)).join('');
}

/** A token of a message: a run of CJK characters, or the kept words (unstemmed) of a Latin/Cyrillic/... run. */
type Token = { position: number } & ({ cjk: string } | { words: string[] });

/** The message's first MAX_TEXT_TOKENS tokens, lowercased and NFKC-normalised, each with its 1-based position. */
function* tokensOf(normal: string): Generator<Token> {
  let position = 0;
  for (const match of normal.matchAll(TOKEN)) {
    if (++position > MAX_TEXT_TOKENS) return;
    const token = match[0];
    if (CJK.test(token)) yield { position, cjk: token };
    else yield { position, words: expandIdentifiers([token.replace(/[-_]+$/, '')]).filter(keepWord) };
  }
}

/** The distinct text features of a message, in first-seen order. */
export function textFeatures(text: string): string[] {
  const out = new Set<string>();
  const normal = text.normalize('NFKC').toLowerCase();
  let previous: string | undefined;
  for (const token of tokensOf(normal)) {
    const head = token.position <= HEAD_TOKENS;
    if ('cjk' in token) {
      previous = undefined;
      const chars = [...token.cjk];
      if (chars.length === 1) out.add(`${CJK_PREFIX}${token.cjk}`);
      for (let i = 1; i < chars.length; i++) out.add(`${CJK_PREFIX}${chars[i - 1]}${chars[i]}`);
      continue;
    }
    const parts = token.words.map(stem);
    if (parts.length === 0) continue;
    for (const p of parts) {
      out.add(`${WORD_PREFIX}${p}`);
      if (head) out.add(`${HEAD_PREFIX}${p}`);
      const root = inflectionRoot(p);
      if (root !== undefined) out.add(`${ROOT_PREFIX}${root}`);
    }
    const first = parts[0]!;
    if (previous !== undefined) out.add(`${PAIR_PREFIX}${previous} ${first}`);
    if (previous !== undefined && head) out.add(`${HEAD_PREFIX}${previous} ${first}`);
    previous = parts.at(-1);
  }
  // words about keys in other languages also count as their English glosses
  for (const english of glossConcepts(normal)) out.add(`${WORD_PREFIX}${stem(english)}`);
  return [...out];
}

/**
 * The words of a message as written, by the word feature each one gives (w:expir -> "expired"),
 * and each CJK character pair by its own feature: what a reason quotes when a word helped a cause.
 */
export function wordSurfaces(text: string): Map<string, string> {
  const out = new Map<string, string>();
  const add = (feature: string, surface: string) => {
    if (!out.has(feature)) out.set(feature, surface);
  };
  for (const token of tokensOf(text.normalize('NFKC').toLowerCase())) {
    if ('cjk' in token) {
      const chars = [...token.cjk];
      for (let i = 1; i < chars.length; i++)
        add(`${CJK_PREFIX}${chars[i - 1]}${chars[i]}`, `${chars[i - 1]}${chars[i]}`);
    } else for (const word of token.words) add(`${WORD_PREFIX}${stem(word)}`, word);
  }
  return out;
}
