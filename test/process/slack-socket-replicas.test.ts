/**
 * Two real keydoctor processes in Slack Socket Mode on one real Redis, each holding its own
 * connection to the loopback fake Socket Mode server (Slack allows several per app): an event Slack
 * delivers on one connection and redelivers on the other is answered once, one thread whose messages
 * alternate between the connections is one conversation in order, and after a kill -9 mid-turn the
 * other process answers the thread's next message from the saved state.
 */
import { describe, expect, it } from 'vitest';
import { slackConversationKey } from '../../src/adapters/slack/conversation-key.ts';
import { loadConversation } from '../../src/state/conversations.ts';
import { RedisStateStore } from '../../src/state/redis-state.ts';
import { cleanupsAfterEach, redisPerFile } from '../support/redis-per-file.ts';
import { type FakeSlack, FAKE_TEAM_ID, startFakeSlack } from '../fakes/slack/fake-slack-api.ts';
import { CHANNEL_ID, eventEnvelope, mentionEvent, messageEvent } from '../fakes/slack/fixtures.ts';
import { APP_TOKEN, BOT_TOKEN } from '../fakes/slack/slack-test-bed.ts';
import { type PlatformBot, PROCESS_TEST_TIMEOUT_MS, startBotInTempDir, WAIT } from './platform-bot.ts';

const LOCK_TTL_SECONDS = 2;
const redis = redisPerFile();
let database = 0;
const cleanups = cleanupsAfterEach();

interface Replica {
  bot: PlatformBot;
  /** the id of its Socket Mode connection at the fake */
  connection: number;
}

/**
 * One keydoctor process in Socket Mode on the shared Redis (its own DATA_DIR). Replicas are started
 * one after the other, so the connection that opens while one starts is that replica's.
 */
async function startReplica(slack: FakeSlack, dbIndex: number, taken: number[]): Promise<Replica> {
  const bot = await startBotInTempDir(cleanups, 'kd-socket-replica-', {
    SLACK_BOT_TOKEN: BOT_TOKEN,
    SLACK_APP_TOKEN: APP_TOKEN,
    SLACK_API_URL: slack.apiUrl,
    REDIS_URL: `${redis.current().url}/${dbIndex}`,
    LOCK_TTL_SECONDS: String(LOCK_TTL_SECONDS),
  });
  const open = await slack.socket.waitForConnections(taken.length + 1);
  const mine = open.filter((id) => !taken.includes(id));
  expect(mine).toHaveLength(1);
  return { bot, connection: mine[0]! };
}

/** Each test gets its own Redis database, so the replicas of one test share only their own state. */
async function setup(): Promise<{ slack: FakeSlack; a: Replica; b: Replica; db: RedisStateStore }> {
  const index = ++database;
  const slack = await startFakeSlack();
  cleanups.push(() => slack.close());
  const a = await startReplica(slack, index, []);
  const b = await startReplica(slack, index, [a.connection]);
  const db = await RedisStateStore.connect({ url: `${redis.current().url}/${index}` });
  cleanups.push(() => db.close());
  return { slack, a, b, db };
}

const deliverEvent = (slack: FakeSlack, to: Replica, event: object) =>
  slack.socket.deliver('events_api', eventEnvelope(event), { to: to.connection });

const answersIn = (slack: FakeSlack, threadTs: string) =>
  slack.calls.filter(
    (c) => c.method === 'chat.postMessage' && c.outcome === 'ok' && c.body.thread_ts === threadTs,
  );

/** SIGTERM: each process finishes the events it is handling before it exits. */
async function stopGracefully(...replicas: Replica[]): Promise<void> {
  for (const r of replicas) r.bot.child.kill('SIGTERM');
  expect(await Promise.all(replicas.map((r) => r.bot.exited))).toEqual(replicas.map(() => 0));
}

describe('two keydoctor processes in Socket Mode on one Redis', { timeout: PROCESS_TEST_TIMEOUT_MS }, () => {
  it('GIVEN Slack delivers one event on one connection and redelivers it on the other THEN it is answered once', async () => {
    const { slack, a, b, db } = await setup();
    expect(a.connection).not.toBe(b.connection);
    const mention = mentionEvent('<@UFAKEBOT1> our API call returns 401 Unauthorized');
    const envelope = eventEnvelope(mention);
    const envelopeId = 'fake-envelope-redelivered';
    // the redelivery carries the same envelope_id and event_id, with retry_attempt
    const [first, retry] = await Promise.all([
      slack.socket.deliver('events_api', envelope, { to: a.connection, envelopeId }),
      slack.socket.deliver('events_api', envelope, { to: b.connection, envelopeId, retryAttempt: 1 }),
    ]);
    expect([first.connection, retry.connection]).toEqual([a.connection, b.connection]);
    await expect.poll(() => answersIn(slack, mention.ts).length, WAIT).toBeGreaterThan(0);

    // both have finished every event they took (SIGTERM waits for them): nothing else was posted
    await stopGracefully(a, b);
    expect(slack.calls.filter((c) => c.method === 'chat.postMessage')).toHaveLength(1);
    const state = await loadConversation(db, slackConversationKey(FAKE_TEAM_ID, CHANNEL_ID, mention.ts));
    expect(state?.turns).toBe(1);
  });

  it('GIVEN one thread whose messages alternate between the connections THEN it is one conversation, in order', async () => {
    const { slack, a, b, db } = await setup();
    const mention = mentionEvent('<@UFAKEBOT1> our API call returns 401 Unauthorized');
    const texts = ['it runs on my laptop', 'still 401', 'the key is in .env'];
    await deliverEvent(slack, a, mention);
    await expect.poll(() => answersIn(slack, mention.ts).length, WAIT).toBe(1);
    for (const [i, text] of texts.entries()) {
      await deliverEvent(slack, i % 2 === 0 ? b : a, messageEvent(text, { threadTs: mention.ts }));
      await expect.poll(() => answersIn(slack, mention.ts).length, WAIT).toBe(i + 2);
    }
    await stopGracefully(a, b);
    expect(answersIn(slack, mention.ts)).toHaveLength(4);
    const state = await loadConversation(db, slackConversationKey(FAKE_TEAM_ID, CHANNEL_ID, mention.ts));
    expect(state?.turns).toBe(4);
    const transcript = state?.transcript.join(' | ') ?? '';
    const positions = texts.map((t) => transcript.indexOf(t));
    expect(positions.every((p) => p > -1)).toBe(true);
    expect([...positions].sort((x, y) => x - y)).toEqual(positions);
  });

  it('GIVEN one process is killed -9 mid-conversation THEN the other answers the next message of the thread from the saved state, and the owed answer is posted', async () => {
    const { slack, a, b, db } = await setup();
    const mention = mentionEvent('<@UFAKEBOT1> our API call returns 401 Unauthorized');
    await deliverEvent(slack, a, mention);
    await expect.poll(() => answersIn(slack, mention.ts).length, WAIT).toBe(1);

    // A is mid-turn on the thread's second message: its answer is saved but the post hangs
    slack.failNext(1, { status: 'hang' }, 'chat.postMessage');
    await deliverEvent(slack, a, messageEvent('it runs on my laptop', { threadTs: mention.ts }));
    await expect.poll(() => slack.calls.some((c) => c.outcome === 'http_hang'), WAIT).toBe(true);
    a.bot.child.kill('SIGKILL');
    await a.bot.exited;
    await slack.socket.closed(a.connection);
    expect(slack.socket.openConnections()).toEqual([b.connection]);

    await deliverEvent(slack, b, messageEvent('still 401', { threadTs: mention.ts }));
    // A's first answer, the answer A owed (from the outbox) and the answer to the next message
    await expect.poll(() => answersIn(slack, mention.ts).length, WAIT).toBe(3);
    await stopGracefully(b);
    expect(answersIn(slack, mention.ts)).toHaveLength(3);
    const state = await loadConversation(db, slackConversationKey(FAKE_TEAM_ID, CHANNEL_ID, mention.ts));
    expect(state?.turns).toBe(3);
    const transcript = state?.transcript.join(' | ') ?? '';
    expect(transcript.indexOf('laptop')).toBeGreaterThan(-1);
    expect(transcript.indexOf('laptop')).toBeLessThan(transcript.indexOf('still 401'));
  });
});
