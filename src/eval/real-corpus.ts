/**
 * The real-report corpus (test/eval/real/corpus.jsonl): one line per public issue thread, labelled
 * with the root cause the thread established. Stricter than an eval line: provenance is required.
 */
import { z } from 'zod';

/** `owner/repo#N`, as GitHub spells it. */
export const SOURCE_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.-]*\/[A-Za-z0-9_.-]+#\d+$/;

/** One corpus line, against the knowledge base's cause ids and provider ids. */
export function corpusLineSchema(causeIds: ReadonlySet<string>, providerIds: ReadonlySet<string>) {
  const cause = z
    .string()
    .refine((id) => causeIds.has(id), { message: 'is not a cause id of the knowledge base' });
  return z.strictObject({
    text: z.string().trim().min(1, 'must not be empty'),
    cause,
    also: z.array(cause),
    provider: z
      .string()
      .refine((id) => providerIds.has(id), { message: 'is not a provider id of providers.yaml' }),
    source: z.string().regex(SOURCE_PATTERN, 'must be owner/repo#N'),
    why: z.string().trim().min(1, 'must say what the thread established'),
    lang: z.string().regex(/^[a-z]{2}$/, 'must be a two-letter ISO 639-1 code'),
  });
}

export type CorpusLine = z.infer<ReturnType<typeof corpusLineSchema>>;

export interface Coverage {
  n: number;
  byCause: Record<string, number>;
  byProvider: Record<string, number>;
  byLanguage: Record<string, number>;
  repositories: number;
  /** cases not in English */
  nonEnglish: number;
}

function countBy(lines: readonly CorpusLine[], key: (l: CorpusLine) => string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const l of lines) out[key(l)] = (out[key(l)] ?? 0) + 1;
  return Object.fromEntries(Object.entries(out).sort(([a, x], [b, y]) => y - x || a.localeCompare(b)));
}

/** What the corpus covers: counts per cause, provider and language. */
export function corpusCoverage(lines: readonly CorpusLine[]): Coverage {
  return {
    n: lines.length,
    byCause: countBy(lines, (l) => l.cause),
    byProvider: countBy(lines, (l) => l.provider),
    byLanguage: countBy(lines, (l) => l.lang),
    repositories: new Set(lines.map((l) => l.source.split('#')[0]!.toLowerCase())).size,
    nonEnglish: lines.filter((l) => l.lang !== 'en').length,
  };
}
