/**
 * Where a Discord conversation lives. A thread is its own conversation (a thread started from a
 * message has that message's id, so the starter message maps to the same key); a DM is one
 * conversation per DM channel; a guild channel where no thread could be opened is one inline
 * conversation for that channel.
 */
import type { ConversationKey } from '../../state/conversation-store.ts';

/** The workspace part of a DM conversation's key. */
export const DM_WORKSPACE = '@dm';

export interface ChannelRef {
  id: string;
  guildId: string | null;
  /** set for threads: the channel the thread belongs to */
  parentId: string | null;
  isThread: boolean;
}

export function keyForChannel(channel: ChannelRef): ConversationKey {
  if (!channel.guildId)
    return { platform: 'discord', workspace: DM_WORKSPACE, channel: channel.id, thread: channel.id };
  if (channel.isThread && channel.parentId) {
    return { platform: 'discord', workspace: channel.guildId, channel: channel.parentId, thread: channel.id };
  }
  return { platform: 'discord', workspace: channel.guildId, channel: channel.id, thread: channel.id };
}

/** The key of the thread started from `messageId` in the guild channel `channel`. */
export function keyForThreadFrom(channel: ChannelRef, messageId: string): ConversationKey {
  return {
    platform: 'discord',
    workspace: channel.guildId ?? DM_WORKSPACE,
    channel: channel.id,
    thread: messageId,
  };
}
