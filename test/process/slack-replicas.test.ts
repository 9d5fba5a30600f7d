/**
 * Two real keydoctor processes in Slack HTTP mode on one real Redis, behind the loopback fake Slack:
 * a retried event is answered once, one thread alternating between them is one conversation in
 * order, and after a kill -9 mid-turn the other process answers from the saved state.
 */
import { describe, expect, it } from 'vitest';
import { slackConversationKey } from '../../src/adapters/slack/conversation-key.ts';
import { loadConversation } from '../../src/state/conversations.ts';
import { RedisStateStore } from '../../src/state/redis-state.ts';
import { freePort } from '../fakes/redis-server.ts';
import { cleanupsAfterEach, redisPerFile } from '../support/redis-per-file.ts';
import { type FakeSlack, FAKE_TEAM_ID, startFakeSlack } from '../fakes/slack/fake-slack-api.ts';
import { CHANNEL_ID, eventEnvelope, mentionEvent, messageEvent } from '../fakes/slack/fixtures.ts';
import { postEvent } from '../fakes/slack/signed-requests.ts';
import { BOT_TOKEN, SIGNING_SECRET } from '../fakes/slack/slack-test-bed.ts';
import { type PlatformBot, PROCESS_TEST_TIMEOUT_MS, startBotInTempDir, WAIT } from './platform-bot.ts';

const LOCK_TTL_SECONDS = 2;
const redis = redisPerFile();
let store: RedisStateStore;
let prefix = 0;
const cleanups = cleanupsAfterEach();

interface Replica {
  bot: PlatformBot;
  url: string;
}

/** One keydoctor process in HTTP mode on the shared Redis (its own DATA_DIR, its own port). */
async function startReplica(slack: FakeSlack, dbIndex: number): Promise<Replica> {
  const port = await freePort();
  const bot = await startBotInTempDir(cleanups, 'kd-replica-', {
    SLACK_BOT_TOKEN: BOT_TOKEN,
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_PORT: String(port),
    SLACK_API_URL: slack.apiUrl,
    REDIS_URL: `${redis.current().url}/${dbIndex}`,
    LOCK_TTL_SECONDS: String(LOCK_TTL_SECONDS),
  });
  return { bot, url: `http://127.0.0.1:${port}/slack/events` };
}

/** Each test gets its own Redis database, so the replicas of one test share only their own state. */
async function setup(): Promise<{ slack: FakeSlack; a: Replica; b: Replica; db: RedisStateStore }> {
  const index = ++prefix;
  const slack = await startFakeSlack();
  cleanups.push(() => slack.close());
  const [a, b] = await Promise.all([startReplica(slack, index), startReplica(slack, index)]);
  store = await RedisStateStore.connect({ url: `${redis.current().url}/${index}` });
  cleanups.push(() => store.close());
  return { slack, a: a!, b: b!, db: store };
}

const answersIn = (slack: FakeSlack, threadTs: string) =>
  slack.calls.filter(
    (c) => c.method === 'chat.postMessage' && c.outcome === 'ok' && c.body.thread_ts === threadTs,
  );

describe('two keydoctor processes on one Redis', { timeout: PROCESS_TEST_TIMEOUT_MS }, () => {
  it('GIVEN Slack delivers one event (and its retry) to both THEN it is answered once', async () => {
    const { slack, a, b } = await setup();
    const mention = mentionEvent('<@UFAKEBOT1> our API call returns 401 Unauthorized');
    const envelope = eventEnvelope(mention);
    await Promise.all([
      postEvent(a.url, SIGNING_SECRET, envelope),
      postEvent(b.url, SIGNING_SECRET, envelope, { retryNum: 1 }),
    ]);
    await expect.poll(() => answersIn(slack, mention.ts).length, WAIT).toBeGreaterThan(0);
    // a follow-up in the thread, answered after it, shows the duplicate had its chance to be posted
    const follow = messageEvent('it runs on my laptop', { threadTs: mention.ts });
    await postEvent(a.url, SIGNING_SECRET, eventEnvelope(follow));
    await expect.poll(() => answersIn(slack, mention.ts).length, WAIT).toBe(2);
    expect(answersIn(slack, mention.ts)).toHaveLength(2);
  });

  it('GIVEN one thread whose messages alternate between the processes THEN it is one conversation, in order', async () => {
    const { slack, a, b, db } = await setup();
    const mention = mentionEvent('<@UFAKEBOT1> our API call returns 401 Unauthorized');
    const texts = ['it runs on my laptop', 'still 401', 'the key is in .env'];
    await postEvent(a.url, SIGNING_SECRET, eventEnvelope(mention));
    await expect.poll(() => answersIn(slack, mention.ts).length, WAIT).toBe(1);
    for (const [i, text] of texts.entries()) {
      const replica = i % 2 === 0 ? b : a;
      await postEvent(
        replica.url,
        SIGNING_SECRET,
        eventEnvelope(messageEvent(text, { threadTs: mention.ts })),
      );
      await expect.poll(() => answersIn(slack, mention.ts).length, WAIT).toBeGreaterThanOrEqual(i + 2);
    }
    const state = await loadConversation(db, slackConversationKey(FAKE_TEAM_ID, CHANNEL_ID, mention.ts));
    expect(state?.turns).toBe(4);
    const transcript = state?.transcript.join(' | ') ?? '';
    expect(transcript.indexOf('laptop')).toBeGreaterThan(-1);
    expect(transcript.indexOf('laptop')).toBeLessThan(transcript.indexOf('still 401'));
  });

  it('GIVEN one process is killed -9 mid-turn THEN the other answers the next message from the saved state, and the owed answer is posted', async () => {
    const { slack, a, b, db } = await setup();
    const mention = mentionEvent('<@UFAKEBOT1> our API call returns 401 Unauthorized');
    slack.failNext(1, { status: 'hang' }, 'chat.postMessage');
    await postEvent(a.url, SIGNING_SECRET, eventEnvelope(mention));
    await expect.poll(() => slack.calls.some((c) => c.outcome === 'http_hang'), WAIT).toBe(true);
    a.bot.child.kill('SIGKILL');
    await a.bot.exited;

    await postEvent(
      b.url,
      SIGNING_SECRET,
      eventEnvelope(messageEvent('it runs on my laptop', { threadTs: mention.ts })),
    );
    // the answer A owed (from the outbox) and the answer to the next message, both by B
    await expect.poll(() => answersIn(slack, mention.ts).length, WAIT).toBe(2);
    const state = await loadConversation(db, slackConversationKey(FAKE_TEAM_ID, CHANNEL_ID, mention.ts));
    expect(state?.turns).toBe(2);
    expect(state?.transcript.join(' ')).toContain('laptop');
  });
});
