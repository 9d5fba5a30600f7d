import { describe, expect, it } from 'vitest';
import { emptyEvidence } from '../../src/engine/evidence/index.ts';
import { createEngine } from '../../src/engine/index.ts';
import { diagnosisReply, HANDOFF_CHOICE } from '../../src/engine/replies/diagnosis-reply.ts';
import { DEFAULT_KNOWLEDGE_DIR } from '../../src/knowledge/default-dir.ts';
import { loadKnowledge } from '../../src/knowledge/load.ts';

const knowledge = loadKnowledge(DEFAULT_KNOWLEDGE_DIR);
const noEvidence = emptyEvidence();

describe('GIVEN the shipped "other" outcome (not a key problem)', () => {
  const other = knowledge.causes.get('other');

  it('THEN it is a cause outside the decision tree', () => {
    expect(other?.outside_tree).toBe(true);
  });

  it('THEN its reply gives the general checks: curl -i with the same key, the status page, the endpoint and version', () => {
    const reply = diagnosisReply(
      knowledge,
      { causeId: 'other', score: 0, confidence: 0.6, reasons: [] },
      [],
      noEvidence,
    );
    const text = JSON.stringify(reply.blocks);
    expect(text).toContain('curl -i');
    expect(text).toMatch(/status page/);
    expect(text).toMatch(/API version/);
  });

  it('THEN its reply offers a person, and a key-problem diagnosis does not', () => {
    const base = { score: 0, confidence: 0.6, reasons: [] };
    const otherReply = diagnosisReply(knowledge, { causeId: 'other', ...base }, [], noEvidence);
    const keyReply = diagnosisReply(knowledge, { causeId: 'key-missing', ...base }, [], noEvidence);
    expect(otherReply.choices.map((c) => c.id)).toContain(HANDOFF_CHOICE.id);
    expect(keyReply.choices.map((c) => c.id)).not.toContain(HANDOFF_CHOICE.id);
  });

  it('THEN it is ranked like a cause for a report of an outage', () => {
    const engine = createEngine(knowledge);
    const { outcome } = engine.diagnose(
      '503 service unavailable since this morning, is the api down? outage',
      {
        now: Date.UTC(2026, 0, 1),
      },
    );
    expect(outcome.ranked.map((r) => r.causeId).slice(0, 3)).toContain('other');
  });
});
