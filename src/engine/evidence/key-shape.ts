/** Facts about pasted keys themselves: test/live/restricted/publishable shapes, quotes and whitespace around them. */
import type { Signal } from '../signals.ts';
import type { EvidenceItem } from '../types.ts';
import type { ExtractionInput } from './context.ts';
import { applyRules, type PhraseRule } from './rules.ts';

const SHAPE_SIGNAL: Record<string, Signal> = {
  test: 'key:test',
  live: 'key:live',
  restricted: 'key:restricted',
  publishable: 'key:publishable',
};

const SHAPE_DETAIL: Record<string, string> = {
  test: 'is a test-mode key',
  live: 'is a live-mode key',
  restricted: 'is a restricted key (limited permissions)',
  publishable: 'is a publishable key, which cannot authenticate server-side calls',
};

// Two quote characters before a key, or an encoded/escaped quote: the quotes became part of the value.
const QUOTE_BEFORE = /(?:["'`]["'`]|%22|%27|\\["']|Bearer ["'])$/i;
const QUOTE_AFTER = /^(?:["'`]["'`]|%22|%27|\\["'])/i;
const SPACE_AFTER = /^(?:%0a|%0d|%20|\\n|\\r|\r|\t|[ \t]+["'`]|\n["'`])/i;
const SPACE_BEFORE = /(?:%0a|%0d|%20|\\n|["'`][ \t]+)$/i;

/** Phrases that name a key shape without pasting the key. */
const TEXT_SHAPES: readonly PhraseRule[] = [
  {
    signal: 'key:publishable',
    regex: /\bpublishable key\b|\bpk_(?:live|test)/,
    detail: 'you mention a publishable key',
  },
  {
    signal: 'key:restricted',
    regex: /\brestricted (?:api )?key\b|\brk_(?:live|test)/,
    detail: 'you mention a restricted key',
  },
  {
    signal: 'key:test',
    regex: /\b(?:test|sandbox)[ -](?:mode|secret key|api key|key)\b|\bsk_test/,
    detail: 'you mention a test/sandbox key',
  },
  {
    signal: 'key:live',
    regex: /\blive[ -](?:mode|secret key|api key|key)\b|\bsk_live/,
    detail: 'you mention a live key',
  },
  {
    signal: 'key:undefined',
    regex:
      /(?:process\.env\.\w{1,60}|os\.environ(?:\.get)?\s{0,2}[[(]\s{0,2}["']\w{1,60}["']\s{0,2}[\])]|os\.getenv\([^)\n]{1,80}\)|import\.meta\.env\.\w{1,60}|getenv\([^)\n]{1,80}\)|env(?:ironment)? var(?:iable)?|\bkey|\btoken|\bit|\bvalue|\bvariable|\bvar)\s{0,3}(?:is|'s|returns?|returned|was|comes back|prints?|printed|shows?|=|==|:)\s{0,3}(?:undefined|null|none|nil|empty|blank)\b|keyerror: ["']\w{0,60}(?:key|token)\w{0,20}["']|(?:is|was) not (?:set(?!\s?up)|defined|loaded)\b|\bnot (?:being )?(?:loaded|picked up|read)\b/,
    detail: 'the key is undefined/empty where the code reads it ("$0")',
  },
  {
    signal: 'key:placeholder',
    regex:
      /\b(?:your[_-]?(?:api[_-]?)?(?:key|token|secret)(?:[_-]here)?|<(?:your[ _-]?)?(?:api[ _-]?)?(?:key|token)>|sk-\.\.\.|xxx+-?key)\b/,
    detail: 'a placeholder is used as the key ("$0")',
  },
];

/** Credential kinds that are static API keys copied from a dashboard, not tokens that expire by design. */
const STATIC_KEY_PROVIDERS = new Set(['openai', 'anthropic', 'stripe', 'sendgrid', 'huggingface']);

/** Key shapes or SDK variable names that say "a static API key" without pasting one. */
const STATIC_KEY_TEXT: PhraseRule = {
  signal: 'key:static',
  regex:
    /(?<![a-z0-9])(?:sk-(?:proj-|ant-|or-)?(?:\.\.\.|\*|x{3})|sk_(?:test|live)_|aiza|hf_(?:\.\.\.|\*|x{3})|[a-z][a-z0-9_]{1,40}_api_key|api_key\s*=)/,
  detail: 'a static API key is used ("$0"), not a short-lived token',
};

/** Key-shape signals from the credentials found in the raw text and from how the text names them. */
export function extractKeyShape(input: ExtractionInput): EvidenceItem[] {
  const out: EvidenceItem[] = [];
  for (const c of input.credentials) {
    const label = `\`${c.fingerprint.label}\``;
    out.push({ signal: 'key:pasted', detail: `you pasted ${label}` });
    const google = c.fingerprint.provider === 'google' && c.fingerprint.kind === 'API key';
    if (STATIC_KEY_PROVIDERS.has(c.fingerprint.provider) || google)
      out.push({ signal: 'key:static', detail: `${label} is a static API key, not a short-lived token` });
    if (c.shape) out.push({ signal: SHAPE_SIGNAL[c.shape]!, detail: `${label} ${SHAPE_DETAIL[c.shape]}` });
    const before = input.raw.slice(Math.max(0, c.start - 8), c.start);
    const after = input.raw.slice(c.end, c.end + 8);
    if (QUOTE_BEFORE.test(before) || QUOTE_AFTER.test(after)) {
      out.push({ signal: 'key:quoted', detail: `${label} has quote characters stuck to it` });
    }
    if (SPACE_AFTER.test(after) || SPACE_BEFORE.test(before)) {
      out.push({ signal: 'key:whitespace', detail: `${label} has whitespace or a newline right next to it` });
    }
  }
  out.push(...applyRules([...TEXT_SHAPES, STATIC_KEY_TEXT], input.lower));
  return out;
}
