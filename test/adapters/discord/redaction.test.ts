import { MessageFlags, PermissionFlagsBits } from 'discord-api-types/v10';
import { afterEach, describe, expect, it } from 'vitest';
import { credentialNotice } from '../../../src/adapters/discord/deliver.ts';
import { DEFAULT_BOT_PERMISSIONS, IDS } from '../../fakes/discord/fixtures.ts';
import { type Bot, startBot, textOf } from './bot-harness.ts';

/** Built at run time so no scanner-shaped key sits in the repo. */
const KEY = `${'sk-'}${'proj-'}FAKE${'a'.repeat(16)}K3yM1ddle${'b'.repeat(16)}`;
const MIDDLE = 'K3yM1ddle';

describe('Discord credential handling', () => {
  let bot: Bot;
  afterEach(async () => {
    await bot.close();
  });

  it('GIVEN a mention with a pasted key THEN the key never appears in anything sent to Discord', async () => {
    bot = await startBot();
    await bot.expectReplies(() => bot.fake.userSays(`my key ${KEY} returns 401`, { mention: true }));
    const raw = bot.fake.rawOutbound();
    expect(raw).not.toContain(KEY);
    expect(raw).not.toContain(MIDDLE);
    const thread = bot.fake.callsTo('POST', /\/threads$/)[0]!;
    expect((thread.body as { name: string }).name).not.toContain(MIDDLE);
  });

  it('GIVEN a pasted key and no Manage Messages THEN the reply warns to delete and rotate it', async () => {
    bot = await startBot();
    const [reply] = await bot.expectReplies(() =>
      bot.fake.userSays(`my key ${KEY} returns 401`, { mention: true }),
    );
    expect(textOf(reply!)).toMatch(/contains a credential.*rotate/);
    expect(bot.fake.callsTo('DELETE', /\/messages\//)).toHaveLength(0);
  });

  it('GIVEN a pasted key and Manage Messages THEN the message is deleted and the reply says so', async () => {
    bot = await startBot({ botPermissions: DEFAULT_BOT_PERMISSIONS | PermissionFlagsBits.ManageMessages });
    let msg!: { id: string };
    const [reply] = await bot.expectReplies(() => {
      msg = bot.fake.userSays(`my key ${KEY} returns 401`, { mention: true });
    });
    expect(bot.fake.callsTo('DELETE', new RegExp(`^/channels/${IDS.text}/messages/${msg.id}$`))).toHaveLength(
      1,
    );
    expect(textOf(reply!)).toMatch(/I deleted your message because it contained a credential/);
  });

  it('GIVEN a key in /diagnose THEN an ephemeral warning goes to the user and the key is never sent back', async () => {
    bot = await startBot();
    bot.fake.slash([{ name: 'symptom', value: `Authorization: ${KEY} gives 401` }]);
    const posted = await bot.settle(0, 2);
    const warning = posted.find((p) => (p.message.flags ?? 0) & MessageFlags.Ephemeral);
    expect(warning && textOf(warning)).toMatch(/You pasted a credential.*rotate/);
    expect(bot.fake.rawOutbound()).not.toContain(MIDDLE);
  });

  it('GIVEN "Diagnose this message" on a message with a key and Manage Messages THEN the target is deleted and the user warned', async () => {
    const permissions = DEFAULT_BOT_PERMISSIONS | PermissionFlagsBits.ManageMessages;
    bot = await startBot({ botPermissions: permissions });
    const paste = bot.fake.userSays(`curl -H "Authorization: Bearer ${KEY}" returns 401`);
    bot.fake.contextMenu(paste.id, permissions);
    const posted = await bot.settle(0, 2);
    expect(bot.fake.callsTo('DELETE', new RegExp(`/messages/${paste.id}$`))).toHaveLength(1);
    expect(
      posted.some((p) => /I deleted that message because it contained a credential/.test(textOf(p))),
    ).toBe(true);
    expect(bot.fake.rawOutbound()).not.toContain(MIDDLE);
  });

  it('GIVEN a key in a DM THEN the bot warns without trying to delete the message', async () => {
    bot = await startBot({ botPermissions: DEFAULT_BOT_PERMISSIONS | PermissionFlagsBits.ManageMessages });
    const [reply] = await bot.expectReplies(() => bot.fake.userDMs(`my key ${KEY} returns 401`));
    expect(textOf(reply!)).toMatch(/contains a credential/);
    expect(bot.fake.callsTo('DELETE', /\/messages\//)).toHaveLength(0);
    expect(bot.fake.rawOutbound()).not.toContain(MIDDLE);
  });

  it('GIVEN only a test key was pasted THEN the notice asks to delete it without calling it leaked', () => {
    const fingerprint = {
      provider: 'stripe',
      kind: 'test key',
      last4: 'abcd',
      live: false,
      label: '[stripe test key …abcd]',
    };
    const notice = credentialNotice([fingerprint], false);
    expect(notice).toContain('[stripe test key …abcd]');
    expect(notice).toContain('Delete the message');
    expect(notice).not.toContain('rotate it now');
  });
});
