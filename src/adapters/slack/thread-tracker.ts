/**
 * Knows which threads keydoctor is part of, so follow-ups there are answered without a mention and
 * every other thread is left alone. Threads the bot posted in are remembered in the shared store; an
 * unknown thread (one the store forgot) is checked once with `conversations.replies`.
 */
import type { webApi } from '@slack/bolt';
import type { Logger } from 'pino';
import { z } from 'zod';
import type { AdapterHooks } from '../adapter.ts';
import { slackErrorCode } from './platform-errors.ts';
import type { ConversationMemory } from '../../conversation/types.ts';
import type { BotIdentity } from './runtime.ts';

/** How many replies to scan for one of ours. */
const REPLIES_PAGE = 200;

const repliesSchema = z.object({
  messages: z.array(z.object({ user: z.string().optional(), bot_id: z.string().optional() })).default([]),
});

export class ThreadTracker {
  constructor(
    private readonly client: webApi.WebClient,
    private readonly memory: ConversationMemory,
    private readonly bot: BotIdentity,
    private readonly logger: Logger,
    private readonly hooks: AdapterHooks,
  ) {}

  /** Marks a thread as one keydoctor takes part in. */
  remember(channel: string, threadTs: string): Promise<void> {
    return this.memory.rememberThread(`slack:${channel}:${threadTs}`);
  }

  /** True when keydoctor started or answered in this thread. */
  async isOurs(channel: string, threadTs: string, parentUserId?: string): Promise<boolean> {
    if (parentUserId === this.bot.userId) return true;
    const known = await this.memory.knowsThread(`slack:${channel}:${threadTs}`);
    if (known !== undefined) return known;
    const ours = await this.#askSlack(channel, threadTs);
    if (ours) await this.remember(channel, threadTs);
    else await this.memory.forgetThread(`slack:${channel}:${threadTs}`);
    return ours;
  }

  async #askSlack(channel: string, threadTs: string): Promise<boolean> {
    try {
      const result = repliesSchema.parse(
        await this.client.conversations.replies({ channel, ts: threadTs, limit: REPLIES_PAGE }),
      );
      return result.messages.some((m) => m.user === this.bot.userId || m.bot_id === this.bot.botId);
    } catch (error) {
      const code = slackErrorCode(error) ?? 'unexpected_reply';
      this.hooks.platformError?.('slack', code);
      this.logger.warn({ code, channel }, 'could not check whether a thread is ours; ignoring its message');
      return false;
    }
  }
}
