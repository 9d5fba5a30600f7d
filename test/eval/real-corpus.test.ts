/**
 * The real-report corpus: every line valid and with provenance, one case per thread, no near
 * duplicates, no real-looking secret; and the coverage it has reached, printed and kept.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { type CorpusLine, corpusCoverage, corpusLineSchema } from '../../src/eval/real-corpus.ts';
import { DEFAULT_KNOWLEDGE_DIR } from '../../src/knowledge/default-dir.ts';
import { loadKnowledge } from '../../src/knowledge/load.ts';

const knowledge = loadKnowledge(DEFAULT_KNOWLEDGE_DIR);
const schema = corpusLineSchema(new Set(knowledge.causes.keys()), new Set(knowledge.providers.keys()));
const raw = readFileSync(fileURLToPath(new URL('real/corpus.jsonl', import.meta.url)), 'utf8')
  .split('\n')
  .filter((l) => l.trim() !== '');
const parsed = raw.map((l, i) => ({ line: i + 1, result: schema.safeParse(JSON.parse(l)) }));
const lines: CorpusLine[] = parsed.flatMap((p) => (p.result.success ? [p.result.data] : []));
const coverage = corpusCoverage(lines);

/**
 * The coverage the corpus has reached (the issue's targets in comments; short ones say so).
 * Raise these as the corpus grows; lower them only when a label audit drops reports whose thread
 * turns out to establish no cause (5 of 2395 on 2026-12-02, 2 of them not in English).
 */
const REACHED = {
  cases: 7541, // target 600: met
  perCause: 54, // target 15 for every cause: met
  other: 1654, // target 40: met (three moved to a key cause when labels followed the majority)
  providers: 16, // target 13 plus generic: met
  nonEnglish: 1475, // target 25: met
};

/** The secret shapes the project's pre-commit check looks for, minus obvious fakes. */
const SECRET = new RegExp(
  [
    /sk-(proj-|ant-)?[A-Za-z0-9_-]{32,}/,
    /AKIA[0-9A-Z]{16}/,
    /xox[abp]-[0-9]{6,}-/,
    /gh[pousr]_[A-Za-z0-9]{36}/,
    /github_pat_[A-Za-z0-9_]{30,}/,
    /glpat-[A-Za-z0-9_-]{20}/,
    /hf_[A-Za-z0-9]{30,}/,
    /[sr]k_live_[A-Za-z0-9]{20,}/,
    /AIza[0-9A-Za-z_-]{35}/,
    /SG\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}/,
    // a whole JWT: header, payload and signature
    /eyJ[A-Za-z0-9_-]{10,}\.eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}/,
  ]
    .map((r) => r.source)
    .join('|'),
  'g',
);
const FAKE = /fake|example|dummy|xxxx|test/i;

/** Two texts sharing more than this share of their word triples are one report twice. */
const NEAR_DUPLICATE = 0.8;

function jaccard(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  let inter = 0;
  for (const x of a) if (b.has(x)) inter++;
  return inter / (a.size + b.size - inter || 1);
}

/**
 * Every pair [j, i] (j < i) of sets whose Jaccard similarity exceeds `t`, by prefix filtering: with
 * elements ordered rarest first, two such sets share one of the first |A| - ceil(t |A|) + 1 of
 * each, so only sets sharing a prefix element (and of sizes within the ratio t) are compared.
 */
function similarPairs(sets: readonly ReadonlySet<string>[], t: number): [number, number][] {
  const frequency = new Map<string, number>();
  for (const set of sets) for (const x of set) frequency.set(x, (frequency.get(x) ?? 0) + 1);
  const rarestFirst = (a: string, b: string) =>
    frequency.get(a)! - frequency.get(b)! || (a < b ? -1 : a > b ? 1 : 0);
  const index = new Map<string, number[]>();
  const pairs: [number, number][] = [];
  sets.forEach((set, i) => {
    const ordered = [...set].sort(rarestFirst);
    const prefix = ordered.slice(0, ordered.length - Math.ceil(t * ordered.length) + 1);
    const candidates = new Set<number>();
    for (const x of prefix) for (const j of index.get(x) ?? []) candidates.add(j);
    for (const j of candidates) {
      const other = sets[j]!;
      if (Math.min(set.size, other.size) < t * Math.max(set.size, other.size)) continue;
      if (jaccard(other, set) > t) pairs.push([j, i]);
    }
    for (const x of prefix) {
      const list = index.get(x);
      if (list) list.push(i);
      else index.set(x, [i]);
    }
  });
  return pairs.sort((a, b) => a[1] - b[1] || a[0] - b[0]);
}

function shingles(text: string): Set<string> {
  const w = text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
    .split(' ');
  const out = new Set<string>();
  for (let i = 0; i + 2 < w.length; i++) out.add(w.slice(i, i + 3).join(' '));
  return out;
}

describe('the real-report corpus', () => {
  it('has one valid line per case: known cause and provider ids, non-empty text, owner/repo#N source', () => {
    const problems = parsed.flatMap((p) =>
      p.result.success
        ? []
        : p.result.error.issues.map((i) => `line ${p.line}: ${i.path.join('.')} ${i.message}`),
    );
    expect(problems).toEqual([]);
    expect(lines.length).toBeGreaterThan(0);
  });

  it('takes at most one case from a thread', () => {
    const sources = lines.map((l) => l.source.toLowerCase());
    expect(sources.length - new Set(sources).size).toBe(0);
  });

  it('holds no near-duplicate texts', () => {
    const pairs = similarPairs(
      lines.map((l) => shingles(l.text)),
      NEAR_DUPLICATE,
    ).map(([i, j]) => `${lines[i]!.source} ~ ${lines[j]!.source}`);
    expect(pairs).toEqual([]);
  });

  it('finds near-duplicates exactly as comparing every pair does (on a sample)', () => {
    // the corpus itself has none, so the check is shown to find them on texts that have some
    const sample = lines.slice(0, 300).map((l) => l.text);
    const texts = [...sample, ...sample.slice(0, 40).map((t, k) => (k % 2 ? `${t} one more line` : t))];
    const sets = texts.map(shingles);
    const everyPair: [number, number][] = [];
    sets.forEach((a, i) => {
      for (let j = 0; j < i; j++) if (jaccard(sets[j]!, a) > NEAR_DUPLICATE) everyPair.push([j, i]);
    });
    expect(everyPair.length).toBeGreaterThanOrEqual(20);
    const sort = (ps: [number, number][]) => ps.map((p) => p.join()).sort();
    expect(sort(similarPairs(sets, NEAR_DUPLICATE))).toEqual(sort(everyPair));
  });

  it('holds no real-looking secret', () => {
    const found = lines.flatMap((l) =>
      [...l.text.matchAll(SECRET)].map((m) => m[0]).filter((m) => !FAKE.test(m)),
    );
    expect(found).toEqual([]);
  });

  it('keeps the coverage it has reached', () => {
    const report = JSON.stringify(coverage, null, 1);
    expect(coverage.n, report).toBeGreaterThanOrEqual(REACHED.cases);
    for (const id of knowledge.causes.keys())
      expect(coverage.byCause[id] ?? 0, `${id}\n${report}`).toBeGreaterThanOrEqual(REACHED.perCause);
    expect(coverage.byCause.other ?? 0, report).toBeGreaterThanOrEqual(REACHED.other);
    expect(Object.keys(coverage.byProvider).length, report).toBeGreaterThanOrEqual(REACHED.providers);
    expect(coverage.nonEnglish, report).toBeGreaterThanOrEqual(REACHED.nonEnglish);
  });
});
