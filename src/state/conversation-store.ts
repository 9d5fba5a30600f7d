/**
 * Where a conversation happens: platform, workspace/guild, channel and thread. Its state is saved on
 * the StateStore (see conversations.ts).
 */

export type Platform = 'console' | 'slack' | 'discord';

/** Where a conversation happens. `thread` is the thread ts/id, or the channel for a DM without threads. */
export interface ConversationKey {
  platform: Platform;
  workspace: string;
  channel: string;
  thread: string;
}

/** A stable string for a key, used as the storage key. */
export function conversationKeyString(key: ConversationKey): string {
  return [key.platform, key.workspace, key.channel, key.thread].map(encodeURIComponent).join(':');
}
