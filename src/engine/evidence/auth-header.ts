/**
 * How the key is sent: which header carries it and with which scheme, read from raw HTTP, curl
 * lines and fetch/axios/requests code. Works on the raw text (to see glued or quoted values) but
 * every explanation is built from the redacted slice.
 */
import type { Signal } from '../signals.ts';
import type { EvidenceItem } from '../types.ts';
import { PROSE_RULES } from './auth-prose.ts';
import { credentialAt, type ExtractionInput, quote, redactSlice } from './context.ts';
import { type Literal, readLiteral } from './header-literal.ts';

/** One place the request carries a credential. */
export interface AuthObservation {
  /** lowercase header name, or 'query' for a URL parameter */
  header: string;
  /** lowercase scheme for Authorization ('none' for a bare value) */
  scheme?: string;
  /** redacted text of the header as written, for explanations */
  shown: string;
  /** true when the value is a JWT (an OAuth / Entra ID access token), not an API key */
  token?: boolean;
}

/** A JWT's first segment: base64url of '{"'. */
const JWT_START = /^eyJ[A-Za-z0-9_-]{5,}\./;

const AUTHORIZATION = /\b(?:proxy-)?authorization["'`]?\]?[ \t]{0,3}[:=,][ \t]{0,3}/gi;
/** An organization / project / workspace named with the request: a key from another one is refused. */
const ORGANIZATION =
  /\b(?:openai-organization|openai-project|anthropic-workspace|x-(?:workspace|tenant|org|organization|project|account)-id)\b|\b(?:organization|project)(?:_id)?["'`]?[ \t]{0,3}[:=][ \t]{0,3}["'`]?(?:org|proj)[-_][A-Za-z0-9]{3,60}/i;
/** A credential sent as a cookie (`Cookie: token=...`, `cookies={"token": ...}`). */
const COOKIE =
  /\bcookies?["'`]?[ \t]{0,3}[:=][ \t]{0,3}[{(["'`]{0,2}[ \t]{0,3}["'`]?(?:token|api[_-]?key|access[_-]?token|auth\w{0,12}|session\w{0,12}|jwt)\b/i;
const API_KEY_HEADERS =
  /(?<![A-Za-z0-9_-])(x-api-key|api-key|xi-api-key|x-goog-api-key|ocp-apim-subscription-key|x-[a-z0-9-]{0,30}(?:key|token|auth|secret)[a-z0-9-]{0,20})["'`]?[ \t]{0,3}[:,][ \t]{0,3}/gi;
const QUERY_PARAM = /[?&](api[_-]?key|apikey|key|access_token|token|auth|sig)=/gi;
const BASIC_AUTH =
  /(?:^|\s)(?:-u|--user)[ \t]{1,5}\S|\bauth\s{0,2}=\s{0,2}\(|HTTPBasicAuth\(|\bauth:\s{0,2}\{\s{0,2}username/i;
const REQUEST =
  /\bcurl\s|\bfetch\(|\baxios\b|\brequests\.(?:get|post|put|patch|delete)\(|\bhttpx\.|^(?:GET|POST|PUT|PATCH|DELETE) \/\S{0,200} HTTP\/\d/im;

/** A value that is a template's placeholder rather than a masked key. */
const EXPLICIT_PLACEHOLDER =
  /^["']?(?:<?your[ _-]?(?:api[ _-]?|secret[ _-]?|access[ _-]?)?(?:key|token|secret)(?:[ _-]?here)?>?|(?:api[_-]?)?key[_-]here|placeholder|change[_-]?me|replace[_-]?me|insert[_-]?(?:key|token)[_-]?here)["']?$/i;
const UNSET_VALUE = /^(?:undefined|null|none|nil|nan|""|''|\[object object\])?$/i;
const SHELL_VAR = /^\$\{?[A-Za-z_][A-Za-z0-9_]{0,80}\}?/;
const TEMPLATE_VAR = /^\$\{[^}\n]{1,120}\}/;
const PYTHON_FIELD = /^\{[A-Za-z_][A-Za-z0-9_.[\]'"]{0,80}\}/;
/** A bare unquoted header value that is a key, a key shape (`sk-...`) or a code expression. */
const LOOKS_LIKE_KEY_OR_CODE = /[0-9_.$[\]{}()…-]|key|token|secret|^(?:sk|rk|pk|xox|gh[pousr]|hf|eyj|aiza)/i;
const PROSE_WORD =
  /^(?:failed|failure|required|denied|error|missing|header|invalid|is|was|not|bearer|token)$/i;

/** The value after the scheme is missing, unset, or a template that was never expanded. */
function unsetValueReason(value: string, lit: Literal): string | undefined {
  // a raw header in prose ends at the first space: "Bearer undefined (I also tried ...)"
  const v = lit.quoteChar === '' ? (value.trim().split(/\s/)[0] ?? '') : value.trim();
  if (UNSET_VALUE.test(v) && !lit.rest.trim().startsWith('+')) return v ? `\`${v}\`` : 'empty';
  if (TEMPLATE_VAR.test(v) && lit.quoteChar !== '`' && !(lit.shell && lit.quoteChar === '"')) {
    // the text names a JS template literal on purpose
    return 'a `${...}` template that was never filled in (it is not inside backticks)';
  }
  if (SHELL_VAR.test(v) && !v.startsWith('${') && (lit.quoteChar === "'" || lit.quoteChar === '')) {
    return 'a `$VARIABLE` that the shell never expanded (single quotes, or it was sent literally)';
  }
  if (
    PYTHON_FIELD.test(v) &&
    lit.prefix !== 'f' &&
    (lit.quoteChar === '"' || lit.quoteChar === "'") &&
    !/\.format\(/.test(lit.rest)
  ) {
    return 'a `{variable}` placeholder in a string that is not an f-string';
  }
  return undefined;
}

function classifyScheme(content: string): {
  scheme: string;
  value: string;
  word?: string;
  wideGap?: boolean;
} {
  const c = content.replace(/^\s+/, '');
  const m = /^(bearer|token|basic|bot)(?=[A-Za-z0-9$[{"'<_-])/i.exec(c);
  if (m) return { scheme: 'no-space', value: c.slice(m[0].length) };
  const s = /^(bearer|token|basic|bot)(\s+)/i.exec(c);
  if (s) {
    const word = s[1] ?? '';
    const lower = word.toLowerCase();
    const scheme = lower === 'bearer' && word !== 'Bearer' ? 'bearer-lowercase' : lower;
    return { scheme, value: c.slice(s[0].length), wideGap: (s[2] ?? '') !== ' ' };
  }
  const other = /^([A-Za-z][A-Za-z0-9_-]{1,20})\s+\S/.exec(c);
  if (other && !/^(?:process|os|self|this)\b/.test(c)) {
    return { scheme: 'other', value: c.replace(/^\S+\s+/, ''), word: (other[1] ?? '').toLowerCase() };
  }
  return { scheme: 'none', value: c };
}

/** The first word of `value` could be a key or a code expression. */
function looksLikeCredential(value: string): boolean {
  const first = value.trim().split(/\s/)[0] ?? '';
  return LOOKS_LIKE_KEY_OR_CODE.test(first) || first.length >= 16;
}

/** A bare unquoted word after `Authorization:` in prose ("authorization: failed") is not a header. */
function looksLikeProse(lit: Literal, value: string): boolean {
  if (lit.quoteChar) return false;
  const v = value.trim();
  if (!v) return true;
  const first = v.split(/\s+/)[0] ?? '';
  return PROSE_WORD.test(first) && v.length < 16;
}

const SCHEME_SIGNAL: Record<string, Signal> = {
  bearer: 'scheme:bearer',
  'bearer-lowercase': 'scheme:bearer-lowercase',
  none: 'scheme:none',
  'no-space': 'scheme:no-space',
  token: 'scheme:token',
  basic: 'scheme:basic',
  bot: 'scheme:bot',
  other: 'scheme:other',
};

function schemeDetail(scheme: string, shown: string): string {
  switch (scheme) {
    case 'none':
      return `your header is ${shown} without \`Bearer \` in front of the key`;
    case 'no-space':
      return `your header is ${shown}: the scheme is glued to the key with no space`;
    case 'bearer-lowercase':
      return `your header is ${shown}: the scheme is not written \`Bearer\` (capital B)`;
    case 'bearer':
      return `your header is ${shown} (Bearer scheme)`;
    default:
      return `your header is ${shown} (${scheme} scheme)`;
  }
}

/** Facts about the key's own value inside a header (unset, placeholder, quoted, whitespace). */
function valueFacts(
  input: ExtractionInput,
  lit: Literal,
  value: string,
  valueStart: number,
  shown: string,
): EvidenceItem[] {
  const out: EvidenceItem[] = [];
  const unset = unsetValueReason(value, lit);
  if (unset) out.push({ signal: 'key:undefined', detail: `the key in ${shown} is ${unset}` });
  const cred = credentialAt(input, valueStart);
  const trimmed = value.trim();
  // Users mask keys (sk-xxxx, ****, <key>, FAKE...): only a value that reads as a template's
  // placeholder counts as one.
  if (!unset && !cred && EXPLICIT_PLACEHOLDER.test(trimmed)) {
    out.push({ signal: 'key:placeholder', detail: `the key in ${shown} is a placeholder, not a real key` });
  }
  if (/^["']|^%22|^\\["']/.test(trimmed)) {
    out.push({
      signal: 'key:quoted',
      detail: `the key in ${shown} is wrapped in quotes that are sent as part of it`,
    });
  }
  if (
    /\\[nr]|%0a|%0d|\r|\t/i.test(value) ||
    (lit.quoteChar && /\S\s+$/.test(value)) ||
    /^\s{2,}/.test(value)
  ) {
    out.push({
      signal: 'key:whitespace',
      detail: `the value in ${shown} carries extra whitespace or a newline`,
    });
  }
  return out;
}

/** Every Authorization / API-key header and key parameter in the text. */
export function parseAuth(input: ExtractionInput): {
  observations: AuthObservation[];
  items: EvidenceItem[];
} {
  const { raw } = input;
  const observations: AuthObservation[] = [];
  const items: EvidenceItem[] = [];
  AUTHORIZATION.lastIndex = 0;
  for (let m = AUTHORIZATION.exec(raw); m !== null; m = AUTHORIZATION.exec(raw)) {
    const pos = m.index + m[0].length;
    const lit = readLiteral(raw, pos, m.index);
    const { scheme, value, word, wideGap } = classifyScheme(lit.content);
    if (scheme === 'none' && looksLikeProse(lit, value)) continue;
    if (scheme === 'none' && !lit.quoteChar && !LOOKS_LIKE_KEY_OR_CODE.test(value) && value.length < 16)
      continue;
    if (scheme === 'other' && !lit.quoteChar && (PROSE_WORD.test(word ?? '') || !looksLikeCredential(value)))
      continue;
    const shown = quote(`Authorization: ${redactSlice(input, lit.start, lit.start + lit.content.length)}`);
    observations.push({
      header: 'authorization',
      scheme: word ?? scheme,
      shown,
      token: JWT_START.test(value),
    });
    items.push({
      signal: 'header:authorization',
      detail: `the key is sent in the Authorization header (${shown})`,
    });
    items.push({ signal: SCHEME_SIGNAL[scheme] ?? 'scheme:other', detail: schemeDetail(scheme, shown) });
    const valueStart = lit.start + lit.content.length - value.length;
    items.push(...valueFacts(input, lit, value, valueStart, shown));
    if (wideGap) {
      items.push({
        signal: 'key:whitespace',
        detail: `${shown} has more than one space (or a tab) between the scheme and the key`,
      });
    }
  }
  API_KEY_HEADERS.lastIndex = 0;
  for (let m = API_KEY_HEADERS.exec(raw); m !== null; m = API_KEY_HEADERS.exec(raw)) {
    const name = (m[1] ?? '').toLowerCase();
    const pos = m.index + m[0].length;
    const lit = readLiteral(raw, pos, m.index);
    const value = lit.content;
    if (looksLikeProse(lit, value)) continue;
    const shown = quote(`${m[1]}: ${redactSlice(input, lit.start, lit.start + value.length)}`);
    observations.push({ header: name, shown });
    const signal: Signal =
      name === 'x-api-key' ? 'header:x-api-key' : name === 'api-key' ? 'header:api-key' : 'header:other';
    items.push({ signal, detail: `the key is sent in the \`${m[1]}\` header (${shown})` });
    items.push(...valueFacts(input, lit, value, lit.start, shown));
  }
  QUERY_PARAM.lastIndex = 0;
  for (let m = QUERY_PARAM.exec(raw); m !== null; m = QUERY_PARAM.exec(raw)) {
    const param = (m[1] ?? '').toLowerCase();
    const shown = quote(
      redactSlice(input, m.index, Math.min(raw.length, m.index + m[0].length + 40)).split(/[\s&"']/)[0] ?? '',
    );
    observations.push({ header: 'query', scheme: param, shown });
    items.push({ signal: 'header:query-param', detail: `the key is sent as the URL parameter \`${param}\`` });
    const valueStart = m.index + m[0].length;
    const after = raw.slice(valueStart, valueStart + 6);
    if (
      /^(?:%0a|%0d|%20)/i.test(after) ||
      /^[^&\s]{1,500}?(?:%0a|%0d)/i.test(raw.slice(valueStart, valueStart + 520))
    ) {
      items.push({
        signal: 'key:whitespace',
        detail: 'the key in the URL contains an encoded newline or space (`%0A`/`%0D`/`%20`)',
      });
    }
    if (/^(?:%22|%27)/i.test(after))
      items.push({ signal: 'key:quoted', detail: 'the key in the URL starts with an encoded quote (`%22`)' });
    if (/^(?:undefined|null|none|nil)?(?:[&#\s"'`]|$)/i.test(raw.slice(valueStart, valueStart + 10))) {
      items.push({
        signal: 'key:undefined',
        detail: `the URL parameter \`${param}\` is empty or \`undefined\``,
      });
    }
  }
  const org = ORGANIZATION.exec(raw);
  if (org) {
    items.push({
      signal: 'header:organization',
      detail: `the request names an organization or project (${quote(org[0].replace(/["'`]/g, ''))})`,
    });
  }
  if (COOKIE.test(raw)) {
    observations.push({ header: 'cookie', shown: '`a cookie`' });
    items.push({ signal: 'header:other', detail: 'the credential is sent as a cookie, not in a header' });
  }
  if (BASIC_AUTH.test(raw)) {
    observations.push({ header: 'authorization', scheme: 'basic', shown: '`basic auth (user:password)`' });
    items.push({
      signal: 'scheme:basic',
      detail: 'the request uses HTTP Basic authentication (user and password)',
    });
  }
  if (observations.length === 0) {
    for (const rule of PROSE_RULES) {
      const m = rule.regex.exec(input.lower);
      if (!m) continue;
      observations.push({
        header: rule.header,
        ...(rule.scheme ? { scheme: rule.scheme } : {}),
        shown: quote(m[0]),
      });
      for (const signal of rule.signals)
        items.push({ signal, detail: `you describe sending the key ${quote(m[0])}` });
    }
  }
  if (observations.length === 0 && input.credentials.length === 0 && REQUEST.test(raw)) {
    items.push({
      signal: 'header:none',
      detail: 'the request you pasted carries no Authorization header or key at all',
    });
  }
  return { observations, items };
}
