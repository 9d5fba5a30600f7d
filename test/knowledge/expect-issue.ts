import { expect } from 'vitest';
import {
  formatKnowledgeIssue,
  KnowledgeError,
  type KnowledgeIssue,
} from '../../src/knowledge/knowledge-error.ts';
import { buildKnowledge } from '../../src/knowledge/load.ts';
import { type KnowledgeFixture, toFiles } from './fixtures.ts';

/** The KnowledgeError a broken fixture must raise (fails the test when it loads). */
export function rejectionOf(fixture: KnowledgeFixture): KnowledgeError {
  try {
    buildKnowledge(toFiles(fixture));
  } catch (error) {
    if (error instanceof KnowledgeError) return error;
    throw error;
  }
  throw new Error('expected the knowledge base to be rejected, but it loaded');
}

export type ExpectedIssue = { file: string; line: number; field?: string; message: RegExp };

/**
 * Asserts the fixture is rejected with an issue at that file, line and field, and that the
 * error's message shows it as `file:line:column field: message`.
 */
export function expectIssue(fixture: KnowledgeFixture, expected: ExpectedIssue): KnowledgeIssue {
  const error = rejectionOf(fixture);
  const found = error.issues.find(
    (issue) =>
      issue.file === expected.file &&
      issue.line === expected.line &&
      issue.field === expected.field &&
      expected.message.test(issue.message),
  );
  expect(
    found,
    `no issue like ${JSON.stringify({ ...expected, message: String(expected.message) })} in:\n${error.message}`,
  ).toBeDefined();
  const shown = formatKnowledgeIssue(found!);
  expect(shown.startsWith(`${expected.file}:${expected.line}:`)).toBe(true);
  if (expected.field) expect(shown).toContain(` ${expected.field}: `);
  expect(error.message.split('\n')).toContain(shown);
  return found!;
}
