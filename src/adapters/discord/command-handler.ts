/**
 * `/diagnose` and "Diagnose this message": defer at once (Discord wants an answer within 3 s), open
 * a thread from the reply where possible so the diagnosis can continue there, then edit the reply.
 * Help, errors and credential warnings go only to the user (ephemeral).
 */
import {
  ChannelType,
  type ChatInputCommandInteraction,
  type Message,
  type MessageContextMenuCommandInteraction,
  MessageFlags,
  PermissionFlagsBits,
  type ThreadChannel,
} from 'discord.js';
import type { Outgoing } from '../../conversation/types.ts';
import type { ConversationKey } from '../../state/conversation-store.ts';
import { type AdapterContext, reportError } from './adapter-context.ts';
import {
  DIAGNOSE_COMMAND,
  DIAGNOSE_MESSAGE_COMMAND,
  OPTION_PROVIDER,
  OPTION_STATUS,
  OPTION_SYMPTOM,
  OPTION_WHERE,
  symptomFromOptions,
} from './commands.ts';
import { keyForChannel, keyForThreadFrom } from './conversation-key.ts';
import { converse } from './converse.ts';
import { NO_PINGS, type OutMessage, type Place, privateCredentialWarning } from './deliver.ts';
import { friendlyError } from './platform-errors.ts';
import { safe, threadName } from './safe-text.ts';
import { addAskerToThread } from './thread-member.ts';

type CommandInteraction = ChatInputCommandInteraction | MessageContextMenuCommandInteraction;

const HELP =
  'Tell me what fails: `/diagnose symptom: <the error or response>`, or right-click a message with an error and pick **Apps → Diagnose this message**.';
const NOTHING_TO_READ = 'That message has no text I can read. Try `/diagnose` with the error pasted in.';
const THREADABLE = new Set<ChannelType>([ChannelType.GuildText, ChannelType.GuildAnnouncement]);
const THREAD_PERMISSIONS = [
  PermissionFlagsBits.CreatePublicThreads,
  PermissionFlagsBits.SendMessagesInThreads,
];

function symptomOf(interaction: CommandInteraction): string {
  if (interaction.isChatInputCommand()) {
    const o = interaction.options;
    return symptomFromOptions(
      o.getString(OPTION_SYMPTOM) ?? '',
      o.getString(OPTION_STATUS),
      o.getString(OPTION_PROVIDER),
      o.getString(OPTION_WHERE),
    );
  }
  const target = interaction.targetMessage;
  const embedText = target.embeds.flatMap((e) => [e.title ?? '', e.description ?? '']);
  return [target.content, ...embedText].filter((t) => t.trim().length > 0).join('\n');
}

interface Venue {
  key: ConversationKey;
  place: Place;
  thread?: ThreadChannel;
}

/** Where this command's conversation lives: a thread from the reply when one can be opened. */
async function venueFor(
  ctx: AdapterContext,
  interaction: CommandInteraction,
  symptom: string,
): Promise<Venue> {
  const channel = interaction.channel;
  if (!interaction.inGuild() || !channel) {
    const id = interaction.channelId ?? interaction.user.id;
    return { key: keyForChannel({ id, guildId: null, parentId: null, isThread: false }), place: 'dm' };
  }
  const ref = { id: channel.id, guildId: interaction.guildId, parentId: null, isThread: false };
  if (channel.isThread()) {
    return { key: keyForChannel({ ...ref, parentId: channel.parentId, isThread: true }), place: 'thread' };
  }
  if (THREADABLE.has(channel.type) && interaction.appPermissions.has(THREAD_PERMISSIONS)) {
    try {
      const reply: Message = await interaction.fetchReply();
      const thread = await reply.startThread({ name: threadName(symptom) });
      await addAskerToThread(ctx, thread, interaction.user.id);
      return { key: keyForThreadFrom(ref, reply.id), place: 'thread', thread };
    } catch (error) {
      reportError(ctx, error, 'command.startThread');
    }
  }
  return { key: keyForChannel(ref), place: 'inline' };
}

/** Deletes a context-menu target that carries a credential when the bot may; returns the public notice. */
async function targetNotice(ctx: AdapterContext, interaction: CommandInteraction, outgoing: Outgoing) {
  if (!interaction.isMessageContextMenuCommand() || outgoing.credentials.length === 0) return [];
  const labels = outgoing.credentials.map((c) => c.label).join(', ');
  if (interaction.inGuild() && interaction.appPermissions.has(PermissionFlagsBits.ManageMessages)) {
    try {
      await interaction.targetMessage.delete();
      return [
        `🔒 I deleted that message because it contained a credential (${labels}). Its owner should rotate it now.`,
      ];
    } catch (error) {
      reportError(ctx, error, 'command.deleteTarget');
    }
  }
  return [
    `🔒 That message contains a credential (${labels}): its author should delete it and rotate the key.`,
  ];
}

export async function handleCommand(ctx: AdapterContext, interaction: CommandInteraction): Promise<void> {
  const symptom = symptomOf(interaction);
  if (symptom.trim().length === 0) {
    const help = interaction.isChatInputCommand() ? HELP : NOTHING_TO_READ;
    await interaction.reply({ content: help, flags: MessageFlags.Ephemeral, allowedMentions: NO_PINGS });
    return;
  }
  await interaction.deferReply();
  try {
    const venue = await venueFor(ctx, interaction, symptom);
    let first = true;
    const send = async (m: OutMessage) => {
      if (first) {
        first = false;
        return interaction.editReply(m);
      }
      return venue.thread ? venue.thread.send(m) : interaction.followUp(m);
    };
    const outgoing = await converse(ctx, {
      key: venue.key,
      user: { id: interaction.user.id, name: interaction.user.username },
      deliveryId: `discord:interaction:${interaction.id}`,
      input: { type: 'message', text: symptom },
      place: venue.place,
      notices: (o) => targetNotice(ctx, interaction, o),
      send,
    });
    if (outgoing && outgoing.credentials.length > 0) {
      await interaction.followUp({
        content: safe(privateCredentialWarning(outgoing.credentials)),
        flags: MessageFlags.Ephemeral,
        allowedMentions: NO_PINGS,
      });
    }
  } catch (error) {
    const code = reportError(ctx, error, `command.${interaction.commandName}`);
    await interaction.deleteReply().catch(() => undefined);
    await interaction
      .followUp({ content: friendlyError(code), flags: MessageFlags.Ephemeral, allowedMentions: NO_PINGS })
      .catch((e: unknown) => reportError(ctx, e, 'command.notify'));
  }
}

export function isKeydoctorCommand(interaction: CommandInteraction): boolean {
  return (
    interaction.commandName ===
    (interaction.isChatInputCommand() ? DIAGNOSE_COMMAND : DIAGNOSE_MESSAGE_COMMAND)
  );
}
