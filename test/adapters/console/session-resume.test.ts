/** A console conversation survives a restart: a stable session id and the SQLite store. */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { consoleSessionId } from '../../../src/adapters/console/session-id.ts';
import { createConversationService } from '../../../src/conversation/conversation-service.ts';
import { loadConversation } from '../../../src/state/conversations.ts';
import { SqliteStateStore } from '../../../src/state/sqlite-state.ts';
import { realEngine } from '../../contract/real-engine.ts';
import { startConsoleHarness } from './console-harness.ts';

const dir = mkdtempSync(path.join(os.tmpdir(), 'kd-console-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the console session id', () => {
  it('GIVEN the same user and directory THEN the id is the same in every process', () => {
    expect(consoleSessionId({ user: 'ana', cwd: '/work/app' })).toBe(
      consoleSessionId({ user: 'ana', cwd: '/work/app' }),
    );
  });

  it('GIVEN another user or another directory THEN the id differs', () => {
    const base = consoleSessionId({ user: 'ana', cwd: '/work/app' });
    expect(consoleSessionId({ user: 'bo', cwd: '/work/app' })).not.toBe(base);
    expect(consoleSessionId({ user: 'ana', cwd: '/work/other' })).not.toBe(base);
  });

  it('GIVEN an override THEN it is the id', () => {
    expect(consoleSessionId({ user: 'ana', cwd: '/x', override: 'team-a' })).toBe('team-a');
  });
});

describe('resuming after a restart', () => {
  it('GIVEN a question asked before a restart THEN the answer after it continues that conversation', async () => {
    const file = path.join(dir, 'keydoctor.sqlite');
    const sessionId = consoleSessionId({ user: 'ana', cwd: '/work/app' });
    const run = async () => {
      const store = new SqliteStateStore({ file, sweepIntervalMs: 0 });
      const engine = realEngine();
      const service = createConversationService({ engine: () => engine, store, ttlMs: 3_600_000 });
      return { store, harness: await startConsoleHarness(service, { sessionId }) };
    };

    const first = await run();
    await first.harness.say('I get 401 from the API');
    const asked = first.harness.messages().at(-1);
    expect(asked?.choices.length).toBeGreaterThan(0);
    await first.harness.close();
    await first.store.close();

    const second = await run();
    const key = { platform: 'console' as const, workspace: 'local', channel: 'terminal', thread: sessionId };
    const state = await loadConversation(second.store, key);
    expect(state?.turns).toBe(1);
    await second.harness.say('1');
    const after = await loadConversation(second.store, key);
    expect(after?.turns).toBe(2);
    await second.harness.close();
    await second.store.close();
  });
});
