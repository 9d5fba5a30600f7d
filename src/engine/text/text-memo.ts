/**
 * The text-derived parts of a ranking (similarity to every cause, the scorer's text features),
 * remembered for the last few texts. A conversation ranks the same evidence text again on every
 * button answer and twice in some turns; the text is the costliest input to analyse. Keys are the
 * evidence's redacted text, so nothing here holds a credential. Pure: the same text always gives
 * the same result, remembered or not.
 */
import { textFeatures, wordSurfaces } from '../model/text-features.ts';
import { scoreText, type TextIndex, type TextScore } from './text-index.ts';

export interface TextAnalysis {
  texts: ReadonlyMap<string, TextScore>;
  words: readonly string[];
  /** the words as written, by feature (what a reason quotes); worked out on first use, then kept */
  surfaces(): ReadonlyMap<string, string>;
}

/** The analysis of one text, its surfaces worked out once when first asked for. */
export function analyseText(index: TextIndex, text: string): TextAnalysis {
  let surfaces: ReadonlyMap<string, string> | undefined;
  return {
    texts: scoreText(index, text),
    words: textFeatures(text),
    surfaces: () => (surfaces ??= wordSurfaces(text)),
  };
}

/** Texts remembered; the oldest is forgotten first. */
export const TEXT_MEMO_ENTRIES = 256;

export interface TextMemo {
  analyse(index: TextIndex, text: string): TextAnalysis;
}

export function createTextMemo(entries: number = TEXT_MEMO_ENTRIES): TextMemo {
  const memo = new Map<string, TextAnalysis>();
  return {
    analyse(index, text) {
      const known = memo.get(text);
      if (known) {
        // most recently used last
        memo.delete(text);
        memo.set(text, known);
        return known;
      }
      const fresh = analyseText(index, text);
      memo.set(text, fresh);
      if (memo.size > entries) memo.delete(memo.keys().next().value as string);
      return fresh;
    },
  };
}
