import { afterEach, describe, expect, it } from 'vitest';
import type { Outgoing } from '../../../src/conversation/types.ts';
import { IDS } from '../../fakes/discord/fixtures.ts';
import { type Bot, startBot } from './bot-harness.ts';
import { stubService } from './stub-service.ts';

const HANDOFF: Outgoing = {
  reply: {
    kind: 'handoff',
    heading: 'Let me get a person',
    blocks: [{ type: 'text', text: 'I am out of ideas.' }],
    choices: [],
  },
  credentials: [],
  handoff: { summary: ['symptom: 401 from the API', 'ruled out: missing Bearer prefix'] },
};

describe('Discord hand-off to a person', () => {
  let bot: Bot;
  afterEach(async () => {
    await bot.close();
  });

  it('GIVEN a hand-off and a support role THEN the role is mentioned with the summary and only it may ping', async () => {
    bot = await startBot({ service: stubService(HANDOFF).service, supportRoleId: IDS.supportRole });
    const [, ping] = await bot.expectReplies(() => bot.fake.userSays('nothing works', { mention: true }), 2);
    expect(ping!.message.content).toContain(`<@&${IDS.supportRole}>`);
    expect(ping!.message.content).toContain('ruled out: missing Bearer prefix');
    const call = bot.fake.callsTo('POST', /^\/channels\/\d+\/messages$/).at(-1)!;
    expect((call.body as { allowed_mentions: unknown }).allowed_mentions).toEqual({
      parse: [],
      roles: [IDS.supportRole],
    });
  });

  it('GIVEN replies that are not hand-offs THEN nobody can be pinged by them', async () => {
    bot = await startBot({ supportRoleId: IDS.supportRole });
    await bot.expectReplies(() => bot.fake.userSays('getting 401 @everyone', { mention: true }));
    const call = bot.fake.callsTo('POST', /^\/channels\/\d+\/messages$/)[0]!;
    expect((call.body as { allowed_mentions: { parse: string[] } }).allowed_mentions.parse).toEqual([]);
  });
});
