/**
 * `keydoctor train [--knowledge DIR] --cases FILE... [--regression FILE...]`: fits the scorer on
 * labelled cases and writes DIR/model/scorer.json. Deterministic (seeded); the cases never include
 * the holdout. An operator who adds causes and cases to their own KNOWLEDGE_DIR retrains the same way.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { MODEL_PATH } from '../engine/model/scorer-model.ts';
import { writeYamlSnapshot } from '../knowledge/write-snapshot.ts';
import { EvalCasesError } from '../eval/eval-case.ts';
import { KnowledgeError } from '../knowledge/knowledge-error.ts';
import { loadKnowledge } from '../knowledge/load.ts';
import { readTrainingCases } from '../train/case-files.ts';
import { DEFAULT_TRAIN, formatModelFile, TRAIN_NOW, trainModel } from '../train/train-model.ts';
import type { CliCommand } from './io.ts';
import { knowledgeDirFor } from './knowledge-engine.ts';

export const TRAIN_USAGE = `Usage: keydoctor train [--knowledge DIR] --cases FILE... [--regression FILE...] [--seed N]
  Fits the learned scorer and writes DIR/model/scorer.json (DIR: --knowledge, KNOWLEDGE_DIR or
  the shipped knowledge/). Cases are JSON Lines like the eval files; real reports carry
  "source": "owner/repo#N" so cross-validation folds never split one repository.
  --cases       labelled real reports (full weight)
  --regression  hand-written cases (lower weight)
  --seed        fold seed (default ${DEFAULT_TRAIN.seed})
`;

/** Exit codes: 0 written, 2 usage, unreadable file, bad case line or invalid knowledge. */
const EXIT_USAGE = 2;

interface TrainArgs {
  knowledge?: string;
  cases: string[];
  regression: string[];
  seed: number;
}

function parse(args: string[]): TrainArgs | { problem: string } | 'help' {
  const out: TrainArgs = { cases: [], regression: [], seed: DEFAULT_TRAIN.seed };
  let list: string[] | undefined;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--help' || arg === '-h') return 'help';
    if (arg === '--cases') list = out.cases;
    else if (arg === '--regression') list = out.regression;
    else if (arg === '--knowledge' || arg === '--seed') {
      const value = args[++i];
      if (value === undefined) return { problem: `${arg} needs a value` };
      if (arg === '--knowledge') out.knowledge = value;
      else if (!/^\d+$/.test(value)) return { problem: `--seed must be a whole number (got "${value}")` };
      else out.seed = Number(value);
      list = undefined;
    } else if (arg.startsWith('-')) return { problem: `unknown option ${arg}` };
    else if (list) list.push(arg);
    else return { problem: `"${arg}": give case files after --cases or --regression` };
  }
  if (out.cases.length === 0) return { problem: 'give at least one file after --cases' };
  return out;
}

export const run: CliCommand = async (args, io) => {
  const cli = parse(args);
  if (cli === 'help') {
    io.stdout.write(TRAIN_USAGE);
    return 0;
  }
  if ('problem' in cli) {
    io.stderr.write(`keydoctor train: ${cli.problem}\n${TRAIN_USAGE}`);
    return EXIT_USAGE;
  }
  const dir = knowledgeDirFor(cli.knowledge, io);
  const started = performance.now();
  try {
    const knowledge = loadKnowledge(dir, { model: false });
    const cases = readTrainingCases(
      cli.cases.map((f) => path.resolve(io.cwd, f)),
      cli.regression.map((f) => path.resolve(io.cwd, f)),
    );
    const { model, cv } = await trainModel(knowledge, cases, {
      ...DEFAULT_TRAIN,
      seed: cli.seed,
      now: TRAIN_NOW,
    });
    const target = path.join(dir, MODEL_PATH);
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, formatModelFile(model));
    // the knowledge it was trained with just passed the loader: its parsed YAML is current too
    const snapshot = writeYamlSnapshot(dir);
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    io.stdout.write(
      `keydoctor train: ${cases.length} cases, ${model.features.length} features, temperature ` +
        `${model.temperature} (pooled out-of-fold ${cv.pooledTemperature.toFixed(4)}, forward ` +
        `${cv.forwardTemperature.toFixed(4)}), ${seconds} s -> ${path.relative(io.cwd, target) || target} ` +
        `(and ${path.relative(io.cwd, snapshot.path) || snapshot.path})\n`,
    );
    return 0;
  } catch (error) {
    if (error instanceof KnowledgeError) {
      io.stderr.write(`keydoctor train: the knowledge base is invalid:\n${error.message.trimEnd()}\n`);
      return EXIT_USAGE;
    }
    if (error instanceof EvalCasesError) {
      io.stderr.write(`keydoctor train: ${error.message}\n`);
      return EXIT_USAGE;
    }
    const code = (error as { code?: string }).code;
    if (code === 'ENOENT' || code === 'EISDIR') {
      io.stderr.write(`keydoctor train: cannot read a case file: ${(error as Error).message}\n`);
      return EXIT_USAGE;
    }
    throw error;
  }
};
