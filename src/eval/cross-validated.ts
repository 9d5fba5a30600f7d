/**
 * Cross-validated evaluation: one scorer per fold, trained without that fold's repositories (plus
 * the regression cases at a lower weight), and each case diagnosed by its own fold's engine.
 */
import { createEngine } from '../engine/index.ts';
import type { Engine } from '../engine/types.ts';
import type { Knowledge } from '../knowledge/schema.ts';
import type { TrainingCase } from '../train/examples.ts';
import { repositoryOf } from '../train/folds.ts';
import { crossValidate, DEFAULT_TRAIN } from '../train/train-model.ts';
import type { EvalCase } from './eval-case.ts';
import type { CrossValidated } from './eval-command.ts';

/** The knowledge base without its trained model (the hand-tuned ranking, or the base to train on). */
export function withoutModel(knowledge: Knowledge): Knowledge {
  const { model: _unused, ...rest } = knowledge;
  return rest;
}

/** Trains the fold models; `trainNow` is the time features are computed at in training. */
export async function crossValidatedDiagnoser(
  base: Knowledge,
  cases: readonly EvalCase[],
  regression: readonly TrainingCase[],
  now: number,
  trainNow: number,
): Promise<CrossValidated> {
  const knowledge = withoutModel(base);
  // A case without a source is its own group.
  const grouped = cases.map((c) => ({
    text: c.text,
    cause: c.cause,
    also: c.also,
    weight: 1,
    group: c.source !== undefined ? repositoryOf(c.source) : `line:${c.line}`,
  }));
  const cv = await crossValidate(knowledge, [...grouped, ...regression], { ...DEFAULT_TRAIN, now: trainNow });
  const engineOf = new Map<number, Engine>();
  for (const f of cv.folds) {
    const engine = createEngine({ ...knowledge, model: f.model });
    for (const i of f.test) engineOf.set(i, engine);
  }
  // Cases naming no known cause are in no fold; the hand-tuned engine answers them (they miss anyway).
  const fallback = createEngine(knowledge);
  const engineFor = (index: number) => engineOf.get(index) ?? fallback;
  return {
    diagnose: (c, index) => engineFor(index).diagnose(c.text, { now }).outcome,
    engineFor,
    ...(cv.forward
      ? {
          forward: { engine: createEngine({ ...knowledge, model: cv.forward.model }), test: cv.forward.test },
        }
      : {}),
    knowledge,
    folds: cv.folds.length,
    causeIds: [...knowledge.causes.keys()],
  };
}
