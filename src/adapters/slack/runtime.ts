/** What every Slack handler shares: the Web API client, the service and the bot's identity. */
import type { webApi } from '@slack/bolt';
import type { Logger } from 'pino';
import type { ConversationService } from '../../conversation/types.ts';
import type { AdapterHooks } from '../adapter.ts';
import { ThreadTracker } from './thread-tracker.ts';

export interface BotIdentity {
  /** the bot user's id (U...), as mentions show it */
  userId: string;
  /** the bot's id (B...), as its messages carry it */
  botId: string;
  /** the workspace the token belongs to, for payloads that do not name one */
  teamId: string;
}

/**
 * The runtime keeps no cross-message state of its own: deliveries seen, threads joined, ordering
 * and answers not yet posted all live in the service's store, shared by every process.
 */
export interface SlackRuntime {
  client: webApi.WebClient;
  service: ConversationService;
  logger: Logger;
  hooks: AdapterHooks;
  bot: BotIdentity;
  threads: ThreadTracker;
  /** who to mention on a hand-off, e.g. `<!subteam^S123>` or `<@U123>` */
  supportMention?: string;
}

/** Slack's name for this platform in hooks, logs and the outbox. */
export const PLATFORM = 'slack';

/** The shared runtime of one started adapter. */
export function createRuntime(
  client: webApi.WebClient,
  service: ConversationService,
  logger: Logger,
  hooks: AdapterHooks,
  bot: BotIdentity,
  supportMention: string | undefined,
): SlackRuntime {
  return {
    client,
    service,
    logger,
    hooks,
    bot,
    threads: new ThreadTracker(client, service, bot, logger, hooks),
    ...(supportMention ? { supportMention } : {}),
  };
}
