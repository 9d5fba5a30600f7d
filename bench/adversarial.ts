/**
 * Worst-case inputs within the caps (the HTTP API's 20,000 characters): repeated header fragments,
 * almost-tokens, Unicode noise, and for every credential pattern that backtracks super-linearly the
 * input a ReDoS checker built to make it backtrack most (redos-attacks.json). Each one is timed end
 * to end as a message costs: the length cap (which scans the whole text for credentials first), then
 * the engine.
 */
import type { Engine } from '../src/engine/types.ts';
import { MAX_TEXT_CHARS } from '../src/http/diagnose-api.ts';
import { capHeadAndTail } from '../src/redaction/cap.ts';
import { attackInputs } from './redos-attacks.ts';

/** Measured calls per input (after one warm-up): enough for a p99 per input. */
const CALLS = 40;
/** Fewer for the recorded attacks, which are many and each slower: the worst of ten. */
const ATTACK_CALLS = 10;

const FRAGMENTS = [
  'eyJ',
  'eyJa.',
  'Authorization: ',
  'Authorization: Bearer ',
  'authorization="',
  '"authorization": "',
  'Authorization: Bearer sk-',
  'x-api-key: ',
  'curl -u ',
  '?key=',
  'Cookie: a=b; ',
  'token=',
  'key: x ',
  'auth=(',
  'requests.get(',
  '-----BEGIN PRIVATE KEY-----',
  'x://u:',
  'sk-',
  '\u0455k-',
  'a.',
  'aB1/',
  'aB1cD2eF3g\n',
  '%41',
  '\u00A0',
  'a\u200B',
  'Bearer eyJ.eyJ.',
  'AKIA',
  '\\n',
  'x',
];

/** Each fragment repeated to the cap. */
export function adversarialInputs(length = MAX_TEXT_CHARS): { name: string; text: string }[] {
  return FRAGMENTS.map((f) => ({
    name: JSON.stringify(f),
    text: f.repeat(Math.ceil(length / f.length)).slice(0, length),
  }));
}

/** The p99 of each input's own calls, worst first: the slowest input sets `worstP99Ms`. */
export function measureAdversarial(
  engine: Engine,
  maxMessageChars: number,
): { worstP99Ms: number; worstInput: string; perInput: { name: string; p99Ms: number }[] } {
  const inputs = [
    ...adversarialInputs().map((input) => ({ ...input, calls: CALLS })),
    ...attackInputs().map((input) => ({ ...input, calls: ATTACK_CALLS })),
  ];
  const perInput = inputs.map(({ name, text, calls }) => {
    const times: number[] = [];
    for (let i = 0; i <= calls; i++) {
      const start = performance.now();
      engine.diagnose(capHeadAndTail(text, maxMessageChars), { now: Date.UTC(2026, 0, 15) });
      if (i > 0) times.push(performance.now() - start);
    }
    times.sort((a, b) => a - b);
    return { name, p99Ms: times[Math.ceil(0.99 * times.length) - 1] ?? 0 };
  });
  perInput.sort((a, b) => b.p99Ms - a.p99Ms);
  return { worstP99Ms: perInput[0]?.p99Ms ?? 0, worstInput: perInput[0]?.name ?? '', perInput };
}
