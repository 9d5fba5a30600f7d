/**
 * `keydoctor eval FILE.jsonl`: measures the engine on a labelled file of cases. The engine source
 * is injected so tests can drive the command with a fake engine and a fake terminal.
 *
 * Exit codes: 0 measured (and above any floor given); 1 below --min-top1 / --min-top3;
 * 2 usage error, unreadable file, bad case line, or invalid knowledge base.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from '../cli/args.ts';
import type { CliCommand, CliIo } from '../cli/io.ts';
import type { Engine } from '../engine/types.ts';
import type { Knowledge } from '../knowledge/schema.ts';
import { formatDialogueReport, parseMaxQuestions, runDialogueEval } from './dialogue-eval.ts';
import { EvalCasesError, parseEvalCases } from './eval-case.ts';
import type { EvalCase } from './eval-case.ts';
import { formatEvalReport } from './format-report.ts';
import { type CaseDiagnoser, type EvalReport, evaluateCases, runEval } from './run-eval.ts';

export const EXIT_OK = 0;
export const EXIT_BELOW_FLOOR = 1;
export const EXIT_USAGE = 2;

export const EVAL_USAGE = `Usage: keydoctor eval FILE.jsonl [--json] [--misses] [--knowledge DIR]
                      [--min-top1 0.85] [--min-top3 0.95] [--now ISO-DATE]
                      [--cv [--regression FILE]...] [--hand-tuned]
  One case a line: {"text": "...", "cause": "<id>", "also": ["<id>"]} (other fields ignored).
  --cv         k-fold cross-validation: train the scorer on the other folds (folds grouped by the
               repository in each case's "source") plus the --regression files, test on each fold;
               also reports the forward split: the newest fifth of the file, scored by a model
               trained on the rest, as reports nobody has mined yet are met
  --regression hand-written cases added to every fold's training data at a lower weight
  --hand-tuned rank with the hand-tuned scores, ignoring the knowledge base's model
  --json       print the report as JSON (with one entry per case in "cases")
  --misses     list every top-1 miss with its line number
  --min-top1   exit 1 when top-1 accuracy is below this fraction (CI floor)
  --min-top3   exit 1 when top-3 accuracy is below this fraction
  --now        the time the engine compares token expiry with (default: the current time)
  --dialogue   play each case as a conversation with a simulated user who answers truthfully;
               report the share ending at the right cause and the mean questions asked
  --max-questions N  questions allowed per conversation with --dialogue (default and most: 3)
`;

export interface LoadedEngine {
  engine: Engine;
  /** the knowledge base's cause ids, to flag case labels it does not define */
  causeIds: Iterable<string>;
  /** the knowledge base itself; --dialogue needs its tree for the simulated user */
  knowledge?: Knowledge;
}

export interface EvalCommandDeps {
  /** resolves --knowledge / KNOWLEDGE_DIR / the shipped base to a directory */
  knowledgeDir(flag: string | undefined, io: CliIo): string;
  /** loads and validates the knowledge base and builds the engine; throws on invalid knowledge */
  loadEngine(dir: string, options?: { handTuned?: boolean }): LoadedEngine;
  /**
   * trains one scorer per fold (folds grouped by repository) and returns the diagnoser that answers
   * each case with its own fold's engine; throws like loadEngine, or EvalCasesError on a bad regression file
   */
  crossValidate?(
    dir: string,
    cases: readonly EvalCase[],
    regression: readonly string[],
    now: number,
  ): CrossValidated | Promise<CrossValidated>;
  /** true for the error the loader throws on an invalid knowledge base */
  isKnowledgeError(error: unknown): error is Error;
  now(): number;
}

export interface CrossValidated {
  diagnose: CaseDiagnoser;
  /** the engine whose scorer never saw the case at this index (its fold's) */
  engineFor?: (index: number) => Engine;
  knowledge?: Knowledge;
  folds: number;
  /** read more than once (the folds' report and the forward split's): a list, not an iterator */
  causeIds: readonly string[];
  /**
   * The forward split: the engine trained without the newest fifth of the cases (repositories
   * kept whole, in file order: a corpus is appended as it is mined) and the indexes it tests
   */
  forward?: { engine: Engine; test: number[] };
}

/** The forward split's figures, next to the cross-validated ones. */
export interface ForwardSplit {
  n: number;
  top1: number;
  top3: number;
  dialogue?: { rightCause: number; meanQuestions: number };
}

const FORWARD_LABEL = 'forward split (the newest fifth, scored by a model trained on the rest)';

function forwardSplit(
  cv: CrossValidated,
  cases: readonly EvalCase[],
  now: number,
  dialogue: Parsed['dialogue'],
): ForwardSplit | undefined {
  if (!cv.forward || cv.forward.test.length === 0) return undefined;
  const { engine, test } = cv.forward;
  const subset = test.flatMap((i) => (cases[i] ? [cases[i]] : []));
  const first = evaluateCases(subset, (c) => engine.diagnose(c.text, { now }).outcome, {
    knownCauses: cv.causeIds,
  });
  const played =
    dialogue && cv.knowledge ? runDialogueEval(engine, cv.knowledge, subset, now, dialogue) : undefined;
  return {
    n: subset.length,
    top1: first.top1,
    top3: first.top3,
    ...(played ? { dialogue: { rightCause: played.rightCause, meanQuestions: played.meanQuestions } } : {}),
  };
}

function formatForward(f: ForwardSplit): string {
  const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
  const parts = [`${f.n} cases, top-1 ${pct(f.top1)}, top-3 ${pct(f.top3)}`];
  if (f.dialogue)
    parts.push(
      `dialogue ${pct(f.dialogue.rightCause)} after ${f.dialogue.meanQuestions.toFixed(2)} questions`,
    );
  return `${FORWARD_LABEL}: ${parts.join('; ')}\n`;
}

type Parsed = { file: string; json: boolean; misses: boolean; knowledge?: string; now?: number } & {
  cv: boolean;
  handTuned: boolean;
  regression: string[];
} & {
  minTop1?: number;
  minTop3?: number;
  dialogue?: { maxQuestions?: number };
};

function parseFraction(name: string, value: string | undefined, problems: string[]): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0 || n > 1) {
    problems.push(`--${name} must be a fraction between 0 and 1, e.g. 0.85 (got "${value}")`);
    return undefined;
  }
  return n;
}

function parseNow(value: string | undefined, problems: string[]): number | undefined {
  if (value === undefined) return undefined;
  const n = /^\d+$/.test(value) ? Number(value) : Date.parse(value);
  if (!Number.isFinite(n)) {
    problems.push(`--now must be an ISO date or milliseconds since 1970 (got "${value}")`);
    return undefined;
  }
  return n;
}

function parseCommandLine(args: string[]): Parsed | { problems: string[] } | 'help' {
  // --regression may be given several times; the small parser keeps one value per flag.
  const regression: string[] = [];
  const rest: string[] = [];
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--regression' && args[i + 1] !== undefined) regression.push(args[++i]!);
    else rest.push(args[i]!);
  }
  const parsed = parseArgs(rest, {
    booleans: ['json', 'misses', 'help', 'cv', 'hand-tuned', 'dialogue'],
    values: ['knowledge', 'min-top1', 'min-top3', 'now', 'max-questions'],
  });
  if (parsed.flags.has('help')) return 'help';
  const problems = [...parsed.problems];
  if (parsed.positionals.length !== 1) problems.push('give exactly one FILE.jsonl');
  const minTop1 = parseFraction('min-top1', parsed.values.get('min-top1'), problems);
  const minTop3 = parseFraction('min-top3', parsed.values.get('min-top3'), problems);
  const now = parseNow(parsed.values.get('now'), problems);
  if (regression.length > 0 && !parsed.flags.has('cv')) problems.push('--regression only goes with --cv');
  if (parsed.flags.has('cv') && parsed.flags.has('hand-tuned'))
    problems.push('--cv trains the scorer; --hand-tuned does not use it: give one of them');
  const maxQuestions = parseMaxQuestions(parsed.values.get('max-questions'), problems);
  if (maxQuestions !== undefined && !parsed.flags.has('dialogue'))
    problems.push('--max-questions needs --dialogue');
  if (problems.length > 0) return { problems };
  return {
    cv: parsed.flags.has('cv'),
    handTuned: parsed.flags.has('hand-tuned'),
    regression,
    file: parsed.positionals[0]!,
    json: parsed.flags.has('json'),
    misses: parsed.flags.has('misses'),
    ...(parsed.values.has('knowledge') ? { knowledge: parsed.values.get('knowledge')! } : {}),
    ...(now !== undefined ? { now } : {}),
    ...(minTop1 !== undefined ? { minTop1 } : {}),
    ...(minTop3 !== undefined ? { minTop3 } : {}),
    ...(parsed.flags.has('dialogue') ? { dialogue: maxQuestions !== undefined ? { maxQuestions } : {} } : {}),
  };
}

function readCasesFile(path: string): string | { error: string } {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as { code?: string }).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : code;
    return { error: `cannot read ${path}: ${why ?? 'unreadable'}` };
  }
}

/** The floors the report falls below, as sentences; empty when it meets them all. */
export function floorFailures(report: EvalReport, floors: { minTop1?: number; minTop3?: number }): string[] {
  const failures: string[] = [];
  const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
  if (floors.minTop1 !== undefined && report.top1 < floors.minTop1)
    failures.push(`top-1 ${pct(report.top1)} is below the floor ${pct(floors.minTop1)}`);
  if (floors.minTop3 !== undefined && report.top3 < floors.minTop3)
    failures.push(`top-3 ${pct(report.top3)} is below the floor ${pct(floors.minTop3)}`);
  return failures;
}

/** Builds the `eval` command on the given engine source. */
export function createEvalCommand(deps: EvalCommandDeps): CliCommand {
  return async (args, io) => {
    const cli = parseCommandLine(args);
    if (cli === 'help') {
      io.stdout.write(EVAL_USAGE);
      return EXIT_OK;
    }
    if ('problems' in cli) {
      io.stderr.write(`keydoctor eval: ${cli.problems.join('; ')}\n${EVAL_USAGE}`);
      return EXIT_USAGE;
    }
    const path = resolve(io.cwd, cli.file);
    const text = readCasesFile(path);
    if (typeof text !== 'string') {
      io.stderr.write(`keydoctor eval: ${text.error}\n`);
      return EXIT_USAGE;
    }
    let cases: ReturnType<typeof parseEvalCases>;
    try {
      cases = parseEvalCases(text, cli.file);
    } catch (error) {
      if (!(error instanceof EvalCasesError)) throw error;
      io.stderr.write(`keydoctor eval: ${error.message}\n`);
      return EXIT_USAGE;
    }
    if (cases.length === 0) {
      io.stderr.write(`keydoctor eval: ${cli.file} holds no cases\n`);
      return EXIT_USAGE;
    }
    const now = cli.now ?? deps.now();
    const dir = deps.knowledgeDir(cli.knowledge, io);
    let report: EvalReport & {
      crossValidation?: { folds: number; groupedBy: 'repository'; forward?: ForwardSplit };
    };
    try {
      if (cli.cv) {
        if (!deps.crossValidate) {
          io.stderr.write('keydoctor eval: --cv is not available here\n');
          return EXIT_USAGE;
        }
        const cv = await deps.crossValidate(
          dir,
          cases,
          cli.regression.map((f) => resolve(io.cwd, f)),
          now,
        );
        if (cli.dialogue) {
          if (!cv.engineFor || !cv.knowledge) {
            io.stderr.write("keydoctor eval: --dialogue --cv needs the folds' engines\n");
            return EXIT_USAGE;
          }
          const dialogue = runDialogueEval(cv.engineFor, cv.knowledge, cases, now, cli.dialogue);
          const forward = forwardSplit(cv, cases, now, cli.dialogue);
          if (cli.json)
            io.stdout.write(`${JSON.stringify({ ...dialogue, ...(forward ? { forward } : {}) }, null, 2)}\n`);
          else {
            io.stdout.write(`cross-validated: ${cv.folds} folds grouped by repository\n`);
            io.stdout.write(formatDialogueReport(dialogue, { misses: cli.misses }));
            if (forward) io.stdout.write(formatForward(forward));
          }
          return EXIT_OK;
        }
        const forward = forwardSplit(cv, cases, now, undefined);
        report = {
          ...evaluateCases(cases, cv.diagnose, { knownCauses: cv.causeIds }),
          crossValidation: { folds: cv.folds, groupedBy: 'repository', ...(forward ? { forward } : {}) },
        };
      } else {
        const loaded = deps.loadEngine(dir, cli.handTuned ? { handTuned: true } : {});
        if (cli.dialogue) {
          if (!loaded.knowledge) {
            io.stderr.write('keydoctor eval: --dialogue needs the knowledge base of the engine\n');
            return EXIT_USAGE;
          }
          const dialogue = runDialogueEval(loaded.engine, loaded.knowledge, cases, now, cli.dialogue);
          if (cli.json) io.stdout.write(`${JSON.stringify(dialogue, null, 2)}\n`);
          else io.stdout.write(formatDialogueReport(dialogue, { misses: cli.misses }));
          return EXIT_OK;
        }
        report = runEval(loaded.engine, cases, now, { knownCauses: loaded.causeIds });
      }
    } catch (error) {
      if (error instanceof EvalCasesError) {
        io.stderr.write(`keydoctor eval: ${error.message}\n`);
        return EXIT_USAGE;
      }
      if (!deps.isKnowledgeError(error)) throw error;
      io.stderr.write(`keydoctor eval: the knowledge base is invalid:\n${error.message.trimEnd()}\n`);
      return EXIT_USAGE;
    }
    // The report holds no case texts, so --json cannot echo a key pasted in a case.
    if (cli.json) io.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    else {
      if (report.crossValidation)
        io.stdout.write(`cross-validated: ${report.crossValidation.folds} folds grouped by repository\n`);
      io.stdout.write(formatEvalReport(report, { misses: cli.misses }));
      if (report.crossValidation?.forward) io.stdout.write(formatForward(report.crossValidation.forward));
    }

    const failures = floorFailures(report, cli);
    if (failures.length > 0) {
      io.stderr.write(`keydoctor eval: ${failures.join('; ')}\n`);
      return EXIT_BELOW_FLOOR;
    }
    return EXIT_OK;
  };
}
