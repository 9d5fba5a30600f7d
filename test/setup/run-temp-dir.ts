/**
 * Global setup: every test run gets its own temporary folder (TMPDIR for the test processes and
 * whatever they spawn), removed when the run ends, so no run leaves anything in the system's
 * temp dir even when a test forgets to clean up. Leftovers are named on stderr so they get fixed.
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export default function setup(): () => void {
  const previous = process.env.TMPDIR;
  const dir = mkdtempSync(join(tmpdir(), 'keydoctor-test-run-'));
  process.env.TMPDIR = dir;
  return () => {
    // tsx keeps its compile cache in TMPDIR (tsx-<uid>): a tool cache, not something a test made.
    const left = readdirSync(dir).filter((name) => !name.startsWith('tsx-'));
    if (left.length > 0)
      process.stderr.write(`test run left in its temp dir (removed now): ${left.join(', ')}\n`);
    rmSync(dir, { recursive: true, force: true });
    if (previous === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = previous;
  };
}
