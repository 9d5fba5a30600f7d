/**
 * The engine: `createEngine(knowledge)` precomputes its indexes once; `step` walks a conversation,
 * `diagnose` answers one text without dialogue (CLI, eval, bench). Pure: no I/O, no clock.
 */
import type { Knowledge } from '../knowledge/schema.ts';
import { buildCore, type EngineCore } from './core.ts';
import { stepConversation } from './dialogue.ts';
import { extractEvidence } from './evidence/index.ts';
import { type Ranking, rankCauses } from './rank.ts';
import { credentialWarning } from './replies/credential-warning.ts';
import { diagnosisReply } from './replies/diagnosis-reply.ts';
import { needMoreReply } from './replies/info-replies.ts';
import type { DiagnosisOutcome, Engine, EngineContext, Evidence, Reply } from './types.ts';

export type { Engine } from './types.ts';

/** One-shot diagnosis with the full scoring detail (the CLI's --json and the eval use `diagnose`). */
export function diagnoseText(
  core: EngineCore,
  text: string,
  ctx: EngineContext,
): { outcome: DiagnosisOutcome; evidence: Evidence; reply: Reply; ranking: Ranking } {
  const evidence = extractEvidence(core.evidence, String(text ?? ''), ctx.now);
  const ranking = rankCauses(core, { evidence, answers: {}, implied: new Set(), rejected: [] });
  const [top, ...others] = ranking.outcome.ranked;
  let reply: Reply =
    ranking.outcome.kind === 'none' || !top
      ? needMoreReply(!evidence.redactedText.trim())
      : diagnosisReply(core.knowledge, top, others, evidence, {
          tentative: ranking.outcome.kind !== 'matched',
        });
  const warning = credentialWarning(evidence.credentials);
  if (warning) reply = { ...reply, blocks: [warning, ...reply.blocks] };
  return { outcome: ranking.outcome, evidence, reply, ranking };
}

/** Creates an engine over a loaded, validated knowledge base. */
export function createEngine(knowledge: Knowledge): Engine {
  const core = buildCore(knowledge);
  return {
    step: (state, input, ctx) => stepConversation(core, state, input, ctx),
    diagnose: (text, ctx) => {
      const { outcome, evidence, reply } = diagnoseText(core, text, ctx);
      return { outcome, evidence, reply };
    },
  };
}
