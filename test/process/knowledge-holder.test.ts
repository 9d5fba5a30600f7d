import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { createEngine } from '../../src/engine/index.ts';
import type { Engine } from '../../src/engine/types.ts';
import { DEFAULT_KNOWLEDGE_DIR } from '../../src/knowledge/default-dir.ts';
import { loadKnowledge } from '../../src/knowledge/load.ts';
import type { Knowledge } from '../../src/knowledge/schema.ts';
import { createKnowledgeHolder, type ReloadResult } from '../../src/process/knowledge-holder.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A private copy of the shipped knowledge base that a test may break. */
function knowledgeCopy(): string {
  const dir = path.join(mkdtempSync(path.join(tmpdir(), 'kd-kb-')), 'knowledge');
  dirs.push(path.dirname(dir));
  cpSync(DEFAULT_KNOWLEDGE_DIR, dir, { recursive: true });
  return dir;
}

function capturingLogger() {
  const lines: string[] = [];
  const logger = pino(
    { level: 'info' },
    new Writable({
      write(chunk, _enc, done) {
        lines.push(String(chunk));
        done();
      },
    }),
  );
  return { logger, lines };
}

/** Engines tagged with the knowledge they were built from, so a test can tell them apart. */
const taggedEngine = (knowledge: Knowledge) => ({ knowledge }) as unknown as Engine;

/** A holder over `dir` with tagged engines and a logger whose lines the test can read. */
function holderFor(dir: string) {
  const { logger, lines } = capturingLogger();
  const holder = createKnowledgeHolder({
    dir,
    initial: loadKnowledge(dir),
    load: loadKnowledge,
    createEngine: taggedEngine,
    logger,
  });
  return { holder, lines };
}

describe('knowledge reload', () => {
  it('swaps in a new engine when the edited knowledge base is valid', () => {
    const dir = knowledgeCopy();
    const { holder } = holderFor(dir);
    const before = holder.engine();
    expect(holder.reload()).toEqual({ ok: true, causes: holder.causes() });
    expect(holder.engine()).not.toBe(before);
  });

  it('refuses a broken edit and keeps the last good engine in service', () => {
    const dir = knowledgeCopy();
    const { holder } = holderFor(dir);
    const before = holder.engine();
    writeFileSync(path.join(dir, 'tree.yaml'), 'root: [unclosed\n');
    const result = holder.reload();
    expect(result.ok).toBe(false);
    expect(holder.engine()).toBe(before);
  });

  it('logs the refused edit with the same file:line message as kb check', () => {
    const dir = knowledgeCopy();
    const { holder, lines } = holderFor(dir);
    writeFileSync(path.join(dir, 'tree.yaml'), 'root: [unclosed\n');
    const result = holder.reload() as Extract<ReloadResult, { ok: false }>;
    expect(result.message).toMatch(/tree\.yaml:\d+/);
    const logged = lines.map((l) => JSON.parse(l)).find((l) => l.level === 50);
    expect(logged.msg).toContain('knowledge reload refused');
    expect(logged.issues).toBe(result.message);
  });

  it('takes the fixed knowledge base once the broken edit is repaired', () => {
    const dir = knowledgeCopy();
    const tree = readFileSync(path.join(dir, 'tree.yaml'), 'utf8');
    const { holder } = holderFor(dir);
    const before = holder.engine();
    writeFileSync(path.join(dir, 'tree.yaml'), 'root: [unclosed\n');
    holder.reload();
    writeFileSync(path.join(dir, 'tree.yaml'), tree);
    expect(holder.reload().ok).toBe(true);
    expect(holder.engine()).not.toBe(before);
  });

  it('reports each attempt to onReload', () => {
    const dir = knowledgeCopy();
    const seen: boolean[] = [];
    const holder = createKnowledgeHolder({
      dir,
      initial: loadKnowledge(dir),
      load: loadKnowledge,
      createEngine: taggedEngine,
      logger: pino({ level: 'silent' }),
      onReload: (r) => seen.push(r.ok),
    });
    holder.reload();
    rmSync(path.join(dir, 'tree.yaml'));
    holder.reload();
    expect(seen).toEqual([true, false]);
  });

  it('serves diagnoses from the last good real engine after a refused edit', () => {
    const dir = knowledgeCopy();
    const holder = createKnowledgeHolder({
      dir,
      initial: loadKnowledge(dir),
      load: loadKnowledge,
      createEngine,
      logger: pino({ level: 'silent' }),
    });
    writeFileSync(path.join(dir, 'tree.yaml'), 'root: [unclosed\n');
    holder.reload();
    const result = holder
      .engine()
      .step(
        undefined,
        { type: 'message', text: 'Authorization: Bearer undefined gives 401' },
        { now: Date.now() },
      );
    expect(['question', 'diagnosis']).toContain(result.reply.kind);
  });
});
