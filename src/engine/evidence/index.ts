/** Evidence extraction: from a raw message to the redacted facts the ranking reads. */
import type { Knowledge } from '../../knowledge/schema.ts';
import { cleanInput } from '../input.ts';
import { distinctFingerprints, replaceCredentials, scanCredentials } from '../../redaction/redact.ts';
import type { Signal } from '../signals.ts';
import type { Evidence, EvidenceItem } from '../types.ts';
import { parseAuth } from './auth-header.ts';
import {
  buildCatalogueIndex,
  type CatalogueIndex,
  catalogueSignals,
  matchCatalogue,
  statusOfMatch,
} from './catalogue.ts';
import type { ExtractionInput } from './context.ts';
import { extractJwt, isExpiredJwt } from './jwt.ts';
import { extractKeyHandling } from './key-handling.ts';
import { extractKeyShape } from './key-shape.ts';
import { buildPhraseIndex, extractPhrases, type PhraseIndex } from './phrases.ts';
import { buildProviderIndex, detectProviders, type ProviderIndex } from './provider.ts';
import { checkProviderAuth } from './provider-auth.ts';
import { extractRuntime } from './runtime.ts';
import { extractStatus } from './status.ts';
import { extractTimeline } from './timeline.ts';
import { buildToolIndex, detectTools, type ToolIndex } from './tools.ts';

export interface EvidenceIndex {
  providers: ProviderIndex;
  catalogue: CatalogueIndex;
  tools: ToolIndex;
  phrases: PhraseIndex;
}

/** Precomputes what extraction needs from the knowledge base (once per engine). */
export function buildEvidenceIndex(knowledge: Knowledge): EvidenceIndex {
  return {
    providers: buildProviderIndex(knowledge),
    catalogue: buildCatalogueIndex(knowledge),
    tools: buildToolIndex(knowledge),
    phrases: buildPhraseIndex(knowledge),
  };
}

/** Keeps the first item of each signal: one explanation per fact is enough. */
export function dedupeSignals(items: readonly EvidenceItem[]): EvidenceItem[] {
  const seen = new Set<string>();
  const out: EvidenceItem[] = [];
  for (const item of items) {
    if (seen.has(item.signal)) continue;
    seen.add(item.signal);
    out.push(item);
  }
  return out;
}

const STATUS_SIGNALS: Record<number, Signal> = {
  400: 'status:400',
  401: 'status:401',
  403: 'status:403',
  404: 'status:404',
  429: 'status:429',
};

/**
 * The status signal a provider error string implies, when the user did not paste the status
 * itself. Used to skip the "which status?" question, not to rank (the string itself already counts).
 */
export function statusFromErrors(catalogue: CatalogueIndex, evidence: Evidence): Signal | undefined {
  if (evidence.signals.some((i) => i.signal.startsWith('status:'))) return undefined;
  for (const e of evidence.errors) {
    const status = statusOfMatch(catalogue, e.match);
    const signal = status === undefined ? undefined : STATUS_SIGNALS[status];
    if (signal) return signal;
  }
  return undefined;
}

/** Everything the engine can see in one message; never throws, whatever the input. */
export function extractEvidence(index: EvidenceIndex, text: string, now: number): Evidence {
  const clean = cleanInput(text);
  const credentials = scanCredentials(clean.text);
  const redacted = replaceCredentials(clean.text, credentials);
  const input: ExtractionInput = {
    raw: clean.text,
    redacted,
    lower: replaceCredentials(clean.text, credentials, ' ').toLowerCase(),
    credentials,
    now,
  };
  const auth = parseAuth(input);
  const found = detectProviders(index.providers, input);
  const items: EvidenceItem[] = [
    ...extractStatus(input),
    ...auth.items,
    ...checkProviderAuth(index.providers, found, auth.observations),
    ...extractKeyShape(input),
    ...extractKeyHandling(input),
    ...extractJwt(input),
    ...extractRuntime(input),
    ...extractTimeline(input),
    ...extractPhrases(index.phrases, input.lower),
  ];
  if (clean.zeroWidth) {
    items.push({
      signal: 'key:zero-width',
      detail: 'an invisible zero-width character sits inside the text you pasted',
    });
  }
  const detected = [...new Set([...found.byHost, ...found.byDomain, ...found.byKey, ...found.byName])];
  const errors = matchCatalogue(index.catalogue, input.lower, detected);
  items.push(...catalogueSignals(index.catalogue, errors));
  const tools = detectTools(index.tools, input.lower);
  const providers = [...new Set([...detected, ...errors.map((e) => e.provider), ...tools.providers])];
  const fingerprints = credentials.map((c) =>
    c.fingerprint.provider === 'jwt' && isExpiredJwt(c.value, now)
      ? { ...c.fingerprint, live: false }
      : c.fingerprint,
  );
  return {
    signals: dedupeSignals(items),
    providers,
    tools: tools.ids,
    errors,
    credentials: distinctFingerprints(fingerprints),
    redactedText: redacted,
    truncated: clean.truncated,
  };
}

/** Empty evidence: the start of every conversation. */
export function emptyEvidence(): Evidence {
  return {
    signals: [],
    providers: [],
    tools: [],
    errors: [],
    credentials: [],
    redactedText: '',
    truncated: false,
  };
}
