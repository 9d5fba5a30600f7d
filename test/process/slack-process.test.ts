/**
 * The real bot process started with Slack Socket Mode credentials against the loopback fake Slack:
 * ready on /healthz once connected, a mention answered in its thread, a restart that continues the
 * conversation from the SQLite file, and a clean SIGTERM.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { type FakeSlack, startFakeSlack } from '../fakes/slack/fake-slack-api.ts';
import { eventEnvelope, mentionEvent } from '../fakes/slack/fixtures.ts';
import { APP_TOKEN, BOT_TOKEN } from '../fakes/slack/slack-test-bed.ts';
import { PROCESS_TEST_TIMEOUT_MS, spawnPlatformBot, WAIT } from './platform-bot.ts';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

/** A bot process in Socket Mode against the fake Slack, on the data in `dir`; stopped after the test. */
function startBot(dir: string, slack: FakeSlack) {
  const bot = spawnPlatformBot(dir, {
    SLACK_BOT_TOKEN: BOT_TOKEN,
    SLACK_APP_TOKEN: APP_TOKEN,
    SLACK_API_URL: slack.apiUrl,
  });
  cleanups.push(() => bot.stop());
  return bot;
}

describe('the keydoctor process with Slack configured', { timeout: PROCESS_TEST_TIMEOUT_MS }, () => {
  it('answers a mention, survives a restart mid-conversation, and exits 0 on SIGTERM', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'kd-slack-main-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const slack = await startFakeSlack();
    cleanups.push(() => slack.close());

    const first = startBot(dir, slack);
    const port = await first.started();
    const health = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ adapters: { slack: 'ready' } });

    const mention = mentionEvent('<@UFAKEBOT1> our API call returns 401 Unauthorized');
    await slack.socket.deliver('events_api', eventEnvelope(mention));
    await expect.poll(() => slack.messages.length, WAIT).toBeGreaterThan(0);
    const answered = slack.messages.length;
    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);

    // A deploy: a new process on the same data directory picks the thread up where it was.
    const second = startBot(dir, slack);
    await second.started();
    const threadTs = mention.thread_ts ?? mention.ts;
    await slack.socket.deliver(
      'events_api',
      eventEnvelope({ ...mentionEvent('<@UFAKEBOT1> it runs on my laptop', { threadTs }) }),
    );
    await expect.poll(() => slack.messages.length, WAIT).toBeGreaterThan(answered);
    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);

    const db = new Database(path.join(dir, 'data', 'keydoctor.sqlite'), { readonly: true });
    const rows = db.prepare('SELECT state FROM conversations').all() as { state: string }[];
    db.close();
    expect(rows).toHaveLength(1);
    const state = JSON.parse(rows[0]!.state) as { turns: number; transcript: string[] };
    expect(state.turns).toBe(2);
    expect(state.transcript.join(' ')).toContain('laptop');
  });

  it('GIVEN chat.postMessage hangs WHEN SIGTERM arrives THEN it shuts down cleanly (exit 0, not the forced exit) and keeps the answer for later', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'kd-slack-hung-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const slack = await startFakeSlack();
    cleanups.push(() => slack.close());
    const bot = startBot(dir, slack);
    await bot.started();
    slack.failNext(1, { status: 'hang' }, 'chat.postMessage');
    await slack.socket.deliver('events_api', eventEnvelope(mentionEvent('<@UFAKEBOT1> 401 Unauthorized')));
    await expect.poll(() => slack.calls.some((c) => c.outcome === 'http_hang'), WAIT).toBe(true);
    bot.child.kill('SIGTERM');
    expect(await bot.exited).toBe(0);
    const db = new Database(path.join(dir, 'data', 'keydoctor.sqlite'), { readonly: true });
    const owed = db.prepare("SELECT COUNT(*) AS n FROM queue_items WHERE queue = 'outbox:slack'").get();
    db.close();
    expect(owed).toEqual({ n: 1 });
  });
});
