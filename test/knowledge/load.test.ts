import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { KnowledgeError } from '../../src/knowledge/knowledge-error.ts';
import { buildKnowledge, checkKnowledgeDir, loadKnowledge } from '../../src/knowledge/load.ts';
import { cause, causePath, toFiles, validFixture } from './fixtures.ts';
import { emptyTempDir, writeFixtureDir } from './temp-dir.ts';

describe('GIVEN a valid minimal knowledge base', () => {
  it('THEN buildKnowledge indexes causes, questions and providers by id', () => {
    const knowledge = buildKnowledge(toFiles(validFixture()), 'fixture');
    expect([...knowledge.causes.keys()].sort()).toEqual([
      'key-missing',
      'missing-bearer-prefix',
      'wrong-scheme',
    ]);
    expect([...knowledge.questions.keys()]).toEqual(['q-start', 'q-header']);
    expect([...knowledge.providers.keys()]).toEqual(['openai', 'anthropic']);
    expect(knowledge.tree.root).toBe('q-start');
    expect(knowledge.source).toBe('fixture');
  });

  it('THEN catalogue entries carry the provider of their file', () => {
    const knowledge = buildKnowledge(toFiles(validFixture()));
    expect(knowledge.catalogue).toEqual([
      expect.objectContaining({
        match: 'Incorrect API key provided',
        provider: 'openai',
        causes: { 'wrong-scheme': 2 },
      }),
      expect.objectContaining({ match: "You didn't provide an API key", provider: 'openai' }),
    ]);
  });

  it('THEN schema defaults are filled in for fields a cause leaves out', () => {
    const kb = validFixture();
    const { keywords: _k, prior: _p, ...minimal } = cause('key-missing');
    kb.raw[causePath('key-missing')] = minimal;
    const loaded = buildKnowledge(toFiles(kb)).causes.get('key-missing')!;
    expect(loaded.keywords).toEqual([]);
    expect(loaded.prior).toBe(1);
  });

  it('THEN loadKnowledge reads it from a folder and records the folder as its source', () => {
    const dir = writeFixtureDir(validFixture());
    const knowledge = loadKnowledge(dir);
    expect(knowledge.causes.size).toBe(3);
    expect(knowledge.source).toBe(dir);
  });

  it('THEN checkKnowledgeDir returns no issues', () => {
    expect(checkKnowledgeDir(writeFixtureDir(validFixture()))).toEqual([]);
  });

  it('THEN .yml files are read like .yaml files', () => {
    const kb = validFixture();
    const files = toFiles(kb).map((f) => (f.path === 'tree.yaml' ? { ...f, path: 'tree.yml' } : f));
    expect(buildKnowledge(files).questions.size).toBe(2);
  });
});

describe('GIVEN a knowledge folder with several problems', () => {
  function brokenFixture() {
    const kb = validFixture();
    kb.causes['key-missing']!.title = '';
    kb.tree.questions[1]!.answers[0]!.next = ['no-such-cause'];
    kb.catalogues.openai!.errors[0]!.match = 'ab';
    return kb;
  }

  it('THEN loadKnowledge throws a KnowledgeError with code KNOWLEDGE_INVALID', () => {
    const dir = writeFixtureDir(brokenFixture());
    expect(() => loadKnowledge(dir)).toThrow(KnowledgeError);
    expect(() => loadKnowledge(dir)).toThrow(expect.objectContaining({ code: 'KNOWLEDGE_INVALID' }));
  });

  it('THEN the error lists every issue, not just the first, with absolute file paths', () => {
    const dir = writeFixtureDir(brokenFixture());
    let error: KnowledgeError | undefined;
    try {
      loadKnowledge(dir);
    } catch (e) {
      error = e as KnowledgeError;
    }
    const files = error?.issues.map((i) => i.file);
    expect(files).toEqual(
      expect.arrayContaining([
        path.join(dir, 'causes/key-missing.yaml'),
        path.join(dir, 'tree.yaml'),
        path.join(dir, 'errors/openai.yaml'),
      ]),
    );
    expect(error?.message.split('\n')).toHaveLength(error?.issues.length ?? -1);
  });

  it('THEN checkKnowledgeDir returns the same issues instead of throwing', () => {
    const dir = writeFixtureDir(brokenFixture());
    const issues = checkKnowledgeDir(dir);
    expect(issues.map((i) => i.field)).toEqual(
      expect.arrayContaining(['title', 'questions[1].answers[0].next[0]', 'errors[0].match']),
    );
  });
});

describe('GIVEN one broken cause file', () => {
  it('THEN only that file is reported: the tree and catalogue still know its id', () => {
    const kb = validFixture();
    kb.causes['key-missing']!.summary = '';
    const issues = checkKnowledgeDir(writeFixtureDir(kb));
    expect(issues.map((i) => [path.basename(i.file), i.field])).toEqual([['key-missing.yaml', 'summary']]);
  });
});

describe('GIVEN a folder that is not a knowledge base', () => {
  it('THEN a missing folder is one issue saying so', () => {
    const missing = path.join(emptyTempDir(), 'nope');
    expect(checkKnowledgeDir(missing)).toEqual([{ file: missing, message: 'knowledge folder not found' }]);
  });

  it('THEN loading a missing folder fails with the same one issue as kb check', () => {
    const missing = path.join(emptyTempDir(), 'nope');
    let issues: unknown;
    try {
      loadKnowledge(missing);
    } catch (error) {
      issues = (error as KnowledgeError).issues;
    }
    expect(issues).toEqual(checkKnowledgeDir(missing));
  });

  it('THEN an empty folder reports the missing tree, providers and causes', () => {
    const dir = emptyTempDir();
    const issues = checkKnowledgeDir(dir);
    expect(issues.map((i) => path.relative(dir, i.file))).toEqual(['causes', 'providers.yaml', 'tree.yaml']);
    expect(issues.every((i) => /missing|no cause files/.test(i.message))).toBe(true);
  });

  it('THEN a file given instead of a folder is one issue saying so', () => {
    const dir = writeFixtureDir(validFixture());
    const file = path.join(dir, 'tree.yaml');
    expect(checkKnowledgeDir(file)).toEqual([{ file, message: expect.stringMatching(/is not a folder/) }]);
  });
});
