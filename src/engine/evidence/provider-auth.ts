/**
 * Compares how the key is sent with how the detected provider expects it, and the key's provider
 * with the API called: an Anthropic key sent as Bearer, an OpenAI key sent to Anthropic's host.
 */
import type { Provider } from '../../knowledge/schema.ts';
import type { EvidenceItem } from '../types.ts';
import type { AuthObservation } from './auth-header.ts';
import { GENERIC_PROVIDER, type ProviderFindings, type ProviderIndex } from './provider.ts';

function describeForm(form: Provider['auth'][number]): string {
  if (form.header === 'query') return `the \`${form.param ?? 'key'}\` URL parameter`;
  if (form.header === 'authorization')
    return `\`Authorization: ${form.scheme ? `${capitalise(form.scheme)} ` : ''}<key>\``;
  return `the \`${form.header}\` header`;
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** Schemes that are their own problem (reported by the header extractor), not a provider mismatch. */
const SELF_EXPLAINED = new Set(['none', 'no-space', 'bearer-lowercase']);

/** The provider the request is aimed at: its API host, else its only domain, else the only one named, else the key's. */
export function targetProvider(found: ProviderFindings): string | undefined {
  if (found.byHost[0]) return found.byHost[0];
  if (found.byDomain.length === 1) return found.byDomain[0];
  if (found.byName.length === 1) return found.byName[0];
  if (found.byName.length === 0 && found.byKey.length === 1) return found.byKey[0];
  return undefined;
}

/** provider-auth:* and key:provider-mismatch signals. */
export function checkProviderAuth(
  index: ProviderIndex,
  found: ProviderFindings,
  observations: readonly AuthObservation[],
): EvidenceItem[] {
  const out: EvidenceItem[] = [];
  const target = targetProvider(found);
  const provider = target ? index.providers.get(target) : undefined;
  if (provider && provider.auth.length > 0) {
    const keyForms = provider.auth.filter((f) => !f.tokens_only);
    const expected = (keyForms.length > 0 ? keyForms : provider.auth).map(describeForm).join(' or ');
    for (const obs of observations) {
      // A form kept for OAuth / Entra ID tokens does not take an API key (Azure OpenAI: Bearer only for Entra tokens).
      const sameHeader = provider.auth.filter(
        (f) => f.header === obs.header && (!f.tokens_only || obs.token),
      );
      if (sameHeader.length === 0) {
        out.push({
          signal: 'provider-auth:wrong-header',
          detail: `${provider.name} expects the key in ${expected}, but you send it as ${obs.shown}`,
        });
        continue;
      }
      const scheme = obs.scheme;
      if (obs.header !== 'authorization' || !scheme || SELF_EXPLAINED.has(scheme)) continue;
      if (!sameHeader.some((f) => !f.scheme || f.scheme === scheme)) {
        out.push({
          signal: 'provider-auth:wrong-scheme',
          detail: `${provider.name} expects ${expected}, but your header uses the ${scheme} scheme (${obs.shown})`,
        });
      }
    }
  }
  // The API called: its host, else the only provider named; never the key's own provider, and
  // never "a plain REST API" (named by words such as "API key", which every report uses).
  const calledOrGeneric =
    found.byHost[0] ??
    (found.byDomain.length === 1 ? found.byDomain[0] : undefined) ??
    (found.byName.length === 1 ? found.byName[0] : undefined);
  const called = calledOrGeneric === GENERIC_PROVIDER ? undefined : calledOrGeneric;
  if (called && !found.byKey.includes(called)) {
    const foreign = found.byKey[0];
    if (foreign) {
      const a = index.providers.get(foreign)?.name ?? foreign;
      const b = index.providers.get(called)?.name ?? called;
      out.push({
        signal: 'key:provider-mismatch',
        detail: `the key you pasted is shaped like ${withArticle(a)} key, but the request goes to ${b}`,
      });
    }
  }
  return out;
}

/** "an OpenAI", "a Stripe": the article that reads right before a provider's name. */
function withArticle(name: string): string {
  return /^[AEIOU]/i.test(name) ? `an ${name}` : `a ${name}`;
}
