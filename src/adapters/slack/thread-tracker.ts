/**
 * Knows which threads keydoctor is part of, so follow-ups there are answered without a mention and
 * every other thread is left alone. Threads the bot posted in are remembered; an unknown thread (after
 * a restart, or on another replica) is checked once with `conversations.replies`.
 */
import type { webApi } from '@slack/bolt';
import type { Logger } from 'pino';
import { z } from 'zod';
import type { AdapterHooks } from '../adapter.ts';
import { slackErrorCode } from './platform-errors.ts';
import { RecentIds } from './recent-ids.ts';
import type { BotIdentity } from './runtime.ts';

const MAX_TRACKED_THREADS = 10_000;
const THREAD_MEMORY_MS = 24 * 60 * 60 * 1000;
/** A thread found not to be ours is not asked about again for a while. */
const NOT_OURS_MEMORY_MS = 10 * 60 * 1000;
/** How many replies to scan for one of ours. */
const REPLIES_PAGE = 200;

const repliesSchema = z.object({
  messages: z.array(z.object({ user: z.string().optional(), bot_id: z.string().optional() })).default([]),
});

export class ThreadTracker {
  readonly #ours = new RecentIds(MAX_TRACKED_THREADS, THREAD_MEMORY_MS);
  readonly #notOurs = new RecentIds(MAX_TRACKED_THREADS, NOT_OURS_MEMORY_MS);

  constructor(
    private readonly client: webApi.WebClient,
    private readonly bot: BotIdentity,
    private readonly logger: Logger,
    private readonly hooks: AdapterHooks,
  ) {}

  /** Marks a thread as one keydoctor takes part in. */
  remember(channel: string, threadTs: string): void {
    const id = `${channel}:${threadTs}`;
    this.#notOurs.forget(id);
    this.#ours.firstTime(id);
  }

  /** True when keydoctor started or answered in this thread. */
  async isOurs(channel: string, threadTs: string, parentUserId?: string): Promise<boolean> {
    const id = `${channel}:${threadTs}`;
    if (this.#ours.has(id) || parentUserId === this.bot.userId) return true;
    if (this.#notOurs.has(id)) return false;
    const ours = await this.#askSlack(channel, threadTs);
    if (ours) this.remember(channel, threadTs);
    else this.#notOurs.firstTime(id);
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
