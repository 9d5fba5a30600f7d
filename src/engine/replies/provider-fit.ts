/**
 * Answers that fit the asker: every step, snippet, check and reference shown names only the
 * detected provider and tool, or none. Knowledge text often uses one provider as its example
 * (`OPENAI_API_KEY`, a curl to api.openai.com); here such material is rewritten for the detected
 * provider (its SDK variable, its own test request) or left out when it cannot be.
 */
import type { FixStep, Knowledge, Provider, Reference, Tool } from '../../knowledge/schema.ts';
import type { Evidence } from '../types.ts';

import { GENERIC_PROVIDER } from '../evidence/provider.ts';

export { GENERIC_PROVIDER };

/** Who is asking: the specific providers and tools detected, and the variable and check that fit them. */
export interface Asker {
  providers: readonly string[];
  tools: readonly string[];
  /** the variable the asker's SDK or CLI reads its credential from */
  env: string;
  /** one request that tests the asker's credential */
  check: string;
  /** the asker's own documentation, shown when every reference would be another provider's */
  docs?: Reference;
}

interface MentionIndex {
  /** URL or host fragments (longest first) -> provider id */
  places: { fragment: string; id: string }[];
  /** first word of a provider's variable names -> provider id ("OPENAI" in OPENAI_API_KEY) */
  stems: Map<string, string>;
  /** display names a bullet may start with ("Azure OpenAI: ...") */
  names: { regex: RegExp; id: string }[];
  /** key prefixes among a provider's keywords (`ghp_`, `sk_test_`, `SG.`), case as written */
  keyPrefixes: { regex: RegExp; id: string }[];
}

const FALLBACK_ENV = 'API_KEY';
const FALLBACK_CHECK = 'curl -i https://api.example.com/v1/me -H "Authorization: Bearer $API_KEY"';
/** Words too common to name a provider when they start a variable (CI_JOB_TOKEN is GitLab, CI_ is not). */
const AMBIGUOUS_STEMS = new Set(['API', 'CI', 'KEY', 'TOKEN', 'SECRET']);
/** A keyword that is the start of a key (`ghp_`, `sk-or-`, `SG.`): letters, then `_`, `-` or `.`. */
const KEY_PREFIX = /^[A-Za-z][A-Za-z_-]*[A-Za-z][_.-]$/;
/** Hosts that belong to everyone (standards, browsers, tooling) and say nothing about a provider. */
const NEUTRAL_HOSTS = new Set([
  'datatracker.ietf.org',
  'developer.mozilla.org',
  'github.com',
  'docs.docker.com',
]);

function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function docsFragment(url: string): string | undefined {
  try {
    const u = new URL(url);
    const path = u.pathname.split('/').filter(Boolean).slice(0, 2).join('/');
    return `${u.host.replace(/^www\./, '')}/${path}`.toLowerCase();
  } catch {
    return undefined;
  }
}

const indexMemo = new WeakMap<Knowledge, MentionIndex>();

function mentionIndex(knowledge: Knowledge): MentionIndex {
  const memo = indexMemo.get(knowledge);
  if (memo) return memo;
  const places: MentionIndex['places'] = [];
  const stems = new Map<string, string>();
  const names: MentionIndex['names'] = [];
  const keyPrefixes: MentionIndex['keyPrefixes'] = [];
  const addStem = (env: string, id: string) => {
    const stem = env.split('_')[0] ?? '';
    if (stem.length >= 2 && !AMBIGUOUS_STEMS.has(stem) && !stems.has(stem)) stems.set(stem, id);
  };
  for (const p of knowledge.providers.values()) {
    if (p.id === GENERIC_PROVIDER) continue;
    for (const h of p.hosts) {
      const host = h.toLowerCase();
      if (NEUTRAL_HOSTS.has(host)) continue;
      places.push({ fragment: host, id: p.id });
      const domain = host.split('.').slice(-2).join('.');
      if (domain !== host && !NEUTRAL_HOSTS.has(domain)) places.push({ fragment: domain, id: p.id });
    }
    const docs = p.docs ? docsFragment(p.docs) : undefined;
    if (docs) {
      places.push({ fragment: docs, id: p.id });
      const host = docs.split('/')[0] ?? '';
      if (!NEUTRAL_HOSTS.has(host)) places.push({ fragment: host, id: p.id });
    }
    for (const env of p.env ?? []) addStem(env, p.id);
    for (const word of p.keywords)
      if (KEY_PREFIX.test(word))
        keyPrefixes.push({ regex: new RegExp(`(?<![A-Za-z0-9])${escapeRegex(word)}`), id: p.id });
    const display = p.name.replace(/\s*\(.*\)$/, '').split(' / ')[0] ?? p.name;
    // the id names it too where people write it so ("AWS says so directly: ..." for Amazon Web Services)
    for (const name of new Set([display, p.id]))
      names.push({
        regex: new RegExp(`^(?:(?:in|on|for|with) )?${escapeRegex(name)}\\b[^.\\n]{0,40}?:`, 'i'),
        id: p.id,
      });
  }
  for (const t of knowledge.tools?.values() ?? [])
    if (t.provider) for (const env of t.env ?? []) addStem(env, t.provider);
  // A fragment shared by two providers (twilio.com for Twilio and SendGrid's docs) is decided by a longer one.
  places.sort((a, b) => b.fragment.length - a.fragment.length);
  const index = { places, stems, names, keyPrefixes };
  indexMemo.set(knowledge, index);
  return index;
}

/** Providers a piece of text names by host, docs URL, variable name or a leading "Provider:" label. */
export function mentionedProviders(knowledge: Knowledge, text: string): Set<string> {
  const index = mentionIndex(knowledge);
  const found = new Set<string>();
  let lower = text.toLowerCase();
  for (const { fragment, id } of index.places) {
    if (!lower.includes(fragment)) continue;
    found.add(id);
    // Blank out what matched so "openai.azure.com" is not also read as "azure.com" plus "openai".
    lower = lower.split(fragment).join(' ');
  }
  for (const m of text.matchAll(/\b[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+\b/g)) {
    const stem = m[0].split('_').find((w) => index.stems.has(w));
    if (stem) found.add(index.stems.get(stem)!);
  }
  for (const { regex, id } of index.names) if (regex.test(text.trim())) found.add(id);
  return found;
}

function primaryEnv(provider: Provider | undefined, tools: readonly Tool[]): string | undefined {
  const own = tools.find((t) => t.provider === provider?.id && t.env?.[0]);
  return own?.env?.[0] ?? provider?.env?.[0];
}

/** The asker the evidence describes. */
export function askerOf(knowledge: Knowledge, evidence: Evidence): Asker {
  const providers = evidence.providers.filter((p) => p !== GENERIC_PROVIDER && knowledge.providers.has(p));
  const tools = (evidence.tools ?? []).filter((t) => knowledge.tools?.has(t));
  const toolDefs = tools.flatMap((t) => knowledge.tools?.get(t) ?? []);
  const main = providers[0] ? knowledge.providers.get(providers[0]) : undefined;
  const generic = knowledge.providers.get(GENERIC_PROVIDER);
  return {
    providers,
    tools,
    env: primaryEnv(main, toolDefs) ?? generic?.env?.[0] ?? FALLBACK_ENV,
    check: main?.check ?? generic?.check ?? FALLBACK_CHECK,
    ...(main?.docs ? { docs: { title: `${main.name} authentication`, url: main.docs } } : {}),
  };
}

function foreign(asker: Asker, mentioned: ReadonlySet<string>): string[] {
  return [...mentioned].filter((p) => !asker.providers.includes(p));
}

/**
 * Replaces another provider's variable names with the asker's, keeping any prefix (VITE_OPENAI_KEY ->
 * VITE_ + env); undefined when two different names would become one (STRIPE_SECRET_KEY and
 * STRIPE_PUBLISHABLE_KEY both API_KEY), since the text would then tell them apart by nothing.
 */
function rewriteEnv(knowledge: Knowledge, asker: Asker, text: string): string | undefined {
  const index = mentionIndex(knowledge);
  const originals = new Map<string, string>();
  let collapsed = false;
  const rewritten = text.replace(/\b[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+\b/g, (name) => {
    const parts = name.split('_');
    const at = parts.findIndex((w) => index.stems.has(w));
    if (at === -1) return name;
    const owner = index.stems.get(parts[at]!)!;
    if (asker.providers.includes(owner)) return name;
    const replaced = [...parts.slice(0, at), asker.env].join('_');
    const before = originals.get(replaced);
    if (before !== undefined && before !== name) collapsed = true;
    originals.set(replaced, name);
    return replaced;
  });
  return collapsed ? undefined : rewritten;
}

/** Fitted texts per knowledge base and asker: knowledge is immutable, so a text fits the same way every time. */
const fitMemo = new WeakMap<Knowledge, Map<string, string | null>>();
/** Entries kept before the memo starts afresh (asker combinations x knowledge texts stay far below it). */
const MAX_FIT_MEMO = 20_000;

function askerKey(asker: Asker): string {
  return `${asker.providers.join(',')}|${asker.env}|${asker.check}`;
}

/** Rewrites a text for the asker, or returns undefined when it is about another provider and cannot be. */
export function fitText(knowledge: Knowledge, asker: Asker, text: string): string | undefined {
  let memo = fitMemo.get(knowledge);
  if (!memo) {
    memo = new Map();
    fitMemo.set(knowledge, memo);
  }
  const key = `${askerKey(asker)}\u0000${text}`;
  const cached = memo.get(key);
  if (cached !== undefined) return cached ?? undefined;
  const rewritten = rewriteEnv(knowledge, asker, text);
  const fitted =
    rewritten === undefined || foreign(asker, mentionedProviders(knowledge, rewritten)).length > 0
      ? undefined
      : rewritten;
  if (memo.size >= MAX_FIT_MEMO) memo.clear();
  memo.set(key, fitted ?? null);
  return fitted;
}

/** Providers whose key shape a line of code holds (`STRIPE_SECRET_KEY=sk_test_...` is Stripe's line). */
function keyShapeOwners(knowledge: Knowledge, line: string): string[] {
  return mentionIndex(knowledge)
    .keyPrefixes.filter(({ regex }) => regex.test(line))
    .map(({ id }) => id);
}

/**
 * A code snippet for the asker: another provider's curl becomes the asker's check; other foreign
 * lines stop it, and so does a line holding another provider's key shape (its variable could be
 * renamed for the asker, but `GH_TOKEN=sk_test_...` would teach a value GitHub never issues).
 */
function fitCode(knowledge: Knowledge, asker: Asker, code: string): string | undefined {
  const lines: string[] = [];
  const kept: string[] = [];
  let replaced = false;
  let continuesReplaced = false;
  for (const line of code.split('\n')) {
    // the rest of a command that was replaced (its `\`-continued options) goes with it
    if (continuesReplaced) {
      continuesReplaced = /\\\s*$/.test(line);
      continue;
    }
    const fitted =
      foreign(asker, new Set(keyShapeOwners(knowledge, line))).length > 0
        ? undefined
        : fitText(knowledge, asker, line);
    if (fitted !== undefined) {
      lines.push(fitted);
      kept.push(line);
    } else if (/^\s*curl\b/.test(line)) {
      lines.push(asker.check);
      replaced = true;
      continuesReplaced = /\\\s*$/.test(line);
    } else if (/^\s*#/.test(line)) continue;
    else return undefined;
  }
  // two names on different lines that would become one make the snippet tell them apart by nothing
  if (rewriteEnv(knowledge, asker, kept.join('\n')) === undefined) return undefined;
  // A comment describing the example that was replaced no longer describes what is shown.
  return (replaced ? lines.filter((l) => !/^\s*#/.test(l)) : lines).join('\n');
}

/**
 * A fix step for the asker, or undefined when its text cannot be made to fit. A step whose text
 * fits but whose example is about another provider is kept without the example: "move the call to
 * your backend" holds for every API, its Next.js route calling OpenAI does not.
 */
export function fitStep(knowledge: Knowledge, asker: Asker, step: FixStep): FixStep | undefined {
  const text = fitText(knowledge, asker, step.text);
  if (text === undefined) return undefined;
  const { code: example, ...rest } = step;
  if (!example) return { ...rest, text };
  const code = fitCode(knowledge, asker, example.code);
  return code === undefined ? { ...rest, text } : { ...rest, text, code: { ...example, code } };
}

/** References for the asker: neutral ones and its own; its documentation when nothing else is left. */
export function fitReferences(knowledge: Knowledge, asker: Asker, refs: readonly Reference[]): Reference[] {
  const kept = refs.filter(
    (r) => foreign(asker, mentionedProviders(knowledge, `${r.title} ${r.url}`)).length === 0,
  );
  if (asker.docs && !kept.some((r) => r.url === asker.docs?.url)) kept.push(asker.docs);
  return kept;
}
