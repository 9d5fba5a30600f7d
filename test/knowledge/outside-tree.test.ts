import { describe, expect, it } from 'vitest';
import { buildKnowledge } from '../../src/knowledge/load.ts';
import { expectIssue } from './expect-issue.ts';
import { cause, toFiles, validFixture } from './fixtures.ts';

describe('GIVEN a cause that is an outcome outside the decision tree', () => {
  it('THEN it loads although no answer leads to it', () => {
    const kb = validFixture();
    kb.causes.other = cause('other', { outside_tree: true });
    const knowledge = buildKnowledge(toFiles(kb));
    expect(knowledge.causes.get('other')?.outside_tree).toBe(true);
  });

  it('THEN the same cause without outside_tree is still reported as unreachable', () => {
    const kb = validFixture();
    kb.causes.other = cause('other');
    expectIssue(kb, { file: 'causes/other.yaml', line: 1, field: 'id', message: /cause "other" is not reachable/ });
  });
});
