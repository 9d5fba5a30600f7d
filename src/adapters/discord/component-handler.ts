/**
 * Button clicks and select-menu picks: acknowledge at once by disabling the clicked message's
 * components (the picked button turns green), then answer the choice where the conversation lives.
 */
import type { ButtonInteraction, Message, StringSelectMenuInteraction } from 'discord.js';
import { MessageFlags } from 'discord.js';
import type { ConversationKey } from '../../state/conversation-store.ts';
import { type AdapterContext, reportError } from './adapter-context.ts';
import { choiceFromComponent, disabledRows } from './components.ts';
import { keyForChannel, keyForThreadFrom } from './conversation-key.ts';
import { converse } from './converse.ts';
import { NO_PINGS, type OutMessage, type Place } from './deliver.ts';
import { friendlyError } from './platform-errors.ts';

type ComponentInteraction = ButtonInteraction | StringSelectMenuInteraction;

interface Venue {
  key: ConversationKey;
  place: Place;
  send: (m: OutMessage) => Promise<unknown>;
}

async function venueFor(ctx: AdapterContext, interaction: ComponentInteraction): Promise<Venue> {
  const followUp = (m: OutMessage) => interaction.followUp(m);
  const channel = interaction.channel;
  if (!interaction.inGuild()) {
    const ref = { id: interaction.channelId, guildId: null, parentId: null, isThread: false };
    return { key: keyForChannel(ref), place: 'dm', send: followUp };
  }
  const ref = { id: interaction.channelId, guildId: interaction.guildId, parentId: null, isThread: false };
  if (channel?.isThread()) {
    return {
      key: keyForChannel({ ...ref, parentId: channel.parentId, isThread: true }),
      place: 'thread',
      send: followUp,
    };
  }
  const message: Message = interaction.message;
  if (message.hasThread) {
    // the clicked message started a thread (same id): the conversation continues in there
    const thread = await ctx.client.channels.fetch(message.id);
    if (thread?.isThread()) {
      return { key: keyForThreadFrom(ref, message.id), place: 'thread', send: (m) => thread.send(m) };
    }
  }
  return { key: keyForChannel(ref), place: 'inline', send: followUp };
}

export async function handleComponent(ctx: AdapterContext, interaction: ComponentInteraction): Promise<void> {
  const values = interaction.isStringSelectMenu() ? interaction.values : [];
  const choiceId = choiceFromComponent(interaction.customId, values);
  if (!choiceId) return; // another app's component
  try {
    await interaction.update({
      components: disabledRows(
        interaction.message.components.map((row) => row.toJSON()) as Parameters<typeof disabledRows>[0],
        interaction.customId,
      ),
    });
  } catch (error) {
    // the answer still matters more than the greyed-out buttons
    reportError(ctx, error, 'component.update');
  }
  try {
    const venue = await venueFor(ctx, interaction);
    await converse(ctx, {
      key: venue.key,
      user: { id: interaction.user.id, name: interaction.user.username },
      deliveryId: `discord:interaction:${interaction.id}`,
      input: { type: 'choice', choiceId },
      place: venue.place,
      send: venue.send,
    });
  } catch (error) {
    const code = reportError(ctx, error, 'component');
    await interaction
      .followUp({ content: friendlyError(code), flags: MessageFlags.Ephemeral, allowedMentions: NO_PINGS })
      .catch((e: unknown) => reportError(ctx, e, 'component.notify'));
  }
}
