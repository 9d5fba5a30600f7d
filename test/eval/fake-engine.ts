/** A deterministic stand-in Engine for eval tests: each text maps to a fixed ranking. */
import { emptyEvidence } from '../../src/engine/evidence/index.ts';
import type { DiagnosisOutcome, Engine, Evidence, Reply } from '../../src/engine/types.ts';

const EMPTY_EVIDENCE: Evidence = emptyEvidence();

const EMPTY_REPLY: Reply = { kind: 'info', heading: '', blocks: [], choices: [] };

/** Ranks `rankings[text]` in order; texts it does not know get an empty ranking; `THROW` texts throw. */
export function fakeEngine(rankings: Record<string, string[]>, seenNow: number[] = []): Engine {
  return {
    step() {
      throw new Error('not used by eval');
    },
    diagnose(text, ctx) {
      seenNow.push(ctx.now);
      if (text === 'THROW') throw new Error('engine exploded');
      const ids = rankings[text] ?? [];
      const outcome: DiagnosisOutcome = {
        kind: ids.length > 0 ? 'matched' : 'none',
        ranked: ids.map((causeId, i) => ({ causeId, score: 10 - i, confidence: 0.5, reasons: [] })),
      };
      return { outcome, evidence: EMPTY_EVIDENCE, reply: EMPTY_REPLY };
    },
  };
}
