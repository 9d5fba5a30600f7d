/** Everything the engine precomputes from a knowledge base, once, in createEngine. */
import type { Knowledge } from '../knowledge/schema.ts';
import { type AnswerMatcher, buildAnswerMatcher } from './answer-match.ts';
import { compileModel } from './model/scorer-model.ts';
import { buildEvidenceIndex, type EvidenceIndex } from './evidence/index.ts';
import type { RankIndex } from './rank.ts';
import { buildTextIndex } from './text/text-index.ts';
import { createTextMemo } from './text/text-memo.ts';
import { buildTreeIndex } from './tree-index.ts';

export interface EngineCore extends RankIndex {
  evidence: EvidenceIndex;
  answerMatchers: ReadonlyMap<string, AnswerMatcher>;
}

/** Builds the indexes the engine reads on every message. */
export function buildCore(knowledge: Knowledge): EngineCore {
  const answerMatchers = new Map<string, AnswerMatcher>();
  for (const q of knowledge.questions.values()) answerMatchers.set(q.id, buildAnswerMatcher(q));
  return {
    knowledge,
    evidence: buildEvidenceIndex(knowledge),
    text: buildTextIndex(knowledge.causes.values()),
    tree: buildTreeIndex(knowledge),
    answerMatchers,
    textMemo: createTextMemo(),
    ...(knowledge.model ? { model: compileModel(knowledge.model, knowledge) } : {}),
  };
}
