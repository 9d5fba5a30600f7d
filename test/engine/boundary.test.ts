import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC_DIR = path.resolve(import.meta.dirname, '../../src');
/** The engine and the redaction it relies on are pure: no I/O, no clock, no platform. */
const PURE_DIRS = ['engine', 'redaction'];
const FORBIDDEN =
  /from\s+['"](?:discord\.js|@slack\/bolt|@slack\/[a-z-]+|pino|node:fs|fs|node:net|node:http|node:https|better-sqlite3)['"]/;

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(path.join(dir, e.name)) : e.name.endsWith('.ts') ? [path.join(dir, e.name)] : [],
  );
}

describe('engine purity', () => {
  for (const file of PURE_DIRS.flatMap((d) => files(path.join(SRC_DIR, d)))) {
    const name = path.relative(SRC_DIR, file);
    it(`${name} imports no platform SDK, logger or I/O module`, () => {
      expect(readFileSync(file, 'utf8')).not.toMatch(FORBIDDEN);
    });

    it(`${name} imports nothing outside the engine, redaction and knowledge types`, () => {
      const relative = [...readFileSync(file, 'utf8').matchAll(/from\s+'(\.[^']+)'/g)].map((m) =>
        path.relative(SRC_DIR, path.resolve(path.dirname(file), m[1] ?? '')),
      );
      expect(relative.filter((r) => !/^(?:engine|redaction|knowledge)\//.test(r))).toEqual([]);
    });

    it(`${name} does not read the clock`, () => {
      expect(readFileSync(file, 'utf8')).not.toMatch(/Date\.now\(|new Date\(\)|performance\.now\(/);
    });
  }
});
