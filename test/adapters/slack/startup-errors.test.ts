/**
 * Start-up against a Slack that cannot be reached, refuses the token, or fails: each says what
 * failed (network naming the URL, refused token, HTTP status), quickly, and never the token.
 */
import { createServer } from 'node:net';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { createSlackAdapter } from '../../../src/adapters/slack/slack-adapter.ts';
import { createConversationService } from '../../../src/conversation/conversation-service.ts';
import { MemoryStateStore } from '../../../src/state/memory-state.ts';
import { createFakeEngine } from '../../contract/fake-engine.ts';
import { type FakeSlack, startFakeSlack } from '../../fakes/slack/fake-slack-api.ts';
import { BOT_TOKEN, SIGNING_SECRET } from '../../fakes/slack/slack-test-bed.ts';

const fakes: FakeSlack[] = [];
afterEach(async () => {
  for (const fake of fakes.splice(0)) await fake.close();
});

/** A loopback port with nothing listening on it. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

async function startError(apiUrl: string, botToken = BOT_TOKEN): Promise<string> {
  const adapter = createSlackAdapter({
    botToken,
    signingSecret: SIGNING_SECRET,
    port: 0,
    host: '127.0.0.1',
    apiUrl,
    logger: pino({ level: 'silent' }),
  });
  const service = createConversationService({
    engine: () => createFakeEngine(),
    store: new MemoryStateStore(),
    ttlMs: 60_000,
  });
  try {
    await adapter.start(service);
  } catch (error) {
    await adapter.stop();
    return (error as Error).message;
  }
  await adapter.stop();
  throw new Error('the adapter started');
}

describe('Slack start-up failures', () => {
  it('GIVEN nothing listens at SLACK_API_URL THEN it reports a network failure naming the URL, not a refused token', async () => {
    const port = await closedPort();
    const message = await startError(`http://127.0.0.1:${port}/api/`);
    expect(message).toContain(
      `could not reach Slack at http://127.0.0.1:${port}/api/auth.test (ECONNREFUSED)`,
    );
    expect(message).toContain('not a refused token');
    expect(message).not.toContain(BOT_TOKEN);
  });

  it('GIVEN Slack refuses the token THEN it says the token was refused, with the code', async () => {
    const fake = await startFakeSlack();
    fakes.push(fake);
    const revoked = `${'xox'}b-0000-REVOKED-FAKE-token`;
    const message = await startError(fake.apiUrl, revoked);
    expect(message).toContain('Slack refused the bot token (auth.test: token_revoked)');
    expect(message).not.toContain(revoked);
  });

  it('GIVEN Slack answers 503 THEN it reports the HTTP status at the URL', async () => {
    const fake = await startFakeSlack();
    fakes.push(fake);
    fake.failNext(1, { status: 503 }, 'auth.test');
    const message = await startError(fake.apiUrl);
    expect(message).toContain(`Slack answered HTTP 503 at ${fake.apiUrl}auth.test`);
  });
});
