/**
 * Messages: a mention in a text channel opens a thread from that message and converses there;
 * messages in threads the bot opened continue it (content arrives for mentions, or for everything
 * with the Message Content intent); DMs are one conversation each. Where no thread can be opened the
 * bot answers inline and says so.
 */
import {
  ChannelType,
  type Message,
  PermissionFlagsBits,
  type TextChannel,
  type ThreadChannel,
} from 'discord.js';
import type { Outgoing } from '../../conversation/types.ts';
import { type AdapterContext, reportError } from './adapter-context.ts';
import { keyForChannel, keyForThreadFrom } from './conversation-key.ts';
import { converse } from './converse.ts';
import { credentialNotice, NO_PINGS } from './deliver.ts';
import { friendlyError, isMissingPermission } from './platform-errors.ts';
import { threadName } from './safe-text.ts';
import { addAskerToThread } from './thread-member.ts';

/** Thread channels only exist under these. */
const THREADABLE = new Set<ChannelType>([ChannelType.GuildText, ChannelType.GuildAnnouncement]);
const THREAD_PERMISSIONS = [
  PermissionFlagsBits.CreatePublicThreads,
  PermissionFlagsBits.SendMessagesInThreads,
];

/** Removes mentions of the bot so the engine reads only the symptom. */
export function stripBotMention(content: string, botId: string): string {
  return content.replace(new RegExp(`<@!?${botId}>`, 'g'), '').trim();
}

type OpenedThread = { ok: true; thread: ThreadChannel } | { ok: false; why: string };

async function openThread(
  ctx: AdapterContext,
  message: Message<true>,
  symptom: string,
): Promise<OpenedThread> {
  const channel = message.channel;
  if (!THREADABLE.has(channel.type))
    return { ok: false, why: 'threads cannot be opened in this kind of channel' };
  const me = ctx.client.user.id;
  if (!channel.permissionsFor(me)?.has(THREAD_PERMISSIONS)) {
    return { ok: false, why: 'I lack the Create Public Threads permission here' };
  }
  try {
    const thread = await message.startThread({ name: threadName(symptom) });
    await addAskerToThread(ctx, thread, message.author.id);
    return { ok: true, thread };
  } catch (error) {
    reportError(ctx, error, 'startThread');
    return {
      ok: false,
      why: isMissingPermission(error)
        ? 'I lack the permission to open threads here'
        : 'Discord refused a new thread',
    };
  }
}

/** Deletes the user's message when the bot may (Manage Messages); returns whether it did. */
async function deleteIfAllowed(ctx: AdapterContext, message: Message): Promise<boolean> {
  if (!message.inGuild()) return false; // nobody can delete another user's DM
  if (!message.channel.permissionsFor(ctx.client.user.id)?.has(PermissionFlagsBits.ManageMessages))
    return false;
  try {
    await message.delete();
    return true;
  } catch (error) {
    reportError(ctx, error, 'deleteCredentialMessage');
    return false;
  }
}

function credentialNotices(ctx: AdapterContext, message: Message) {
  return async (outgoing: Outgoing): Promise<string[]> => {
    if (outgoing.credentials.length === 0) return [];
    return [credentialNotice(outgoing.credentials, await deleteIfAllowed(ctx, message))];
  };
}

export async function handleMessage(ctx: AdapterContext, message: Message): Promise<void> {
  if (message.author.bot || message.system) return;
  const me = ctx.client.user.id;
  const user = { id: message.author.id, name: message.author.username };
  const notices = credentialNotices(ctx, message);
  try {
    if (!message.inGuild()) {
      const channel = message.channel;
      if (!channel.isSendable()) return;
      await converse(ctx, {
        key: keyForChannel({ id: channel.id, guildId: null, parentId: null, isThread: false }),
        user,
        deliveryId: `discord:message:${message.id}`,
        input: { type: 'message', text: message.content },
        place: 'dm',
        notices,
        send: (m) => channel.send(m),
      });
      return;
    }
    const mentioned = message.mentions.users.has(me);
    const text = stripBotMention(message.content, me);
    const channel = message.channel;
    if (channel.isThread()) {
      // without the Message Content intent, unmentioned messages arrive empty: nothing to read
      if (!(mentioned || (channel.ownerId === me && text.length > 0))) return;
      await converse(ctx, {
        key: keyForChannel({
          id: channel.id,
          guildId: message.guildId,
          parentId: channel.parentId,
          isThread: true,
        }),
        user,
        deliveryId: `discord:message:${message.id}`,
        input: { type: 'message', text },
        place: 'thread',
        notices,
        send: (m) => channel.send(m),
      });
      return;
    }
    if (!mentioned) return;
    const ref = { id: channel.id, guildId: message.guildId, parentId: null, isThread: false };
    if (text.length === 0) {
      // a bare mention: help right here, in a conversation of its own
      await converse(ctx, {
        key: keyForThreadFrom(ref, message.id),
        user,
        deliveryId: `discord:message:${message.id}`,
        input: { type: 'message', text },
        place: 'inline',
        send: (m) => channel.send(m),
      });
      return;
    }
    const opened = await openThread(ctx, message, text);
    if (opened.ok) {
      const thread = opened.thread;
      await converse(ctx, {
        key: keyForThreadFrom(ref, thread.id),
        user,
        deliveryId: `discord:message:${message.id}`,
        input: { type: 'message', text },
        place: 'thread',
        notices,
        send: (m) => thread.send(m),
      });
      return;
    }
    const inline = `🧵 I couldn't open a thread (${opened.why}), so I'm answering right here: nothing is lost, mention me to continue.`;
    await converse(ctx, {
      key: keyForChannel(ref),
      user,
      input: { type: 'message', text },
      place: 'inline',
      notices: async (outgoing) => [inline, ...(await notices(outgoing))],
      send: (m) => (channel as TextChannel).send(m),
    });
  } catch (error) {
    const code = reportError(ctx, error, 'messageCreate');
    if (!message.channel.isSendable()) return;
    await message.channel
      .send({ content: friendlyError(code), allowedMentions: NO_PINGS })
      .catch((e: unknown) => reportError(ctx, e, 'messageCreate.notify'));
  }
}
