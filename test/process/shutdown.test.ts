import { EventEmitter } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import type { Adapter } from '../../src/adapters/adapter.ts';
import { createConversationService } from '../../src/conversation/conversation-service.ts';
import { createShutdown, onShutdownSignals } from '../../src/process/shutdown.ts';
import type { ConversationKey } from '../../src/state/conversation-store.ts';
import { loadConversation } from '../../src/state/conversations.ts';
import { SqliteStateStore } from '../../src/state/sqlite-state.ts';
import { createScriptedEngine } from '../conversation/scripted-engine.ts';

const silent = pino({ level: 'silent' });
const KEY: ConversationKey = { platform: 'slack', workspace: 'T1', channel: 'C1', thread: '1.0' };
const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function fakeAdapter(name: string, log: string[]): Adapter {
  return {
    name,
    start: async () => undefined,
    stop: async () => {
      log.push(`stop ${name}`);
    },
    isReady: () => true,
  };
}

/** A store whose first save waits until the test opens the gate: a message caught in flight. */
function gatedStore(file: string) {
  const store = new SqliteStateStore({ file, sweepIntervalMs: 0 });
  let open!: () => void;
  const gate = new Promise<void>((resolve) => {
    open = resolve;
  });
  const originalSet = store.setIfLockHeld.bind(store);
  store.setIfLockHeld = async (...args) => {
    await gate;
    return originalSet(...args);
  };
  return { store, open };
}

describe('graceful shutdown', () => {
  it('lets an in-flight message finish and be saved before the store closes', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'kd-shutdown-'));
    dirs.push(dir);
    const file = path.join(dir, 'keydoctor.sqlite');
    const { store, open } = gatedStore(file);
    const engine = createScriptedEngine();
    const service = createConversationService({ engine: () => engine, store, ttlMs: 60_000, clock: () => 1 });
    const exits: number[] = [];
    const shutdown = createShutdown({
      adapters: [],
      drain: service.drain,
      closers: [{ name: 'store', close: () => store.close() }],
      logger: silent,
      exit: (code) => exits.push(code),
    });

    const inFlight = service.handle({
      key: KEY,
      user: { id: 'U1' },
      input: { type: 'message', text: 'a 401' },
    });
    const done = shutdown.shutdown('SIGTERM');
    await new Promise((resolve) => setImmediate(resolve));
    expect(exits).toEqual([]);
    open();
    await done;

    expect((await inFlight).reply.kind).toBe('question');
    expect(exits).toEqual([0]);
    const reopened = new SqliteStateStore({ file, sweepIntervalMs: 0 });
    expect((await loadConversation(reopened, KEY))?.transcript).toEqual(['a 401']);
    await reopened.close();
  });

  it('stops the adapters first, then drains, then closes the parts in order', async () => {
    const log: string[] = [];
    const shutdown = createShutdown({
      adapters: [fakeAdapter('slack', log), fakeAdapter('discord', log)],
      drain: async () => {
        log.push('drain');
      },
      closers: [
        { name: 'ops', close: () => void log.push('close ops') },
        { name: 'store', close: async () => void log.push('close store') },
      ],
      logger: silent,
      exit: (code) => log.push(`exit ${code}`),
    });
    await shutdown.shutdown('SIGTERM');
    expect(log).toEqual(['stop slack', 'stop discord', 'drain', 'close ops', 'close store', 'exit 0']);
  });

  it('still closes the store when an earlier part fails, and exits 1', async () => {
    const log: string[] = [];
    const shutdown = createShutdown({
      adapters: [],
      drain: async () => undefined,
      closers: [
        {
          name: 'ops',
          close: () => {
            throw new Error('already closed');
          },
        },
        { name: 'store', close: () => void log.push('close store') },
      ],
      logger: silent,
      exit: (code) => log.push(`exit ${code}`),
    });
    await shutdown.shutdown('SIGTERM');
    expect(log).toEqual(['close store', 'exit 1']);
  });

  /** A shutdown whose drain never ends, and the exit codes it asked for. */
  function hangingShutdown(timeoutMs?: number) {
    const exits: number[] = [];
    const shutdown = createShutdown({
      adapters: [],
      drain: () => new Promise<void>(() => undefined),
      closers: [],
      logger: silent,
      exit: (code) => exits.push(code),
      ...(timeoutMs === undefined ? {} : { timeoutMs }),
    });
    return { shutdown, exits };
  }

  it('forces the exit on a second signal while the first shutdown is still running', async () => {
    const { shutdown, exits } = hangingShutdown();
    void shutdown.shutdown('SIGINT');
    void shutdown.shutdown('SIGINT');
    expect(exits).toEqual([1]);
  });

  it('forces the exit when the shutdown hangs past its time limit', async () => {
    const { shutdown, exits } = hangingShutdown(10);
    void shutdown.shutdown('SIGTERM');
    await expect.poll(() => exits).toEqual([1]);
  });

  it('starts on SIGTERM and on SIGINT', async () => {
    for (const signal of ['SIGTERM', 'SIGINT']) {
      const target = new EventEmitter();
      const exits: number[] = [];
      const shutdown = createShutdown({
        adapters: [],
        drain: async () => undefined,
        closers: [],
        logger: silent,
        exit: (c) => exits.push(c),
      });
      onShutdownSignals(shutdown, target);
      target.emit(signal);
      await expect.poll(() => exits).toEqual([0]);
    }
  });
});
