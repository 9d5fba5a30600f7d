/**
 * The shipped knowledge/ must hold every cause id of the public contract in docs/causes.md, each
 * complete. The loader does not hard-code these ids because
 * an operator's KNOWLEDGE_DIR may replace the shipped folder.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_KNOWLEDGE_DIR } from '../../src/knowledge/default-dir.ts';
import { formatKnowledgeIssues } from '../../src/knowledge/knowledge-error.ts';
import { checkKnowledgeDir, loadKnowledge } from '../../src/knowledge/load.ts';

const CAUSES_MD = path.resolve(DEFAULT_KNOWLEDGE_DIR, '..', 'docs', 'causes.md');
const TABLE_ID = /^\|\s*([a-z0-9][a-z0-9-]*)\s*\|/;

/** The ids in the first column of the contract's tables. */
function contractCauseIds(): string[] {
  const text = fs.readFileSync(CAUSES_MD, 'utf8');
  return text
    .split('\n')
    .map((line) => TABLE_ID.exec(line)?.[1])
    .filter((id): id is string => id !== undefined && id !== 'id');
}

describe('the shipped knowledge base', () => {
  it('passes kb check without issues', () => {
    const issues = checkKnowledgeDir(DEFAULT_KNOWLEDGE_DIR);
    expect(formatKnowledgeIssues(issues)).toBe('');
  });

  it('reads the twenty original contract ids and the project additions from docs/causes.md', () => {
    const ids = contractCauseIds();
    expect(ids).toHaveLength(22);
    expect(ids).toEqual(expect.arrayContaining(['key-missing', 'proxy-strips-header', 'publishable-key-as-secret']));
  });

  it('holds a cause for every id in docs/causes.md', () => {
    const knowledge = loadKnowledge(DEFAULT_KNOWLEDGE_DIR);
    const missing = contractCauseIds().filter((id) => !knowledge.causes.has(id));
    expect(missing).toEqual([]);
  });

  it('gives every cause a title, summary, confirm, fix, prevent, providers and references', () => {
    const knowledge = loadKnowledge(DEFAULT_KNOWLEDGE_DIR);
    const incomplete = [...knowledge.causes.values()].flatMap((cause) => {
      const lacking = Object.entries({
        title: cause.title.trim().length > 0,
        summary: cause.summary.trim().length > 0,
        confirm: cause.confirm.length > 0,
        fix: cause.fix.length > 0,
        prevent: cause.prevent.length > 0,
        providers: cause.providers.length > 0,
        references: cause.references.length > 0,
      })
        .filter(([, present]) => !present)
        .map(([field]) => `${cause.id}.${field}`);
      return lacking;
    });
    expect(incomplete).toEqual([]);
  });
});
