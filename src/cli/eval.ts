/** `keydoctor eval FILE.jsonl [--json] [--knowledge DIR] [--cv] [--min-top1 F] [--min-top3 F]`: accuracy on labelled cases. */
import { createEngine } from '../engine/index.ts';
import { crossValidatedDiagnoser, withoutModel } from '../eval/cross-validated.ts';
import { createEvalCommand } from '../eval/eval-command.ts';
import { KnowledgeError } from '../knowledge/knowledge-error.ts';
import { loadKnowledge } from '../knowledge/load.ts';
import { readTrainingCases } from '../train/case-files.ts';
import { TRAIN_NOW } from '../train/train-model.ts';
import type { CliCommand } from './io.ts';
import { knowledgeDirFor } from './knowledge-engine.ts';

export const run: CliCommand = createEvalCommand({
  knowledgeDir: knowledgeDirFor,
  loadEngine(dir, options = {}) {
    const knowledge = loadKnowledge(dir);
    return {
      engine: createEngine(options.handTuned ? withoutModel(knowledge) : knowledge),
      causeIds: knowledge.causes.keys(),
      knowledge,
    };
  },
  crossValidate: (dir, cases, regression, now) =>
    crossValidatedDiagnoser(loadKnowledge(dir), cases, readTrainingCases([], regression), now, TRAIN_NOW),
  isKnowledgeError: (error): error is Error => error instanceof KnowledgeError,
  now: Date.now,
});
