/**
 * Hygiene of the shipped evaluation files: they parse, cover every public cause id, stay apart
 * from each other, and hold no string shaped like a real credential.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { type EvalCase, parseEvalCases } from '../../src/eval/run-eval.ts';

/** The 20 public cause ids of CAUSES.md (a stable contract). */
const PUBLIC_CAUSES = [
  'key-missing',
  'env-not-propagated',
  'whitespace-or-quotes',
  'missing-bearer-prefix',
  'wrong-scheme',
  'wrong-header-name',
  'key-invalid-typo',
  'key-expired',
  'key-revoked',
  'wrong-environment',
  'insufficient-scope',
  'ip-referrer-restriction',
  'org-project-mismatch',
  'billing-quota',
  'rate-limit-confused',
  'cors-browser',
  'token-expired-refresh',
  'clock-skew',
  'signature-mismatch',
  'proxy-strips-header',
];

const MIN_CASES = 260;
const MIN_PER_CAUSE = 10;
const MIN_HOLDOUT_CASES = 80;
const MIN_HOLDOUT_PER_CAUSE = 4;

// Shapes a secret scanner flags, built from parts so this file is not flagged itself.
const CREDENTIAL_SHAPES = [
  new RegExp(`${'sk-'}proj-[A-Za-z0-9_-]{20,}`),
  new RegExp(`${'AK'}IA[A-Z0-9]{16}`),
  new RegExp(`${'gh'}p_[A-Za-z0-9]{30,}`),
  new RegExp(`${'xo'}x[abp]-\\d`),
  new RegExp(`${'sk_'}live_[A-Za-z0-9]{20,}`),
  new RegExp(`${'AI'}za[A-Za-z0-9_-]{30,}`),
  new RegExp(`${'sk-'}[A-Za-z0-9]{40,}`),
];

function load(name: string): EvalCase[] {
  const path = fileURLToPath(new URL(name, import.meta.url));
  return parseEvalCases(readFileSync(path, 'utf8'), `test/eval/${name}`);
}

function countByCause(cases: EvalCase[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const c of cases) counts.set(c.cause, (counts.get(c.cause) ?? 0) + 1);
  return counts;
}

const main = load('cases.jsonl');
const holdout = load('holdout.jsonl');

describe('the evaluation files', () => {
  it('cases.jsonl holds at least 260 cases', () => {
    expect(main.length).toBeGreaterThanOrEqual(MIN_CASES);
  });

  it('cases.jsonl covers every public cause at least ten times', () => {
    const counts = countByCause(main);
    const thin = PUBLIC_CAUSES.filter((id) => (counts.get(id) ?? 0) < MIN_PER_CAUSE);
    expect(thin).toEqual([]);
  });

  it('holdout.jsonl holds at least 80 cases covering every public cause', () => {
    const counts = countByCause(holdout);
    expect(holdout.length).toBeGreaterThanOrEqual(MIN_HOLDOUT_CASES);
    expect(PUBLIC_CAUSES.filter((id) => (counts.get(id) ?? 0) < MIN_HOLDOUT_PER_CAUSE)).toEqual([]);
  });

  it('labels only public cause ids, and never lists the expected cause again in also', () => {
    const bad = [...main, ...holdout].filter(
      (c) => ![c.cause, ...c.also].every((id) => PUBLIC_CAUSES.includes(id)) || c.also.includes(c.cause),
    );
    expect(bad.map((c) => c.line)).toEqual([]);
  });

  it('shares no text between cases.jsonl and holdout.jsonl', () => {
    const texts = new Set(main.map((c) => c.text));
    expect(holdout.filter((c) => texts.has(c.text)).map((c) => c.line)).toEqual([]);
  });

  it('holds no string shaped like a real credential', () => {
    const flagged = [...main, ...holdout].filter((c) => CREDENTIAL_SHAPES.some((re) => re.test(c.text)));
    expect(flagged.map((c) => c.line)).toEqual([]);
  });
});
