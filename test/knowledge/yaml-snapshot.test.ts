/**
 * The parsed YAML snapshot (model/parsed-yaml.json) stands in for the YAML parser only: what loads
 * is the same knowledge, a file edited since is read from its YAML, issues keep their lines, and a
 * broken snapshot is refused like any other broken knowledge file.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { describe, expect, it } from 'vitest';
import { createEngine } from '../../src/engine/index.ts';
import { DEFAULT_KNOWLEDGE_DIR } from '../../src/knowledge/default-dir.ts';
import { buildKnowledge, type KnowledgeFile, loadKnowledge } from '../../src/knowledge/load.ts';
import { readKnowledgeDir } from '../../src/knowledge/read-dir.ts';
import { writeYamlSnapshot } from '../../src/knowledge/write-snapshot.ts';
import { formatSnapshot, hashText, parseSnapshotFile, SNAPSHOT_PATH } from '../../src/knowledge/yaml-snapshot.ts';
import { rejectionOf } from './expect-issue.ts';
import { causePath, lineOf, textOf, toFiles, validFixture } from './fixtures.ts';
import { writeFixtureDir } from './temp-dir.ts';

const withSnapshot = (files: KnowledgeFile[]): KnowledgeFile[] => [
  ...files,
  { path: SNAPSHOT_PATH, text: formatSnapshot(files).text },
];

/** The snapshot's value for `file`, read back from its text. */
function snapshotEntry(text: string, file: string) {
  const parsed = parseSnapshotFile(SNAPSHOT_PATH, text);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  return parsed.value.get(file);
}

describe('GIVEN a knowledge folder with a parsed YAML snapshot', () => {
  it('THEN the knowledge loaded from it is the one its YAML gives', () => {
    const files = toFiles(validFixture());
    expect(isDeepStrictEqual(buildKnowledge(withSnapshot(files)), buildKnowledge(files))).toBe(true);
  });

  it('THEN the shipped knowledge loads the same with and without its snapshot', () => {
    const { files } = readKnowledgeDir(DEFAULT_KNOWLEDGE_DIR);
    expect(files.some((f) => f.path === SNAPSHOT_PATH)).toBe(true);
    const without = files.filter((f) => f.path !== SNAPSHOT_PATH);
    const [a, b] = [files, without].map((f) => buildKnowledge(f, DEFAULT_KNOWLEDGE_DIR));
    expect(isDeepStrictEqual(a, b)).toBe(true);
    const text = 'my request gets 401 and sends Authorization: Bearer undefined';
    expect(createEngine(a!).diagnose(text, { now: 0 })).toEqual(createEngine(b!).diagnose(text, { now: 0 }));
  });

  it('THEN the shipped snapshot holds every YAML file as it is now (else: npm run kb:snapshot)', () => {
    const { files } = readKnowledgeDir(DEFAULT_KNOWLEDGE_DIR);
    const text = readFileSync(path.join(DEFAULT_KNOWLEDGE_DIR, SNAPSHOT_PATH), 'utf8');
    const stale = files
      .filter((f) => /\.ya?ml$/.test(f.path))
      .filter((f) => snapshotEntry(text, f.path)?.sha256 !== hashText(f.text))
      .map((f) => f.path);
    expect(stale, 'run `npm run kb:snapshot` after editing the knowledge YAML').toEqual([]);
  });

  it('THEN a file edited after the snapshot was written is read from its YAML', () => {
    const before = validFixture();
    const snapshot = formatSnapshot(toFiles(before)).text;
    const after = validFixture();
    after.causes['key-missing']!.title = 'An edited title, newer than the snapshot';
    const knowledge = buildKnowledge([...toFiles(after), { path: SNAPSHOT_PATH, text: snapshot }]);
    expect(knowledge.causes.get('key-missing')?.title).toBe('An edited title, newer than the snapshot');
  });

  it('THEN a schema issue in a file read from the snapshot still names its line', () => {
    const fixture = validFixture();
    (fixture.causes['key-missing'] as Record<string, unknown>).summary = 42;
    const files = toFiles(fixture);
    const issue = rejectionOf({ ...fixture, raw: { ...fixture.raw, [SNAPSHOT_PATH]: formatSnapshot(files).text } }).issues.find(
      (i) => i.file === causePath('key-missing') && i.field === 'summary',
    );
    expect(issue?.line).toBe(lineOf(textOf(fixture, causePath('key-missing')), 'summary:'));
  });

  it('THEN a snapshot that is not JSON, or not of its shape, is refused naming the file and field', () => {
    const fixture = validFixture();
    const notJson = rejectionOf({ ...fixture, raw: { ...fixture.raw, [SNAPSHOT_PATH]: '{ "format": ' } });
    expect(notJson.issues.find((i) => i.file === SNAPSHOT_PATH)?.message).toMatch(/not valid JSON.*kb snapshot/);
    const badHash = JSON.stringify({
      format: 'keydoctor-yaml-snapshot',
      version: 1,
      files: { 'tree.yaml': { sha256: 'not-a-hash', value: {} } },
    });
    const shape = rejectionOf({ ...fixture, raw: { ...fixture.raw, [SNAPSHOT_PATH]: badHash } });
    expect(shape.issues.find((i) => i.file === SNAPSHOT_PATH)?.field).toBe('files["tree.yaml"].sha256');
  });

  it('THEN a value JSON would not keep (.inf) is left to the YAML parser, while a date read as text is kept', () => {
    const files: KnowledgeFile[] = [{ path: 'tree.yaml', text: 'root: q\nwhen: 2024-01-02\n' }];
    // js-yaml reads an unquoted date as a string under the core schema: kept; a .inf is not JSON
    const kept = snapshotEntry(formatSnapshot(files).text, 'tree.yaml');
    expect(kept?.value).toEqual({ root: 'q', when: '2024-01-02' });
    const infinite = formatSnapshot([{ path: 'tree.yaml', text: 'root: q\nlimit: .inf\n' }]).text;
    expect(snapshotEntry(infinite, 'tree.yaml')).toBeUndefined();
  });

  it('WHEN kb snapshot writes it into a folder THEN that folder loads from it', () => {
    const dir = writeFixtureDir(validFixture());
    const written = writeYamlSnapshot(dir);
    expect(written.files).toBe(toFiles(validFixture()).filter((f) => f.path.endsWith('.yaml')).length);
    expect(isDeepStrictEqual(loadKnowledge(dir), buildKnowledge(toFiles(validFixture()), dir))).toBe(true);
  });
});
