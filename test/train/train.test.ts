import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { run as train } from '../../src/cli/train.ts';
import { createEngine } from '../../src/engine/index.ts';
import { MODEL_PATH } from '../../src/engine/model/scorer-model.ts';
import { checkKnowledgeDir, loadKnowledge } from '../../src/knowledge/load.ts';
import { groupFolds, orderedGroupFolds } from '../../src/train/folds.ts';
import { DEFAULT_TRAIN, trainModel } from '../../src/train/train-model.ts';
import { memoryIo } from '../cli/memory-io.ts';
import { cause, validFixture } from '../knowledge/fixtures.ts';
import { writeFixtureDir } from '../knowledge/temp-dir.ts';

const NOW = Date.parse('2026-11-23T12:00:00Z');

/** A few labelled lines per cause of the small fixture knowledge base, in three repositories. */
function caseLines(extra: { text: string; cause: string }[] = []): string {
  const base = [
    { text: 'Authorization: Bearer undefined, the env var is not set', cause: 'key-missing' },
    { text: 'my OPENAI_API_KEY is undefined in process.env', cause: 'key-missing' },
    { text: 'the key is empty, dotenv never loaded', cause: 'key-missing' },
    { text: 'I send Authorization: sk-FAKE without the bearer prefix', cause: 'missing-bearer-prefix' },
    { text: 'header has no Bearer word before the key', cause: 'missing-bearer-prefix' },
    { text: 'bare key in the Authorization header gives 401', cause: 'missing-bearer-prefix' },
    { text: 'Authorization: Token abc gives 401, wrong scheme', cause: 'wrong-scheme' },
    { text: 'using Basic auth where the api wants another scheme', cause: 'wrong-scheme' },
    { text: 'the scheme Token is refused', cause: 'wrong-scheme' },
    ...extra,
  ];
  return base
    .map((c, i) => JSON.stringify({ ...c, also: [], source: `org${i % 3}/repo#${i + 1}` }))
    .join('\n');
}

function trainIn(dir: string, lines: string) {
  const file = path.join(dir, 'cases.jsonl');
  fs.writeFileSync(file, lines);
  const io = memoryIo({ cwd: dir });
  return { io, done: train(['--knowledge', dir, '--cases', file], io) };
}

describe('GIVEN labelled cases and a knowledge folder', () => {
  it('THEN keydoctor train writes model/scorer.json, which kb check accepts and the engine uses', async () => {
    const dir = writeFixtureDir(validFixture());
    const { io, done } = trainIn(dir, caseLines());
    expect(await done, io.err()).toBe(0);
    expect(fs.existsSync(path.join(dir, MODEL_PATH))).toBe(true);
    expect(checkKnowledgeDir(dir)).toEqual([]);
    const knowledge = loadKnowledge(dir);
    expect(knowledge.model?.causes.sort()).toEqual(['key-missing', 'missing-bearer-prefix', 'wrong-scheme']);
    const { outcome } = createEngine(knowledge).diagnose('process.env key is undefined', { now: NOW });
    expect(outcome.ranked[0]?.causeId).toBe('key-missing');
  });

  it('THEN training twice on the same cases gives the same file', async () => {
    const a = writeFixtureDir(validFixture());
    const b = writeFixtureDir(validFixture());
    expect(await trainIn(a, caseLines()).done).toBe(0);
    expect(await trainIn(b, caseLines()).done).toBe(0);
    expect(fs.readFileSync(path.join(a, MODEL_PATH), 'utf8')).toBe(
      fs.readFileSync(path.join(b, MODEL_PATH), 'utf8'),
    );
  });

  it('THEN an operator who adds a cause and its cases retrains with the same command', async () => {
    const kb = validFixture();
    kb.causes['key-revoked'] = cause('key-revoked', {
      symptoms: ['key was revoked', 'rotated key', 'leaked key'],
    });
    kb.tree.questions[0]!.answers.push({ id: 'a-revoked', label: 'Revoked', next: ['key-revoked'] });
    const dir = writeFixtureDir(kb);
    const extra = [
      { text: 'github secret scanning revoked my leaked key', cause: 'key-revoked' },
      { text: 'the key was revoked after it leaked in a public repo', cause: 'key-revoked' },
      { text: 'someone rotated the key and deleted the old one', cause: 'key-revoked' },
    ];
    expect(await trainIn(dir, caseLines(extra)).done).toBe(0);
    const knowledge = loadKnowledge(dir);
    expect(knowledge.model?.causes).toContain('key-revoked');
    const { outcome } = createEngine(knowledge).diagnose('my key leaked and was revoked', { now: NOW });
    expect(outcome.ranked[0]?.causeId).toBe('key-revoked');
  });

  it('THEN an outdated or broken model file does not stop a retrain, which replaces it', async () => {
    const kb = validFixture();
    kb.raw[MODEL_PATH] = '{"format": "keydoctor-scorer", "version": 99}';
    const dir = writeFixtureDir(kb);
    expect(checkKnowledgeDir(dir).length).toBeGreaterThan(0);
    const { io, done } = trainIn(dir, caseLines());
    expect(await done, io.err()).toBe(0);
    expect(checkKnowledgeDir(dir)).toEqual([]);
    expect(loadKnowledge(dir).model?.likelihood).toBeDefined();
  });

  it('THEN a case file with a bad line stops training with the file and line', async () => {
    const dir = writeFixtureDir(validFixture());
    const { io, done } = trainIn(dir, `${caseLines()}\n{"text": ""}`);
    expect(await done).toBe(2);
    expect(io.err()).toMatch(/cases\.jsonl:10/);
  });
});

describe('GIVEN cases from several repositories', () => {
  it('THEN every repository falls in exactly one fold, and folds are near balanced', () => {
    const groups = Array.from({ length: 5000 }, (_, i) => `owner${i % 1700}/repo${i % 2300}`);
    const folds = groupFolds(groups, 5, 1);
    expect(new Set(folds.keys())).toEqual(new Set(groups));
    const sizes = [0, 0, 0, 0, 0];
    for (const g of groups) sizes[folds.get(g)!]!++;
    expect(Math.min(...sizes)).toBeGreaterThan(900);
    expect(Math.max(...sizes)).toBeLessThan(1100);
  });

  it('THEN a new batch of repositories moves none already in a fold', () => {
    const before = Array.from({ length: 300 }, (_, i) => `org/repo${i}`);
    const after = [...before, ...Array.from({ length: 40 }, (_, i) => `other/new${i}`)];
    const a = groupFolds(before, 5, 7);
    const b = groupFolds(after, 5, 7);
    for (const g of before) expect(b.get(g)).toBe(a.get(g));
  });

  it('THEN the ordered folds cut the cases in runs by first appearance, a repository whole in one', () => {
    const groups = ['a', 'b', 'a', 'c', 'd', 'e', 'c', 'f', 'g', 'h', 'i', 'j'];
    const folds = orderedGroupFolds(groups, 3);
    expect(new Set(folds.keys())).toEqual(new Set(groups));
    // runs of 12/3 = 4 cases: a, b and c start in the first (c's later case goes with it, so the
    // first holds 5); d, e, f start in the second; g to j in the last
    expect(['a', 'b', 'c'].map((g) => folds.get(g))).toEqual([0, 0, 0]);
    expect(['d', 'e', 'f'].map((g) => folds.get(g))).toEqual([1, 1, 1]);
    expect(['g', 'h', 'i', 'j'].map((g) => folds.get(g))).toEqual([2, 2, 2, 2]);
    const firstFold = groups.map((g) => folds.get(g)!);
    for (let i = 1; i < groups.length; i++)
      if (groups.indexOf(groups[i]!) === i) expect(firstFold[i]).toBeGreaterThanOrEqual(firstFold[i - 1]!);
  });

  it('THEN the temperature is the pooled one raised halfway towards the forward split, never lowered', async () => {
    const knowledge = loadKnowledge(writeFixtureDir(validFixture()));
    const cases = caseLines()
      .split('\n')
      .map((l) => JSON.parse(l) as { text: string; cause: string; source: string })
      .map((c) => ({ ...c, also: [], weight: 1, group: c.source.split('#')[0]! }));
    const { cv, model } = await trainModel(knowledge, cases, { ...DEFAULT_TRAIN, folds: 3, now: NOW });
    expect(cv.softer).toBeGreaterThanOrEqual(1);
    expect(cv.softer).toBeCloseTo(Math.sqrt(Math.max(1, cv.forwardTemperature / cv.pooledTemperature)), 9);
    expect(cv.temperature).toBeCloseTo(cv.pooledTemperature * cv.softer, 9);
    expect(model.temperature).toBeCloseTo(cv.temperature, 3);
  });

  it('THEN no fold model is tested on a repository it was trained on', async () => {
    const knowledge = loadKnowledge(writeFixtureDir(validFixture()));
    const lines = caseLines()
      .split('\n')
      .map((l) => JSON.parse(l) as { text: string; cause: string; source: string });
    const cases = lines.map((c) => ({ ...c, also: [], weight: 1, group: c.source.split('#')[0]! }));
    const { cv } = await trainModel(knowledge, cases, { ...DEFAULT_TRAIN, folds: 3, now: NOW });
    for (const fold of cv.folds) {
      const tested = new Set(fold.test.map((i) => cases[i]!.group));
      const others = cv.folds.filter((f) => f !== fold).flatMap((f) => f.test.map((i) => cases[i]!.group));
      expect(others.some((g) => tested.has(g))).toBe(false);
    }
    expect(cv.folds.flatMap((f) => f.test).sort((a, b) => a - b)).toEqual(cases.map((_, i) => i));
  });
});
