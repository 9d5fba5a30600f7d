/** What every Slack handler shares: the Web API client, the service, identity, and small caches. */
import type { webApi } from '@slack/bolt';
import type { Logger } from 'pino';
import { KeyedQueue } from '../../bot/keyed-queue.ts';
import type { ConversationService } from '../../bot/types.ts';
import type { AdapterHooks } from '../adapter.ts';
import { RecentIds } from './recent-ids.ts';
import type { Redelivery } from './redelivery.ts';
import { ThreadTracker } from './thread-tracker.ts';

const DEDUPE_SIZE = 5000;
/** Slack retries a delivery up to three times over about five minutes. */
const DEDUPE_WINDOW_MS = 15 * 60 * 1000;

export interface BotIdentity {
  /** the bot user's id (U...), as mentions show it */
  userId: string;
  /** the bot's id (B...), as its messages carry it */
  botId: string;
  /** the workspace the token belongs to, for payloads that do not name one */
  teamId: string;
}

export interface SlackRuntime {
  client: webApi.WebClient;
  service: ConversationService;
  logger: Logger;
  hooks: AdapterHooks;
  bot: BotIdentity;
  threads: ThreadTracker;
  /** event ids and message ids already handled (retries, mention + message double delivery) */
  seen: RecentIds;
  /** who to mention on a hand-off, e.g. `<!subteam^S123>` or `<@U123>` */
  supportMention?: string;
  /** posts answers, trying again later while Slack is down */
  redelivery: Redelivery;
  /** runs tasks of one conversation one at a time, so replies are posted in order */
  inOrder<T>(conversation: string, task: () => Promise<T>): Promise<T>;
}

/** Slack's name for this platform in hooks and logs. */
export const PLATFORM = 'slack';

/** The shared runtime of one started adapter. */
export function createRuntime(
  client: webApi.WebClient,
  service: ConversationService,
  logger: Logger,
  hooks: AdapterHooks,
  bot: BotIdentity,
  supportMention: string | undefined,
  redelivery: Redelivery,
): SlackRuntime {
  const queue = new KeyedQueue();
  return {
    client,
    service,
    logger,
    hooks,
    bot,
    threads: new ThreadTracker(client, bot, logger, hooks),
    seen: new RecentIds(DEDUPE_SIZE, DEDUPE_WINDOW_MS),
    redelivery,
    ...(supportMention ? { supportMention } : {}),
    inOrder: (conversation, task) => queue.run(conversation, task),
  };
}
