/** `keydoctor eval FILE.jsonl [--json] [--knowledge DIR] [--min-top1 F] [--min-top3 F]`: accuracy on labelled cases. */
import { createEngine } from '../engine/index.ts';
import { createEvalCommand } from '../eval/eval-command.ts';
import { KnowledgeError } from '../knowledge/knowledge-error.ts';
import { loadKnowledge } from '../knowledge/load.ts';
import type { CliCommand } from './io.ts';
import { knowledgeDirFor } from './knowledge-engine.ts';

export const run: CliCommand = createEvalCommand({
  knowledgeDir: knowledgeDirFor,
  loadEngine(dir) {
    const knowledge = loadKnowledge(dir);
    return { engine: createEngine(knowledge), causeIds: knowledge.causes.keys(), knowledge };
  },
  isKnowledgeError: (error): error is Error => error instanceof KnowledgeError,
  now: Date.now,
});
