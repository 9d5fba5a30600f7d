/**
 * Fits several models over one set of examples (the cross-validation folds and the final model) on
 * worker threads, one per core up to the number of jobs, so training takes about half the time on
 * a two-core machine. Each fit is the deterministic `fitScorer`, so the models are the same as one
 * after another in-process; with one core, or one job, they are fitted in-process.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Example } from './examples.ts';
import { type FitOptions, type FittedScorer, fitScorer } from './fit.ts';
import type { FitWorkerRequest, FitWorkerResult } from './fit-worker.ts';
import { jobExamples } from './neighbour-votes.ts';

/**
 * Running from TypeScript sources (tsx, vitest) the worker registers tsx's loader before it loads
 * the TypeScript worker module; built, the worker is plain JavaScript.
 */
const FROM_SOURCE = import.meta.url.endsWith('.ts');
const WORKER_URL = new URL(FROM_SOURCE ? './fit-worker.ts' : './fit-worker.js', import.meta.url);

function startWorker(): Worker {
  if (!FROM_SOURCE) return new Worker(WORKER_URL);
  // tsx's ESM API entry, as its package.json exports it (a CommonJS resolve would give the
  // require entry, which cannot register the ESM loader).
  const manifest = createRequire(import.meta.url).resolve('tsx/package.json');
  const { exports } = JSON.parse(readFileSync(manifest, 'utf8')) as {
    exports: Record<string, { import: { default: string } }>;
  };
  const entry = exports['./esm/api']?.import.default ?? './dist/esm/api/index.mjs';
  const tsx = pathToFileURL(path.join(path.dirname(manifest), entry)).href;
  const code = `import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(WORKER_URL.href)}); });`;
  return new Worker(code, { eval: true });
}

/** One model per job: each job lists the indexes of the examples it is fitted on. Results in job order. */
export async function fitMany(
  examples: readonly Example[],
  jobs: readonly (readonly number[])[],
  causes: number,
  options: FitOptions,
  threads = availableParallelism(),
): Promise<FittedScorer[]> {
  const workers = Math.min(threads, jobs.length);
  if (workers <= 1)
    return jobs.map((indexes) => fitScorer(jobExamples(examples, indexes, causes), causes, options));
  const results: FittedScorer[] = new Array<FittedScorer>(jobs.length);
  // the largest jobs first (the final model on every case), so no worker is left with a big one
  // at the end while the other waits; results stay in job order
  const order = jobs.map((_, i) => i).sort((a, b) => jobs[b]!.length - jobs[a]!.length || a - b);
  let next = 0;
  let done = 0;
  const pool = Array.from({ length: workers }, () => startWorker());
  try {
    await Promise.all(
      pool.map(
        (worker) =>
          new Promise<void>((resolve, reject) => {
            const send = () => {
              if (next >= jobs.length) return resolve();
              const job = order[next++]!;
              const request: FitWorkerRequest = { type: 'fit', job, indexes: [...jobs[job]!] };
              worker.postMessage(request);
            };
            worker.on('message', (result: FitWorkerResult) => {
              results[result.job] = {
                features: result.features,
                weights: result.weights,
                shared: result.shared,
                causes,
                ...(result.likelihood ? { likelihood: result.likelihood } : {}),
              };
              done++;
              send();
            });
            worker.once('error', reject);
            worker.once('exit', (code) => {
              if (done < jobs.length)
                reject(new Error(`a fit worker stopped (exit code ${code}) before its jobs were done`));
            });
            const setup: FitWorkerRequest = { type: 'examples', examples: [...examples], causes, options };
            worker.postMessage(setup);
            send();
          }),
      ),
    );
  } finally {
    await Promise.all(pool.map((w) => w.terminate()));
  }
  return results;
}
