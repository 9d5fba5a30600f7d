/**
 * A worker thread of the fit pool: receives the examples once, then fits one model per job (a list
 * of example indexes) and posts it back. The fit is the same deterministic function as in-process.
 */
import { parentPort } from 'node:worker_threads';
import type { Example } from './examples.ts';
import { type FitOptions, fitScorer } from './fit.ts';
import type { FittedLikelihood } from './likelihood.ts';
import { jobExamples } from './neighbour-votes.ts';

export type FitWorkerRequest =
  | { type: 'examples'; examples: Example[]; causes: number; options: FitOptions }
  | { type: 'fit'; job: number; indexes: number[] };

export interface FitWorkerResult {
  job: number;
  features: string[];
  weights: Float64Array;
  shared: Float64Array;
  likelihood?: FittedLikelihood;
}

const port = parentPort;
if (port) {
  let examples: Example[] = [];
  let causes = 0;
  let options: FitOptions | undefined;
  port.on('message', (message: FitWorkerRequest) => {
    if (message.type === 'examples') {
      ({ examples, causes, options } = message);
      return;
    }
    const fitted = fitScorer(jobExamples(examples, message.indexes, causes), causes, options);
    const result: FitWorkerResult = {
      job: message.job,
      features: fitted.features,
      weights: fitted.weights,
      shared: fitted.shared,
      ...(fitted.likelihood ? { likelihood: fitted.likelihood } : {}),
    };
    const buffers = [fitted.weights, fitted.shared];
    if (fitted.likelihood)
      buffers.push(fitted.likelihood.counts, fitted.likelihood.weights, fitted.likelihood.perFeature);
    port.postMessage(
      result,
      buffers.map((b) => b.buffer as ArrayBuffer),
    );
  });
}
