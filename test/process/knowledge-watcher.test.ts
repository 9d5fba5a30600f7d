import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type KnowledgeWatcher, watchKnowledge } from '../../src/process/knowledge-watcher.ts';

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

function tempKnowledge(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'kd-watch-'));
  mkdirSync(path.join(dir, 'causes'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

function watch(dir: string, onChange: () => void): KnowledgeWatcher {
  const watcher = watchKnowledge(dir, onChange, { debounceMs: 20 });
  cleanups.unshift(() => watcher.close());
  return watcher;
}

describe('watchKnowledge', () => {
  it('calls back after a file in a subfolder of the knowledge folder changes', async () => {
    const dir = tempKnowledge();
    let changes = 0;
    watch(dir, () => changes++);
    writeFileSync(path.join(dir, 'causes', 'new-cause.yaml'), 'id: new-cause\n');
    await expect.poll(() => changes, { timeout: 5_000 }).toBeGreaterThan(0);
  });

  it('calls back once for a burst of writes', async () => {
    const dir = tempKnowledge();
    let changes = 0;
    watch(dir, () => changes++);
    for (let i = 0; i < 5; i++) writeFileSync(path.join(dir, 'tree.yaml'), `root: q${i}\n`);
    await expect.poll(() => changes, { timeout: 5_000 }).toBe(1);
  });
});
