/**
 * Credentials named in other languages than English: `密钥：...`, `APIキー=...`, `mi clave de API es
 * ...`, `senha: ...`, `API-Schlüssel: ...`, `пароль: ...`, `비밀번호: ...`, `mot de passe : ...`.
 * The label, a few words after it, a separator (a colon, `=`, or the language's "is"), then the
 * value, judged as the English name's value would be. Every repetition is bounded; what that still
 * costs on the worst input is checked by recheck (`npm run bench:attacks`) and timed by the bench.
 */
import { KEY_WORDS, PASSWORD_WORDS, SECRET_WORDS, TOKEN_WORDS, UNSPACED_SCRIPT } from './credential-words.ts';
import { foldLookAlikes } from './normalise.ts';
import type { CredentialPattern } from './pattern-types.ts';
import { nameValueDescribe } from './value-judges.ts';

/** The words as the view shows them (Cyrillic look-alikes folded to ASCII), both cases. */
function alternation(words: readonly string[]): string {
  const spaced = (w: string) =>
    [...new Set([w, w.toUpperCase(), w[0]?.toUpperCase() + w.slice(1)])]
      // the view drops combining marks (Devanagari and Thai vowel signs among them), so the word does too
      .map((f) =>
        foldLookAlikes(f)
          .replace(/[\p{Mn}\p{Me}]/gu, '')
          .replace(/[ -]/g, '[ \\t-]'),
      )
      .join('|');
  const cjk = words.filter((w) => UNSPACED_SCRIPT.test(w)).map(spaced);
  const latin = words.filter((w) => !UNSPACED_SCRIPT.test(w)).map(spaced);
  return `(?:${cjk.join('|')}|(?<![\\p{L}\\p{N}_])(?:${latin.join('|')}))`;
}

/**
 * A few words between the label and the separator ("de API", "API", "бота", "d'accès"): one lazy run
 * of letters and spaces, not words counted one by one, which a run of label words could split in
 * thousands of ways before each separator failed.
 */
const WORDS_BETWEEN = "[ \\t\\p{L}\\p{N}'’-]{0,45}?";
/** A colon (ASCII or fullwidth), `=`, or the language's "is" ("es", "é", "ist", "是", "は", ...). */
const SEPARATOR =
  '[ \\t]{0,3}(?:[:：=]|是|为|為|は|が|가|는|은|이|(?<=[ \\t])(?:es|é|è|est|ist|era|foi|war|était|это|jest|to)(?=[ \\t]))[ \\t]{0,3}';
/** Or no separator but a space and an opening quote: `con la clave "..."`, `a senha '...'`. */
const BEFORE_QUOTE = '[ \\t]{1,3}(?=["\'`「『“])';
/** The value: one run of ASCII, perhaps in quotes or corner brackets (the sentence goes on in its language). */
const VALUE = '["\'`「『“]?([!#-&(-_a-~]{6,200})';

function labelled(words: readonly string[], englishName: string): CredentialPattern {
  return {
    provider: 'generic',
    regex: new RegExp(`${alternation(words)}${WORDS_BETWEEN}(?:${SEPARATOR}|${BEFORE_QUOTE})${VALUE}`, 'giu'),
    group: 1,
    describe: (v) => nameValueDescribe(englishName, v),
  };
}

/** The language's "is" after an English name, in a sentence otherwise in Chinese, Japanese or Korean. */
const CJK_SEPARATOR = '[ \\t]{0,3}(?:是|为|為|は|が|가|는|은|이)[ \\t]{0,3}';

/** `我的 key 是 ...`, `api key가 ...`, `tokenは ...`: an English name with the sentence's own "is". */
const ENGLISH_NAME_CJK_IS: CredentialPattern = {
  provider: 'generic',
  regex: new RegExp(
    `(?<![A-Za-z0-9_])(api[ _-]?key|key|token|secret|password)${CJK_SEPARATOR}${VALUE}`,
    'giu',
  ),
  group: 2,
  describe: (v, m) => nameValueDescribe(m[1] ?? 'key', v),
};

/** "As follows", "below", "is this" in Chinese, Japanese and Korean, before a colon and a value. */
const CJK_AS_FOLLOWS =
  '(?:如下(?:所示)?|以下|下面|是这个|是这样的|は以下(?:の通り)?|は次の通り|は下記|는[ \\t]?다음과[ \\t]?같습니다|는[ \\t]?다음과[ \\t]?같이)';

/**
 * `我申请的 token 如下：\n\n`...``, `APIキーは以下：...`: an English name, a few words of the sentence
 * in Chinese, Japanese or Korean ("as follows", "below"), a colon, and the value, perhaps on a
 * following line.
 */
const ENGLISH_NAME_CJK_LABEL: CredentialPattern = {
  provider: 'generic',
  regex: new RegExp(
    `(?<![A-Za-z0-9_])(api[ _-]?key|key|token|secret|password)[ \\t]{0,3}${CJK_AS_FOLLOWS}[ \\t]{0,3}[:：][ \\t]{0,3}(?:\\r?\\n[ \\t]{0,3}){0,2}${VALUE}`,
    'giu',
  ),
  group: 2,
  describe: (v, m) => nameValueDescribe(m[1] ?? 'key', v),
};

/** Chinese verbs of giving a value: set, entered, filled in, configured, changed to. */
const CJK_SET_VERB =
  '(?:设置|設置|设定|設定|填写|填寫|填入|填的|输入|輸入|配置|改成|改为|改為|换成|換成)(?:的|了|为|為|成)?';

/**
 * `设置密钥后就这样，我设置的abc123...`: a key word in Chinese, then (within the sentence) "the
 * one I set / entered / changed to", and the value glued to it, with no colon or "is".
 */
const CJK_KEY_SET_TO: CredentialPattern = {
  provider: 'generic',
  regex: new RegExp(
    `${alternation([...KEY_WORDS, ...TOKEN_WORDS, ...PASSWORD_WORDS].filter((w) => UNSPACED_SCRIPT.test(w)))}[^\n。!?！？]{0,20}?${CJK_SET_VERB}[ \t]{0,3}${VALUE}`,
    'gu',
  ),
  group: 1,
  describe: (v) => nameValueDescribe('key', v),
};

export const LABEL_WORD_PATTERNS: readonly CredentialPattern[] = [
  labelled(PASSWORD_WORDS, 'password'),
  labelled([...KEY_WORDS, ...TOKEN_WORDS, ...SECRET_WORDS], 'key'),
  ENGLISH_NAME_CJK_IS,
  ENGLISH_NAME_CJK_LABEL,
  CJK_KEY_SET_TO,
];
