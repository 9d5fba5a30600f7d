import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from '../../src/cli/kb.ts';
import { auditCatalogue, formatCatalogueAudit } from '../../src/eval/catalogue-audit.ts';
import { type EvalCase, parseEvalCases } from '../../src/eval/eval-case.ts';
import { DEFAULT_KNOWLEDGE_DIR } from '../../src/knowledge/default-dir.ts';
import { buildKnowledge, loadKnowledge } from '../../src/knowledge/load.ts';
import { memoryIo } from '../cli/memory-io.ts';
import { toFiles, validFixture } from '../knowledge/fixtures.ts';
import { emptyTempDir, writeFixtureDir } from '../knowledge/temp-dir.ts';

const NOW = Date.parse('2026-11-23T12:00:00Z');
const CORPUS = path.resolve('test/eval/real/corpus.jsonl');

function cases(...items: [string, string, string[]?][]): EvalCase[] {
  return items.map(([text, cause, also], i) => ({ line: i + 1, text, cause, also: also ?? [] }));
}

/** The fixture's catalogue says "Incorrect API key provided" means wrong-scheme (weight 2). */
const fixtureKnowledge = () => buildKnowledge(toFiles(validFixture()));
const WRONG_KEY = 'curl https://api.openai.com/v1/models says 401 Incorrect API key provided';

describe('auditCatalogue', () => {
  it('flags an entry that names no weight for the cause most of its reports had', () => {
    const rows = auditCatalogue(
      fixtureKnowledge(),
      cases([WRONG_KEY, 'key-missing'], [WRONG_KEY, 'key-missing'], [WRONG_KEY, 'wrong-scheme']),
      NOW,
      3,
    );
    expect(rows).toEqual([
      {
        provider: 'openai',
        match: 'Incorrect API key provided',
        reports: 3,
        seen: [
          ['key-missing', 2],
          ['wrong-scheme', 1],
        ],
        weights: { 'wrong-scheme': 2 },
        missing: 'key-missing',
      },
    ]);
    expect(formatCatalogueAudit(rows, 3)).toContain(
      '"Incorrect API key provided" in 3 reports  << names no weight for key-missing',
    );
  });

  it('does not flag an entry whose most frequent cause it names, and counts a case once per entry', () => {
    const twice = `${WRONG_KEY}\nand again: Incorrect API key provided`;
    const rows = auditCatalogue(
      fixtureKnowledge(),
      cases(
        [twice, 'wrong-scheme'],
        [WRONG_KEY, 'wrong-scheme'],
        [WRONG_KEY, 'key-missing', ['wrong-scheme']],
      ),
      NOW,
      3,
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]!.reports).toBe(3);
    expect(rows[0]!.seen).toEqual([
      ['wrong-scheme', 3],
      ['key-missing', 1],
    ]);
    expect(rows[0]!.missing).toBeUndefined();
  });

  it('leaves out entries matched by fewer reports than the minimum', () => {
    const rows = auditCatalogue(fixtureKnowledge(), cases([WRONG_KEY, 'key-missing']), NOW, 2);
    expect(rows).toEqual([]);
    expect(formatCatalogueAudit(rows, 2)).toBe('No catalogue entry matched 2 or more reports.\n');
  });
});

describe('the shipped catalogue against the real reports', () => {
  it('names, for every string printed in 5 or more reports, the cause those reports had most often', () => {
    const corpus = parseEvalCases(readFileSync(CORPUS, 'utf8'), CORPUS);
    const rows = auditCatalogue(loadKnowledge(DEFAULT_KNOWLEDGE_DIR), corpus, NOW, 5);
    // The corpus matches dozens of entries, so the check has something to hold.
    expect(rows.length).toBeGreaterThan(40);
    const flagged = rows.filter((r) => r.missing !== undefined);
    expect(formatCatalogueAudit(flagged, 5)).toBe(formatCatalogueAudit([], 5));
  });
});

function casesFile(lines: object[]): string {
  const file = path.join(emptyTempDir(), 'cases.jsonl');
  writeFileSync(file, lines.map((l) => JSON.stringify(l)).join('\n'));
  return file;
}

describe('keydoctor kb audit', () => {
  /** `kb audit` over two reports of the fixture's catalogued string, both labelled `cause`. */
  async function auditTwo(cause: string, flags: string[]) {
    const dir = writeFixtureDir(validFixture());
    const file = casesFile([
      { text: WRONG_KEY, cause },
      { text: WRONG_KEY, cause },
    ]);
    const io = memoryIo();
    return { io, code: await run(['audit', file, dir, ...flags], io) };
  }

  it('exits 1 and prints the flagged entry when one names no weight for its most frequent cause', async () => {
    const { io, code } = await auditTwo('key-missing', ['--min', '2']);
    expect(code).toBe(1);
    expect(io.out()).toContain('1 catalogue entries matched 2 or more reports; 1 flagged.');
    expect(io.err()).toBe('');
  });

  it('exits 0 with --json rows when nothing is flagged', async () => {
    const { io, code } = await auditTwo('wrong-scheme', ['--min=2', '--json']);
    expect(code).toBe(0);
    expect(JSON.parse(io.out())).toMatchObject([{ match: 'Incorrect API key provided', reports: 2 }]);
  });

  it('exits 2 naming the problem for a missing file, a bad line, a bad --min and no file', async () => {
    const dir = writeFixtureDir(validFixture());
    const missing = memoryIo();
    expect(await run(['audit', path.join(dir, 'nope.jsonl'), dir], missing)).toBe(2);
    expect(missing.err()).toMatch(/cannot read .*nope\.jsonl \(ENOENT\)/);

    const bad = memoryIo();
    expect(await run(['audit', casesFile([{ text: '', cause: 'key-missing' }]), dir], bad)).toBe(2);
    expect(bad.err()).toMatch(/cases\.jsonl:1/);

    const min = memoryIo();
    expect(await run(['audit', 'x.jsonl', dir, '--min', '0'], min)).toBe(2);
    expect(min.err()).toContain('--min must be a whole number above 0 (got "0")');

    const none = memoryIo();
    expect(await run(['audit'], none)).toBe(2);
    expect(none.err()).toContain('give the labelled cases file');
  });
});
