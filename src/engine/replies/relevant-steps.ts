/** Picks the fix steps that fit what was detected, so a Vercel user is not told about PM2. */
import type { FixStep } from '../../knowledge/schema.ts';
import type { Evidence } from '../types.ts';

const RUNTIME_PREFIX = 'runtime:';
/**
 * "In production" or "on localhost" says where, not on what: a production server may well run
 * Docker or CI, so these alone must not hide the Docker or GitHub Actions steps.
 */
const VAGUE_RUNTIMES = new Set(['deployed', 'localhost', 'server-code']);

/** The runtimes named by `runtime:*` signals in the evidence, without the prefix. */
function detectedRuntimes(evidence: Evidence): Set<string> {
  return new Set(
    evidence.signals
      .map((s) => s.signal as string)
      .filter((s) => s.startsWith(RUNTIME_PREFIX))
      .map((s) => s.slice(RUNTIME_PREFIX.length))
      .filter((r) => !VAGUE_RUNTIMES.has(r)),
  );
}

/** A tag list passes when it is absent, when nothing of its kind was detected, or when it names a detected one. */
function fits(tags: readonly string[] | undefined, detected: ReadonlySet<string>): boolean {
  if (tags === undefined || tags.length === 0 || detected.size === 0) return true;
  return tags.some((t) => detected.has(t));
}

/**
 * A tool's step passes only when that tool was detected: most people use none of them, and a step
 * about the GitHub CLI or a Docker image tells someone calling a REST API from their code nothing.
 */
function fitsTools(tags: readonly string[] | undefined, detected: ReadonlySet<string>): boolean {
  return tags === undefined || tags.length === 0 || tags.some((t) => detected.has(t));
}

/**
 * The steps of a cause that apply to the detected providers and runtimes. Never empty when the
 * cause has steps: if every step would be left out, the tags are probably too narrow, and all
 * steps are more useful than none.
 */
export function relevantSteps(steps: readonly FixStep[], evidence: Evidence): FixStep[] {
  const providers = new Set(evidence.providers);
  const runtimes = detectedRuntimes(evidence);
  const tools = new Set(evidence.tools ?? []);
  const kept = steps.filter(
    (s) => fits(s.providers, providers) && fits(s.runtimes, runtimes) && fitsTools(s.tools, tools),
  );
  return kept.length > 0 ? kept : [...steps];
}
