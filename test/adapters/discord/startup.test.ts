import { GatewayIntentBits } from 'discord-api-types/v10';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { createDiscordAdapter } from '../../../src/adapters/discord/discord-adapter.ts';
import { FAKE_TOKEN, FakeDiscord } from '../../fakes/discord/fake-discord.ts';
import { IDS } from '../../fakes/discord/fixtures.ts';
import { questionWith, stubService } from './stub-service.ts';

const service = stubService({ reply: questionWith(2), credentials: [] }).service;

describe('Discord adapter start and stop', () => {
  let fake: FakeDiscord;
  afterEach(async () => {
    await fake.close();
  });

  function adapter(overrides: { token?: string; messageContentIntent?: boolean } = {}) {
    return createDiscordAdapter({
      token: overrides.token ?? FAKE_TOKEN,
      applicationId: IDS.application,
      apiUrl: fake.apiUrl,
      logger: pino({ level: 'silent' }),
      ...(overrides.messageContentIntent ? { messageContentIntent: true } : {}),
    });
  }

  it('GIVEN a valid token THEN start resolves once connected, isReady turns true, and stop turns it false', async () => {
    fake = await new FakeDiscord().start();
    const a = adapter();
    expect(a.isReady()).toBe(false);
    await a.start(service);
    expect(a.isReady()).toBe(true);
    await a.stop();
    expect(a.isReady()).toBe(false);
  });

  it('GIVEN the default options THEN the bot identifies with guilds, guild messages and DMs only', async () => {
    fake = await new FakeDiscord().start();
    const a = adapter();
    await a.start(service);
    await a.stop();
    const identify = fake.gatewayFrames.map((f) => JSON.parse(f)).find((f) => f.op === 2);
    expect(identify.d.intents).toBe(
      GatewayIntentBits.Guilds | GatewayIntentBits.GuildMessages | GatewayIntentBits.DirectMessages,
    );
    expect(identify.d.compress).toBe(false);
  });

  it('GIVEN a wrong token THEN start fails with a message naming DISCORD_TOKEN but not the token', async () => {
    fake = await new FakeDiscord().start();
    const failure = adapter({ token: 'wrong-token-value' }).start(service);
    await expect(failure).rejects.toThrow(/DISCORD_TOKEN/);
    await expect(failure).rejects.not.toThrow(/wrong-token-value/);
  });

  it('GIVEN the Message Content intent is requested but not enabled THEN start fails and says how to fix it', async () => {
    fake = await new FakeDiscord({ messageContentAllowed: false }).start();
    await expect(adapter({ messageContentIntent: true }).start(service)).rejects.toThrow(
      /Message Content intent/,
    );
  });
});
