import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { createConversationService } from '../../src/conversation/conversation-service.ts';
import type { ConversationKey } from '../../src/state/conversation-store.ts';
import { MIGRATIONS } from '../../src/state/sqlite-db.ts';
import { conversationStateKey, loadConversation, saveConversation } from '../../src/state/conversations.ts';
import { SqliteStateStore } from '../../src/state/sqlite-state.ts';
import { createScriptedEngine, freshState } from '../conversation/scripted-engine.ts';

const run = promisify(execFile);
const here = path.dirname(fileURLToPath(import.meta.url));
const CONTINUE_SCRIPT = path.join(here, 'fixtures', 'continue-conversation.ts');
const KEY: ConversationKey = {
  platform: 'slack',
  workspace: 'T1',
  channel: 'C1',
  thread: '1700000000.000100',
};
const HOUR = 60 * 60_000;
const NOW = Date.UTC(2026, 10, 23, 9, 0, 0);

const dirs: string[] = [];
/** the stores' clock in these tests */
let clock = NOW;
async function at<T>(time: number, read: () => Promise<T>): Promise<T> {
  clock = time;
  return read();
}
function tempFile(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'kd-store-'));
  dirs.push(dir);
  return path.join(dir, 'nested', 'keydoctor.sqlite');
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('SqliteStateStore', () => {
  it('creates the data directory and file, in WAL mode, at the latest schema version', async () => {
    const file = tempFile();
    const store = new SqliteStateStore({ file, sweepIntervalMs: 0, clock: () => clock });
    await store.close();
    expect(existsSync(file)).toBe(true);
    const db = new Database(file, { readonly: true });
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    db.close();
  });

  it('returns a saved state after it is closed and opened again', async () => {
    const file = tempFile();
    const first = new SqliteStateStore({ file, sweepIntervalMs: 0, clock: () => clock });
    const state = { ...freshState(NOW), phase: 'asking' as const, pendingQuestion: 'where', turns: 1 };
    clock = NOW;
    await saveConversation(first, KEY, state, HOUR);
    await first.close();
    const second = new SqliteStateStore({ file, sweepIntervalMs: 0, clock: () => clock });
    expect(await at(NOW + 1, () => loadConversation(second, KEY))).toEqual(state);
    await second.close();
  });

  it('keeps conversations with different threads apart', async () => {
    const store = new SqliteStateStore({ file: tempFile(), sweepIntervalMs: 0, clock: () => clock });
    clock = NOW;
    await saveConversation(store, KEY, { ...freshState(NOW), turns: 1 }, HOUR);
    clock = NOW;
    await saveConversation(store, { ...KEY, thread: 'other' }, { ...freshState(NOW), turns: 7 }, HOUR);
    expect((await at(NOW, () => loadConversation(store, KEY)))?.turns).toBe(1);
    expect((await at(NOW, () => loadConversation(store, { ...KEY, thread: 'other' })))?.turns).toBe(7);
    await store.close();
  });

  it('never writes a credential in clear, even one the engine failed to redact', async () => {
    const file = tempFile();
    const store = new SqliteStateStore({ file, sweepIntervalMs: 0, clock: () => clock });
    const key = `sk-${'proj-'}${'Q7wErTy9UiOp3AsDfGh5'.repeat(2)}`;
    clock = NOW;
    await saveConversation(store, KEY, { ...freshState(NOW), transcript: [`my key is ${key}`] }, HOUR);
    await store.close();
    const db = new Database(file, { readonly: true });
    const raw = (db.prepare('SELECT state FROM conversations').get() as { state: string }).state;
    db.close();
    expect(raw).not.toContain(key);
    expect(raw).toContain('…');
  });

  it('treats a conversation idle past its time-to-live as gone', async () => {
    const store = new SqliteStateStore({ file: tempFile(), sweepIntervalMs: 0, clock: () => clock });
    clock = NOW;
    await saveConversation(store, KEY, freshState(NOW), HOUR);
    expect(await at(NOW + HOUR - 1, () => loadConversation(store, KEY))).toBeDefined();
    expect(await at(NOW + HOUR, () => loadConversation(store, KEY))).toBeUndefined();
    await store.close();
  });

  it('extends the time-to-live each time the conversation is saved', async () => {
    const store = new SqliteStateStore({ file: tempFile(), sweepIntervalMs: 0, clock: () => clock });
    clock = NOW;
    await saveConversation(store, KEY, freshState(NOW), HOUR);
    clock = NOW + HOUR / 2;
    await saveConversation(store, KEY, freshState(NOW), HOUR);
    expect(await at(NOW + HOUR + 1, () => loadConversation(store, KEY))).toBeDefined();
    await store.close();
  });

  it('sweeps exactly the expired rows and reports how many', async () => {
    const file = tempFile();
    const store = new SqliteStateStore({ file, sweepIntervalMs: 0, clock: () => clock });
    clock = NOW;
    await saveConversation(store, KEY, freshState(NOW), HOUR);
    clock = NOW;
    await saveConversation(store, { ...KEY, thread: 'b' }, freshState(NOW), HOUR);
    clock = NOW + HOUR;
    await saveConversation(store, { ...KEY, thread: 'fresh' }, freshState(NOW), HOUR);
    clock = NOW + HOUR;
    expect(await store.sweepExpired()).toBe(2);
    await store.close();
    const db = new Database(file, { readonly: true });
    expect(db.prepare('SELECT COUNT(*) AS n FROM conversations').get()).toEqual({ n: 1 });
    db.close();
  });

  it('runs the sweep on its own timer with the injected clock', async () => {
    let now = NOW;
    const file = tempFile();
    const store = new SqliteStateStore({ file, sweepIntervalMs: 5, clock: () => now });
    await saveConversation(store, KEY, freshState(NOW), HOUR);
    now = NOW + 2 * HOUR;
    const rows = () => {
      const db = new Database(file, { readonly: true });
      const { n } = db.prepare('SELECT COUNT(*) AS n FROM conversations').get() as { n: number };
      db.close();
      return n;
    };
    // The row itself is gone, not only expired.
    await expect.poll(rows, { timeout: 5_000 }).toBe(0);
    await store.close();
  });

  it('reads conversations a version before the state store wrote (same table, same key)', async () => {
    const file = tempFile();
    const first = new SqliteStateStore({ file, sweepIntervalMs: 0, clock: () => clock });
    await first.close();
    const db = new Database(file);
    const state = { ...freshState(NOW), turns: 3 };
    db.prepare('INSERT INTO conversations (key, state, expires_at, updated_at) VALUES (?, ?, ?, ?)').run(
      'slack:T1:C1:1700000000.000100',
      JSON.stringify(state),
      NOW + HOUR,
      NOW,
    );
    db.close();
    const store = new SqliteStateStore({ file, sweepIntervalMs: 0, clock: () => NOW });
    expect(await loadConversation(store, KEY)).toEqual(state);
    await store.close();
  });

  it('deletes one conversation on request', async () => {
    const store = new SqliteStateStore({ file: tempFile(), sweepIntervalMs: 0, clock: () => clock });
    clock = NOW;
    await saveConversation(store, KEY, freshState(NOW), HOUR);
    await store.delete(conversationStateKey(KEY));
    expect(await at(NOW, () => loadConversation(store, KEY))).toBeUndefined();
    await store.close();
  });

  it('starts afresh instead of failing when a stored row is not a readable state', async () => {
    const file = tempFile();
    const store = new SqliteStateStore({ file, sweepIntervalMs: 0, clock: () => clock });
    clock = NOW;
    await saveConversation(store, KEY, freshState(NOW), HOUR);
    const db = new Database(file);
    db.prepare('UPDATE conversations SET state = ?').run('{"version": 1, "phase": "ask');
    db.close();
    expect(await at(NOW, () => loadConversation(store, KEY))).toBeUndefined();
    await store.close();
  });

  it('can be closed twice', async () => {
    const store = new SqliteStateStore({ file: tempFile(), sweepIntervalMs: 0, clock: () => clock });
    await store.close();
    await expect(store.close()).resolves.toBeUndefined();
  });
});

describe('a restart in the middle of a conversation', () => {
  // A spawned process starts slowly on a busy machine; the bound only catches a hang.
  it(
    'lets a second process continue from the question the first process asked',
    {
      timeout: 120_000,
    },
    async () => {
      const file = tempFile();
      const store = new SqliteStateStore({ file, sweepIntervalMs: 0, clock: () => clock });
      const engine = createScriptedEngine();
      const service = createConversationService({
        engine: () => engine,
        store,
        ttlMs: HOUR,
        clock: () => NOW,
      });
      const asked = await service.handle({
        key: KEY,
        user: { id: 'U1' },
        input: { type: 'message', text: 'I get a 401 from the API' },
      });
      expect(asked.reply.kind).toBe('question');
      await store.close();

      const { stdout } = await run(
        process.execPath,
        ['--import', 'tsx', CONTINUE_SCRIPT, file, JSON.stringify(KEY), String(NOW + 60_000)],
        { cwd: path.resolve(here, '..', '..') },
      );
      const child = JSON.parse(stdout) as {
        before: { phase: string; pendingQuestion: string; transcript: string[] };
        reply: { kind: string; causeId: string };
        after: { phase: string; turns: number; transcript: string[] };
      };
      expect(child.before).toMatchObject({ phase: 'asking', pendingQuestion: 'where' });
      expect(child.reply).toMatchObject({ kind: 'diagnosis', causeId: 'env-not-propagated' });
      expect(child.after).toMatchObject({
        phase: 'answered',
        turns: 2,
        transcript: ['I get a 401 from the API'],
      });

      const reopened = new SqliteStateStore({ file, sweepIntervalMs: 0, clock: () => clock });
      expect((await at(NOW + 60_000, () => loadConversation(reopened, KEY)))?.phase).toBe('answered');
      await reopened.close();
    },
  );
});
