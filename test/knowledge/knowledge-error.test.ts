import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatKnowledgeIssues, KnowledgeError } from '../../src/knowledge/knowledge-error.ts';

describe('formatKnowledgeIssues', () => {
  it('shows file, line, column, field and message on one line', () => {
    const text = formatKnowledgeIssues(
      [
        {
          file: 'knowledge/causes/key-missing.yaml',
          line: 14,
          column: 5,
          field: 'fix[2].text',
          message: 'must not be empty',
        },
      ],
      '/repo',
    );
    expect(text).toBe('knowledge/causes/key-missing.yaml:14:5 fix[2].text: must not be empty');
  });

  it('shows absolute paths under the working directory relative to it', () => {
    const cwd = path.resolve('/work/repo');
    const file = path.join(cwd, 'knowledge', 'tree.yaml');
    expect(formatKnowledgeIssues([{ file, line: 3, column: 1, field: 'root', message: 'x' }], cwd)).toBe(
      `${path.join('knowledge', 'tree.yaml')}:3:1 root: x`,
    );
  });

  it('keeps absolute paths outside the working directory as they are', () => {
    const file = path.resolve('/elsewhere/tree.yaml');
    expect(formatKnowledgeIssues([{ file, message: 'is missing' }], path.resolve('/work/repo'))).toBe(
      `${file}: is missing`,
    );
  });

  it('orders issues by file and then by line', () => {
    const text = formatKnowledgeIssues([
      { file: 'tree.yaml', line: 9, message: 'b' },
      { file: 'causes/a.yaml', line: 2, message: 'c' },
      { file: 'tree.yaml', line: 3, message: 'a' },
    ]);
    expect(text.split('\n')).toEqual(['causes/a.yaml:2: c', 'tree.yaml:3: a', 'tree.yaml:9: b']);
  });
});

describe('KnowledgeError', () => {
  it('carries its code, its issues and the formatted list as its message', () => {
    const issues = [
      { file: 'tree.yaml', line: 1, column: 1, field: 'root', message: 'unknown question "x"' },
    ];
    const error = new KnowledgeError(issues);
    expect(error).toBeInstanceOf(Error);
    expect(error.code).toBe('KNOWLEDGE_INVALID');
    expect(error.issues).toEqual(issues);
    expect(error.message).toBe('tree.yaml:1:1 root: unknown question "x"');
  });
});
