/** The discord.js client configuration: only the intents keydoctor needs, REST pointed at the configured API. */
import { type ClientOptions, GatewayIntentBits, Partials } from 'discord.js';
import { NO_PINGS } from './deliver.ts';

/** A failed call is retried this often (5xx, network errors); 429s wait out Retry-After on their own. */
export const REST_RETRIES = 2;
/** A REST call that takes longer than this is aborted (and retried). */
export const REST_TIMEOUT_MS = 10_000;

export interface ClientConfig {
  apiUrl?: string;
  messageContentIntent?: boolean;
}

export function clientOptions(config: ClientConfig): ClientOptions {
  const intents = [
    GatewayIntentBits.Guilds,
    GatewayIntentBits.GuildMessages,
    GatewayIntentBits.DirectMessages,
  ];
  // privileged: lets the bot read unmentioned messages (follow-ups in its threads without a mention)
  if (config.messageContentIntent) intents.push(GatewayIntentBits.MessageContent);
  return {
    intents,
    // DM channels are not cached before their first message; without Channel, DMs never arrive
    partials: [Partials.Channel, Partials.Message],
    allowedMentions: NO_PINGS,
    rest: {
      retries: REST_RETRIES,
      timeout: REST_TIMEOUT_MS,
      ...(config.apiUrl ? { api: config.apiUrl } : {}),
    },
  };
}
