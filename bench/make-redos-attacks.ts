/**
 * Writes bench/redos-attacks.json: every credential pattern checked by recheck (a ReDoS checker that
 * analyses the pattern's automaton and fuzzes it), and for each one it finds super-linear the input
 * it builds to make the pattern backtrack most: a prefix, the parts to repeat, a suffix. `npm run
 * bench` repeats them to the HTTP API's 20,000 characters and times the whole pipeline on each, and
 * a test fails when a pattern was added or changed since its check. Run `npm run bench:attacks` after
 * changing a pattern: patterns already checked keep their entry, only new ones are checked (a few
 * seconds each).
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { checkSync } from 'recheck';
import { CREDENTIAL_PATTERNS } from '../src/redaction/credential-patterns.ts';
import { patternId, RECORDED_ATTACKS_FILE as OUT, type RecordedAttacks } from './redos-attacks.ts';

/** How long recheck may spend on one pattern. */
const CHECK_TIMEOUT_MS = 10_000;

const before: RecordedAttacks = existsSync(OUT)
  ? (JSON.parse(readFileSync(OUT, 'utf8')) as RecordedAttacks)
  : { checked: [], attacks: [] };
const known = new Set(before.checked);
const next: RecordedAttacks = { checked: [], attacks: [] };
let fresh = 0;
const started = Date.now();
for (const { regex } of CREDENTIAL_PATTERNS) {
  const id = patternId(regex);
  next.checked.push(id);
  if (known.has(id)) {
    next.attacks.push(...before.attacks.filter((a) => a.id === id));
    continue;
  }
  fresh++;
  const diagnostics = checkSync(regex.source, regex.flags, { timeout: CHECK_TIMEOUT_MS });
  if (diagnostics.status !== 'vulnerable') continue;
  const { complexity, attack } = diagnostics;
  next.attacks.push({
    id,
    pattern: regex.source.slice(0, 60),
    degree: complexity.type === 'polynomial' ? complexity.degree : null,
    prefix: attack.pumps.length > 0 ? '' : attack.string,
    pumps: attack.pumps.map(({ prefix, pump }) => ({ prefix, pump })),
    suffix: attack.suffix,
  });
}
writeFileSync(OUT, `${JSON.stringify(next, null, 2)}\n`);
process.stdout.write(
  `${fresh} of ${CREDENTIAL_PATTERNS.length} patterns checked anew, ${next.attacks.length} super-linear; ` +
    `${Math.round((Date.now() - started) / 1000)} s -> ${OUT}\n`,
);
