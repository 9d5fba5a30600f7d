import type { ConversationKey } from '../../state/conversation-store.ts';

/** Where a Slack conversation lives; `thread` is the thread's root ts (a DM without thread: the channel). */
export function slackConversationKey(team: string, channel: string, thread: string): ConversationKey {
  return { platform: 'slack', workspace: team, channel, thread };
}

/** Direct-message channel ids start with D; there a conversation need not be threaded. */
export function isDirectMessageChannel(channel: string): boolean {
  return channel.startsWith('D');
}

/**
 * The conversation a message (or a button on a message) belongs to, and the thread to answer in:
 * in channels always a thread (the message's own ts starts one); in DMs the channel itself unless the
 * user is inside a thread there.
 */
export function locateConversation(
  team: string,
  channel: string,
  ts: string,
  threadTs: string | undefined,
): { key: ConversationKey; replyThreadTs: string | undefined } {
  if (isDirectMessageChannel(channel)) {
    return { key: slackConversationKey(team, channel, threadTs ?? channel), replyThreadTs: threadTs };
  }
  const root = threadTs ?? ts;
  return { key: slackConversationKey(team, channel, root), replyThreadTs: root };
}
