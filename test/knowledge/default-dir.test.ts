import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_KNOWLEDGE_DIR } from '../../src/knowledge/default-dir.ts';

describe('DEFAULT_KNOWLEDGE_DIR', () => {
  it('is the absolute path of the knowledge folder at the repo root', () => {
    const repoRoot = path.resolve(import.meta.dirname, '..', '..');
    expect(path.isAbsolute(DEFAULT_KNOWLEDGE_DIR)).toBe(true);
    expect(DEFAULT_KNOWLEDGE_DIR).toBe(path.join(repoRoot, 'knowledge'));
    expect(fs.statSync(DEFAULT_KNOWLEDGE_DIR).isDirectory()).toBe(true);
  });
});
