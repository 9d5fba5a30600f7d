/**
 * Faults issue 10 found: a full disk and a damaged database gave "something went wrong" with a
 * healthy /healthz, and on a full disk the console exited. Now: a clear log line, a polite reply,
 * a 503 from the store probe, and the bot keeps running.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { createConversationService } from '../../src/conversation/conversation-service.ts';
import { storeWriteProbe } from '../../src/http/store-probe.ts';
import { createLogger } from '../../src/log/logger.ts';
import { openRecovering } from '../../src/process/open-database-file.ts';
import type { StateStore } from '../../src/state/state-store.ts';
import { MemoryStateStore } from '../../src/state/memory-state.ts';
import { SqliteStateStore } from '../../src/state/sqlite-state.ts';
import { startConsoleHarness } from '../adapters/console/console-harness.ts';
import { realEngine } from '../contract/real-engine.ts';

const root = mkdtempSync(path.join(os.tmpdir(), 'kd-faults-'));
const mounts: string[] = [];
afterAll(() => {
  for (const m of mounts) execFileSync('umount', [m]);
  rmSync(root, { recursive: true, force: true });
});

/** Ten messages, as the platform run sent. */
const MESSAGES = 10;

function memoryLog() {
  const lines: string[] = [];
  const logger = createLogger({
    level: 'info',
    destination: new Writable({
      write(chunk: Buffer, _e, done) {
        lines.push(chunk.toString('utf8'));
        done();
      },
    }),
  });
  return { logger, lines };
}

/**
 * A SQLite store on a full disk: a 512 KiB tmpfs filled up when this process may mount one (root),
 * otherwise a store whose saves fail with the error SQLite gives on a full disk.
 */
function fullDiskStore(): { store: StateStore; real: boolean } {
  const dir = path.join(root, 'full');
  mkdirSync(dir, { recursive: true });
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=512k', 'tmpfs', dir], { stdio: 'ignore' });
    mounts.push(dir);
  } catch {
    const store = new MemoryStateStore();
    const full = () =>
      Promise.reject(Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' }));
    store.set = full;
    store.setIfLockHeld = full;
    return { store, real: false };
  }
  const store = new SqliteStateStore({ file: path.join(dir, 'keydoctor.sqlite'), sweepIntervalMs: 0 });
  // fill what is left of the disk
  try {
    for (let i = 0; i < 1_000; i++) writeFileSync(path.join(dir, `filler-${i}`), Buffer.alloc(16 * 1024, 1));
  } catch {
    // ENOSPC: the disk is full
  }
  return { store, real: true };
}

describe('a full disk', () => {
  it(`GIVEN a store on a full disk THEN ${MESSAGES} of ${MESSAGES} messages get the polite storage reply and one clear log line each, and /healthz's probe fails`, async () => {
    const { store } = fullDiskStore();
    const { logger, lines } = memoryLog();
    const engine = realEngine();
    const service = createConversationService({ engine: () => engine, store, ttlMs: 3_600_000, logger });
    for (let i = 0; i < MESSAGES; i++) {
      const out = await service.handle({
        key: { platform: 'slack', workspace: 'T1', channel: `C${i}`, thread: '1.0' },
        user: { id: `U${i}` },
        input: {
          type: 'message',
          text: `401 Unauthorized with a long message that needs saving ${'x'.repeat(20_000)}`,
        },
      });
      expect(out.reply.heading).toBe('I cannot save conversations right now');
    }
    const faults = lines.filter((l) => l.includes('the conversation store cannot save'));
    expect(faults).toHaveLength(MESSAGES);
    expect(faults[0]).toMatch(/"code":"SQLITE_FULL"/);
    await expect(storeWriteProbe(store)()).rejects.toThrow();
    await store.close().catch(() => undefined);
  });

  it('GIVEN a log file on a full device THEN logging does not throw and stderr is told once', () => {
    const told = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      const logger = createLogger({ level: 'info', destination: { file: '/dev/full' } });
      expect(() => {
        logger.error('first');
        logger.error('second');
      }).not.toThrow();
      expect(told.mock.calls.filter(([s]) => String(s).includes('cannot write the log'))).toHaveLength(1);
    } finally {
      told.mockRestore();
    }
  });

  it('GIVEN the console on a store that cannot save THEN it answers politely and keeps running', async () => {
    const store = new MemoryStateStore();
    const full = () => Promise.reject(Object.assign(new Error('disk full'), { code: 'SQLITE_FULL' }));
    store.set = full;
    store.setIfLockHeld = full;
    const engine = realEngine();
    const service = createConversationService({ engine: () => engine, store, ttlMs: 3_600_000 });
    const console = await startConsoleHarness(service);
    await console.say('401 from the API');
    await console.say('still 401');
    expect(console.exited()).toBe(false);
    expect(console.messages()).toHaveLength(2);
    expect(console.messages()[1]?.text).toContain('cannot save conversations right now');
    await console.close();
  });
});

describe('a damaged database', () => {
  it('GIVEN a scrambled database file at start-up THEN it is moved aside, a fresh one starts and one clear line is logged', async () => {
    const dir = path.join(root, 'damaged');
    mkdirSync(dir, { recursive: true });
    const file = path.join(dir, 'keydoctor.sqlite');
    writeFileSync(file, Buffer.from('this is not a database, just scrambled bytes '.repeat(200)));
    const { logger, lines } = memoryLog();
    const store = await openRecovering(
      file,
      () => new SqliteStateStore({ file, sweepIntervalMs: 0 }),
      logger,
    );
    await expect(storeWriteProbe(store)()).resolves.toBeUndefined();
    expect(readdirSync(dir).some((f) => f.startsWith('keydoctor.sqlite.damaged-'))).toBe(true);
    expect(lines.filter((l) => l.includes('the database file is damaged'))).toHaveLength(1);
    await store.close();
  });

  it('GIVEN a scrambled database file THEN opening it without recovery fails with a storage code', () => {
    const dir = path.join(root, 'damaged-2');
    mkdirSync(dir, { recursive: true });
    const file = path.join(dir, 'keydoctor.sqlite');
    writeFileSync(file, Buffer.alloc(8192, 0x5a));
    expect(() => new SqliteStateStore({ file, sweepIntervalMs: 0 })).toThrow(
      expect.objectContaining({ code: 'SQLITE_NOTADB' }),
    );
  });
});
