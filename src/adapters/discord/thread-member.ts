/**
 * The person who asked is added to the thread the bot opens for them, so its follow-up questions
 * reach them as thread notifications. Needs only Send Messages in Threads; a refusal is reported
 * and the conversation goes on (they can still open the thread from the channel).
 */
import type { ThreadChannel } from 'discord.js';
import { type AdapterContext, reportError } from './adapter-context.ts';

export async function addAskerToThread(
  ctx: AdapterContext,
  thread: ThreadChannel,
  userId: string,
): Promise<void> {
  try {
    await thread.members.add(userId);
  } catch (error) {
    reportError(ctx, error, 'thread.members.add');
  }
}
