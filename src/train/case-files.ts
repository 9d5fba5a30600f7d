/** Reads labelled case files for training: real reports at full weight, regression cases lower. */
import { readFileSync } from 'node:fs';
import { parseEvalCases } from '../eval/eval-case.ts';
import type { TrainingCase } from './examples.ts';
import { repositoryOf } from './folds.ts';
import { REGRESSION_WEIGHT } from './train-model.ts';

/** Cases of one file as training cases; a case with a `source` is grouped by its repository. */
export function trainingCases(text: string, file: string, weight: number): TrainingCase[] {
  return parseEvalCases(text, file).map((c) => ({
    text: c.text,
    cause: c.cause,
    also: c.also,
    weight,
    ...(c.source !== undefined ? { group: repositoryOf(c.source), source: c.source } : {}),
  }));
}

/** Reads the files (throws EvalCasesError on a bad line, the fs error on an unreadable file). */
export function readTrainingCases(files: readonly string[], regression: readonly string[]): TrainingCase[] {
  return [
    ...files.flatMap((f) => trainingCases(readFileSync(f, 'utf8'), f, 1)),
    ...regression.flatMap((f) => trainingCases(readFileSync(f, 'utf8'), f, REGRESSION_WEIGHT)),
  ];
}
