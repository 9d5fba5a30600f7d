/**
 * `npm run bench` (table) or `npm run bench -- --json` (one JSON object): time to load and validate
 * the shipped knowledge base (with its learned scorer, model/scorer.json), p50/p99 of one diagnose()
 * on it, p99 on a synthetic knowledge base ten times larger, the worst p99 over adversarial inputs
 * within the caps (`worstP99Ms`), a full service turn (lock, load, step, save) with 50 conversations
 * at once on SQLite and on a loopback Redis, and peak memory. Goals: p99 < 2 ms shipped, < 10 ms at
 * 10x, worst case < 50 ms, at least 500 turns/s on each store.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { createEngine } from '../src/engine/index.ts';
import { MAX_TEXT_CHARS } from '../src/http/diagnose-api.ts';
import { MODEL_PATH } from '../src/engine/model/scorer-model.ts';
import type { Engine } from '../src/engine/types.ts';
import { DEFAULT_KNOWLEDGE_DIR } from '../src/knowledge/default-dir.ts';
import { buildKnowledge, loadKnowledge } from '../src/knowledge/load.ts';
import { readKnowledgeDir } from '../src/knowledge/read-dir.ts';
import { SNAPSHOT_PATH } from '../src/knowledge/yaml-snapshot.ts';
import { measureAdversarial } from './adversarial.ts';
import { tenfoldFiles } from './tenfold.ts';
import { benchTurns, CONVERSATIONS } from './turns.ts';

/** Passes over the input set (the first warms the JIT and is not measured). */
const PASSES = 8;
const LOADS = 5;
const CASES_FILE = path.join(import.meta.dirname, '..', 'test', 'eval', 'cases.jsonl');

const SAMPLES = [
  'Authorization: sk-proj-xxxx gives 401',
  'it worked yesterday and now I get 401 Incorrect API key provided',
  'works locally but fails in docker compose with 401',
  'Access to fetch has been blocked by CORS policy: Response to preflight request does not pass',
  'The request signature we calculated does not match the signature you provided',
  'You exceeded your current quota, please check your plan and billing details',
  '403 Resource not accessible by integration from GitHub Actions',
  'RefererNotAllowedMapError on localhost with my Google Maps key',
  'Authorization: Bearer undefined',
  'my token expired after an hour, invalid_token',
  'hello',
];

function now(): number {
  return performance.now();
}

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1));
  return sorted[i] ?? 0;
}

function inputs(): string[] {
  if (!existsSync(CASES_FILE)) return SAMPLES;
  const texts = readFileSync(CASES_FILE, 'utf8')
    .split('\n')
    .filter((l) => l.trim() && !l.trim().startsWith('//'))
    .flatMap((l) => {
      try {
        const v = JSON.parse(l) as { text?: unknown };
        return typeof v.text === 'string' ? [v.text] : [];
      } catch {
        return [];
      }
    });
  return texts.length > 0 ? [...texts, ...SAMPLES] : SAMPLES;
}

interface Timing {
  /** per input, the median wall time of its calls, sorted: the figure the goals are checked on */
  perInput: number[];
  /** every measured call, sorted: includes pauses from other processes on a busy machine */
  raw: number[];
  /** the unmeasured first pass, sorted: each input seen for the first time (cold caches, cold JIT) */
  firstSight: number[];
}

/**
 * Times diagnose() over the texts: one unmeasured warm-up pass, then PASSES - 1 measured passes.
 * Each input's median over the passes removes pauses caused by other processes (a loaded CI box
 * or laptop), while an input that is slow every time still shows up in the p99.
 */
function measure(engine: Engine, texts: readonly string[]): Timing {
  const samples: number[][] = texts.map(() => []);
  const firstSight: number[] = [];
  const ctx = { now: Date.UTC(2026, 0, 15) };
  for (let pass = 0; pass < PASSES; pass++) {
    texts.forEach((t, i) => {
      const start = now();
      engine.diagnose(t, ctx);
      if (pass > 0) samples[i]?.push(now() - start);
      else firstSight.push(now() - start);
    });
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
  return {
    perInput: samples.map(median).sort((a, b) => a - b),
    raw: samples.flat().sort((a, b) => a - b),
    firstSight: firstSight.sort((a, b) => a - b),
  };
}

/** The turn throughput goal per process, on each store. */
const TURNS_PER_SEC_GOAL = 500;

async function main(): Promise<void> {
  const json = process.argv.includes('--json');
  const loadTimes: number[] = [];
  // The first load is what start-up pays (cold caches, code not yet optimised); later ones are warm.
  const coldStart = now();
  let knowledge = loadKnowledge(DEFAULT_KNOWLEDGE_DIR);
  const coldLoadMs = now() - coldStart;
  for (let i = 0; i < LOADS; i++) {
    const start = now();
    knowledge = loadKnowledge(DEFAULT_KNOWLEDGE_DIR);
    loadTimes.push(now() - start);
  }
  loadTimes.sort((a, b) => a - b);
  // The same folder without its parsed YAML snapshot: what a KNOWLEDGE_DIR without one pays.
  const { files } = readKnowledgeDir(DEFAULT_KNOWLEDGE_DIR);
  const yamlOnly = files.filter((f) => f.path !== SNAPSHOT_PATH);
  const yamlLoadTimes: number[] = [];
  for (let i = 0; i < LOADS; i++) {
    const start = now();
    buildKnowledge(yamlOnly, DEFAULT_KNOWLEDGE_DIR);
    yamlLoadTimes.push(now() - start);
  }
  yamlLoadTimes.sort((a, b) => a - b);
  const buildStart = now();
  const engine = createEngine(knowledge);
  const buildMs = now() - buildStart;
  const texts = inputs();
  const times = measure(engine, texts);
  // The service turns run before the 10x base is built: its hundreds of MB on the heap would slow
  // every collection and be counted as the store's cost.
  const turns = await benchTurns(engine, texts);

  // The shipped model goes with the 10x base (its causes keep their ids in the first copy), so the
  // learned scorer is timed there too and its validation against ten times the causes is included.
  const modelFile = path.join(DEFAULT_KNOWLEDGE_DIR, MODEL_PATH);
  const modelFiles = existsSync(modelFile)
    ? [{ path: MODEL_PATH, text: readFileSync(modelFile, 'utf8') }]
    : [];
  const tenfold = buildKnowledge([...tenfoldFiles(DEFAULT_KNOWLEDGE_DIR), ...modelFiles], '<bench 10x>');
  const tenfoldEngine = createEngine(tenfold);
  const tenfoldTimes = measure(tenfoldEngine, texts);

  // The HTTP API takes 20,000 characters: the whole text is scanned, the engine reads the cap.
  const adversarial = measureAdversarial(engine, MAX_TEXT_CHARS);

  const round = (n: number) => Math.round(n * 1000) / 1000;
  const result = {
    turnP50MsSqlite: round(turns.sqlite.dialogue.p50Ms),
    turnP99MsSqlite: round(turns.sqlite.dialogue.p99Ms),
    turnsPerSecSqlite: Math.round(turns.sqlite.dialogue.turnsPerSec),
    turnP50MsRedis: round(turns.redis.dialogue.p50Ms),
    turnP99MsRedis: round(turns.redis.dialogue.p99Ms),
    turnsPerSecRedis: Math.round(turns.redis.dialogue.turnsPerSec),
    turnsPerSecSqliteReports: Math.round(turns.sqlite.reports.turnsPerSec),
    turnsPerSecRedisReports: Math.round(turns.redis.reports.turnsPerSec),
    storeOverheadP50MsRedis: round(turns.storeOverheadP50MsRedis),
    p50Ms: round(percentile(times.perInput, 0.5)),
    p99Ms: round(percentile(times.perInput, 0.99)),
    p99TenfoldMs: round(percentile(tenfoldTimes.perInput, 0.99)),
    worstP99Ms: round(adversarial.worstP99Ms),
    loadMs: round(coldLoadMs),
    peakRssMb: round(process.resourceUsage().maxRSS / 1024),
  };
  if (json) {
    process.stdout.write(`${JSON.stringify(result)}\n`);
    return;
  }
  const rows: [string, string, string][] = [
    [
      `knowledge + model load + validate (first, cold${knowledge.model ? '' : '; NO MODEL'})`,
      `${result.loadMs.toFixed(2)} ms`,
      result.loadMs < 300 ? 'goal < 300 ms: met' : 'goal < 300 ms: MISSED',
    ],
    ['knowledge load + validate (warm median)', `${round(percentile(loadTimes, 0.5)).toFixed(2)} ms`, ''],
    [
      `  the same with the YAML parsed (no ${SNAPSHOT_PATH}; files read already)`,
      `${round(percentile(yamlLoadTimes, 0.5)).toFixed(2)} ms`,
      '',
    ],
    ['engine index build', `${buildMs.toFixed(2)} ms`, ''],
    [
      `diagnose p50 (${knowledge.causes.size} causes, ${texts.length} inputs)`,
      `${result.p50Ms.toFixed(3)} ms`,
      '',
    ],
    [
      'diagnose p99',
      `${result.p99Ms.toFixed(3)} ms`,
      result.p99Ms < 2 ? 'goal < 2 ms: met' : 'goal < 2 ms: MISSED',
    ],
    [
      'diagnose p99 of all calls (wall clock, incl. pauses)',
      `${round(percentile(times.raw, 0.99)).toFixed(3)} ms`,
      '',
    ],
    [
      'diagnose p99 on first sight (cold caches and JIT)',
      `${round(percentile(times.firstSight, 0.99)).toFixed(3)} ms`,
      '',
    ],
    [
      `diagnose p50 at 10x (${tenfold.causes.size} causes)`,
      `${round(percentile(tenfoldTimes.perInput, 0.5)).toFixed(3)} ms`,
      '',
    ],
    [
      'diagnose p99 at 10x',
      `${result.p99TenfoldMs.toFixed(3)} ms`,
      result.p99TenfoldMs < 10 ? 'goal < 10 ms: met' : 'goal < 10 ms: MISSED',
    ],
    ['diagnose p99 of all calls at 10x', `${round(percentile(tenfoldTimes.raw, 0.99)).toFixed(3)} ms`, ''],
    [
      `adversarial inputs p99, worst of ${adversarial.perInput.length} (${adversarial.worstInput} x ${MAX_TEXT_CHARS} chars)`,
      `${result.worstP99Ms.toFixed(3)} ms`,
      result.worstP99Ms < 50 ? 'goal < 50 ms: met' : 'goal < 50 ms: MISSED',
    ],
    [
      `service turn p50, SQLite (${CONVERSATIONS} dialogues at once)`,
      `${result.turnP50MsSqlite.toFixed(3)} ms`,
      '',
    ],
    ['service turn p99, SQLite', `${result.turnP99MsSqlite.toFixed(3)} ms`, ''],
    [
      'service turns per second, SQLite',
      `${result.turnsPerSecSqlite}`,
      result.turnsPerSecSqlite >= TURNS_PER_SEC_GOAL
        ? `goal >= ${TURNS_PER_SEC_GOAL}: met`
        : `goal >= ${TURNS_PER_SEC_GOAL}: MISSED`,
    ],
    [`service turn p50, Redis (loopback)`, `${result.turnP50MsRedis.toFixed(3)} ms`, ''],
    ['service turn p99, Redis', `${result.turnP99MsRedis.toFixed(3)} ms`, ''],
    [
      'service turns per second, Redis',
      `${result.turnsPerSecRedis}`,
      result.turnsPerSecRedis >= TURNS_PER_SEC_GOAL
        ? `goal >= ${TURNS_PER_SEC_GOAL}: met`
        : `goal >= ${TURNS_PER_SEC_GOAL}: MISSED`,
    ],
    [
      'service turns per second, a new report every turn (stress), SQLite / Redis',
      `${result.turnsPerSecSqliteReports} / ${result.turnsPerSecRedisReports}`,
      '',
    ],
    [
      'lock + Redis round trips of one turn, p50 (no engine work)',
      `${result.storeOverheadP50MsRedis.toFixed(3)} ms`,
      result.storeOverheadP50MsRedis < 1 ? 'goal < 1 ms: met' : 'goal < 1 ms: MISSED',
    ],
    ['peak RSS', `${result.peakRssMb.toFixed(1)} MB`, ''],
  ];
  const w = Math.max(...rows.map((r) => r[0].length));
  process.stdout.write("keydoctor bench (p50/p99 over inputs of each input's median time)\n");
  for (const [name, value, note] of rows)
    process.stdout.write(`  ${name.padEnd(w)}  ${value.padStart(11)}  ${note}\n`);
}

await main();
