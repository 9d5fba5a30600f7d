import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach } from 'vitest';
import { type KnowledgeFixture, toFiles } from './fixtures.ts';

const created: string[] = [];

afterEach(() => {
  for (const dir of created.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

/** Writes a fixture into a fresh temporary folder (removed after the test) and returns its path. */
export function writeFixtureDir(fixture: KnowledgeFixture): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'keydoctor-kb-'));
  created.push(dir);
  for (const file of toFiles(fixture)) {
    const target = path.join(dir, file.path);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, file.text);
  }
  return dir;
}

/** A fresh empty temporary folder, removed after the test. */
export function emptyTempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'keydoctor-kb-empty-'));
  created.push(dir);
  return dir;
}
