/** Which provider the user talks to: by URL host, by name, by key shape, by error string. */
import type { Knowledge, Provider } from '../../knowledge/schema.ts';

/** The provider that stands for "any plain REST API": never a specific API called. */
export const GENERIC_PROVIDER = 'generic';
import type { ExtractionInput } from './context.ts';

export interface ProviderIndex {
  hosts: { host: string; id: string }[];
  /** registrable domains of the hosts ("openai.com" for api.openai.com): weaker than a full host */
  domains: { domain: string; id: string }[];
  /** one word-boundary regex per provider over its name and keywords */
  names: { id: string; regex: RegExp }[];
  /** credential-pattern provider -> knowledge provider id */
  byKeyShape: Record<string, string>;
  providers: ReadonlyMap<string, Provider>;
}

/** Alternative knowledge ids for the providers the credential patterns name. */
const KEY_SHAPE_ALIASES: Record<string, string[]> = {
  openai: ['openai'],
  anthropic: ['anthropic'],
  stripe: ['stripe'],
  aws: ['aws', 'amazon'],
  google: ['google', 'google-cloud', 'google-maps', 'gcp'],
  github: ['github'],
  slack: ['slack'],
  discord: ['discord'],
  sendgrid: ['sendgrid'],
  huggingface: ['huggingface', 'hugging-face', 'hf'],
  twilio: ['twilio'],
  npm: ['npm'],
};

function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Precomputes the provider lookups once per knowledge base. */
export function buildProviderIndex(knowledge: Knowledge): ProviderIndex {
  const hosts: ProviderIndex['hosts'] = [];
  const names: ProviderIndex['names'] = [];
  for (const p of knowledge.providers.values()) {
    for (const h of p.hosts) hosts.push({ host: h.toLowerCase(), id: p.id });
    const words = [p.name, ...p.keywords].map((w) => w.trim().toLowerCase()).filter((w) => w.length >= 2);
    if (words.length > 0) {
      const alternation = words.map(escapeRegex).join('|');
      names.push({ id: p.id, regex: new RegExp(`(?<![a-z0-9])(?:${alternation})(?![a-z0-9])`) });
    }
  }
  // Longest host first so "openai.azure.com" wins over "azure.com".
  hosts.sort((a, b) => b.host.length - a.host.length);
  const domains: ProviderIndex['domains'] = [];
  for (const { host, id } of hosts) {
    const domain = host.split('.').slice(-2).join('.');
    if (domain.includes('.') && !domains.some((d) => d.domain === domain)) domains.push({ domain, id });
  }
  const byKeyShape: Record<string, string> = {};
  for (const [shape, ids] of Object.entries(KEY_SHAPE_ALIASES)) {
    const id = ids.find((i) => knowledge.providers.has(i));
    if (id) byKeyShape[shape] = id;
  }
  return { hosts, domains, names, byKeyShape, providers: knowledge.providers };
}

export interface ProviderFindings {
  /** providers whose API host appears in the text, in order of first appearance */
  byHost: string[];
  /** providers whose domain (not a full API host) appears, e.g. a dashboard URL */
  byDomain: string[];
  byName: string[];
  byKey: string[];
}

/**
 * Places that name a code host without calling its API: a project's pages site, a link to an issue,
 * a pull request or a file, and "GitHub Actions", "GitHub Pages" or "GitHub repo" (where code runs,
 * is served or is kept). A report about any API links its tracker and often runs in Actions; a git
 * remote (`https://github.com/o/r.git`), api.github.com and GITHUB_TOKEN still name GitHub. Azure
 * DevOps and dev.azure.com are another product than Azure's cloud, with tokens of their own (a PAT,
 * not an Entra ID identity). Each alternative starts only where its run of name characters starts,
 * so a long run without one is read once, not once per character (without the lookbehind 20,000
 * letters took 190 ms).
 */
const CODE_HOST_REFERENCE =
  /(?<![a-z0-9-])[a-z0-9-]+\.github\.io\b[^\s)\]>"'`]*|(?<![a-z0-9.-])github\.com\/[\w.-]+\/[\w.-]+\/(?:issues|pull|pulls|blob|tree|releases|discussions|wiki|commit|commits|compare)\b[^\s)\]>"'`]*|\bgithub (?:actions?|workflows?|pages|repo(?:sitory|sitories|s)?)\b|\bazure (?:devops|pipelines?|repos|artifacts|boards)\b|(?<![a-z0-9.-])(?:[a-z0-9-]+\.)*dev\.azure\.com\b[^\s)\]>"'`]*/g;

/** The text with code-host references blanked, same length so positions still order the hits. */
function withoutCodeHostReferences(lower: string): string {
  return lower.replace(CODE_HOST_REFERENCE, (m) => ' '.repeat(m.length));
}

/** Providers named by host, by name and by key shape (error strings are added by the catalogue). */
export function detectProviders(index: ProviderIndex, input: ExtractionInput): ProviderFindings {
  const lower = withoutCodeHostReferences(input.lower);
  const byHost: { id: string; at: number }[] = [];
  const taken: [number, number][] = [];
  for (const { host, id } of index.hosts) {
    const at = lower.indexOf(host);
    if (at === -1) continue;
    // A shorter host inside a longer one already matched (azure.com in openai.azure.com) is the same hit.
    if (taken.some(([s, e]) => at >= s && at + host.length <= e)) continue;
    taken.push([at, at + host.length]);
    if (!byHost.some((h) => h.id === id)) byHost.push({ id, at });
  }
  const byDomain: string[] = [];
  for (const { domain, id } of index.domains) {
    const at = lower.indexOf(domain);
    if (at === -1) continue;
    // A subdomain ("platform.openai.com") counts; a longer name ("myopenai.com") does not.
    const before = lower.charAt(at - 1);
    if (before !== '.' && /[a-z0-9-]/.test(before)) continue;
    if (!byDomain.includes(id)) byDomain.push(id);
  }
  let byName = index.names.filter((n) => n.regex.test(lower)).map((n) => n.id);
  const byKey: string[] = [];
  for (const c of input.credentials) {
    const id = index.byKeyShape[c.fingerprint.provider];
    if (id && !byKey.includes(id)) byKey.push(id);
  }
  const hosts = byHost.sort((a, b) => a.at - b.at).map((h) => h.id);
  // "Azure OpenAI" and its /openai/ URLs name OpenAI without calling it: a bare mention belongs to the larger name.
  const named = new Set([...hosts, ...byName]);
  const explicit = new Set([...hosts, ...byDomain, ...byKey]);
  const subsumed = new Set(
    [...named].flatMap((id) => index.providers.get(id)?.subsumes ?? []).filter((s) => !explicit.has(s)),
  );
  if (subsumed.size > 0) byName = byName.filter((id) => !subsumed.has(id));
  return { byHost: hosts, byDomain, byName, byKey };
}
