import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ENGINE_DIR = path.resolve(import.meta.dirname, '../../src/engine');
const FORBIDDEN =
  /from\s+['"](?:discord\.js|@slack\/bolt|@slack\/[a-z-]+|pino|node:fs|fs|node:net|node:http|node:https|better-sqlite3)['"]/;

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(path.join(dir, e.name)) : e.name.endsWith('.ts') ? [path.join(dir, e.name)] : [],
  );
}

describe('engine purity', () => {
  for (const file of files(ENGINE_DIR)) {
    const name = path.relative(ENGINE_DIR, file);
    it(`${name} imports no platform SDK, logger or I/O module`, () => {
      expect(readFileSync(file, 'utf8')).not.toMatch(FORBIDDEN);
    });

    it(`${name} does not read the clock`, () => {
      expect(readFileSync(file, 'utf8')).not.toMatch(/Date\.now\(|new Date\(\)|performance\.now\(/);
    });
  }
});
