import { describe, expect, it } from 'vitest';
import { COPIES, tenfoldFiles } from '../../bench/tenfold.ts';
import { createEngine } from '../../src/engine/index.ts';
import { DEFAULT_KNOWLEDGE_DIR } from '../../src/knowledge/default-dir.ts';
import { buildKnowledge, loadKnowledge } from '../../src/knowledge/load.ts';
import { NOW } from './fixtures/knowledge.ts';

describe('the synthetic knowledge base of the bench', () => {
  const shipped = loadKnowledge(DEFAULT_KNOWLEDGE_DIR);
  const tenfold = buildKnowledge(tenfoldFiles(DEFAULT_KNOWLEDGE_DIR), '<test 10x>');

  it('is valid and holds ten times the causes, questions and catalogue entries', () => {
    expect(tenfold.causes.size).toBe(shipped.causes.size * COPIES);
    expect(tenfold.questions.size).toBe(shipped.questions.size * COPIES + 1);
    expect(tenfold.catalogue.length).toBe(shipped.catalogue.length * COPIES);
  });

  it('can be diagnosed against', () => {
    const r = createEngine(tenfold).diagnose('works locally but fails in docker with 401', { now: NOW });
    expect(r.outcome.ranked[0]?.causeId).toMatch(/^env-not-propagated/);
  });
});
