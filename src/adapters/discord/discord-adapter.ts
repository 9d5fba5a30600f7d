/**
 * The Discord adapter: the real discord.js client, configured with the fewest intents that work,
 * handing mentions, thread messages, DMs, commands and component clicks to the conversation service.
 * Every handler is wrapped: one failure is logged and reported, never a crash.
 */
import { once } from 'node:events';
import { Client, Events, type Interaction, type Message } from 'discord.js';
import type { Logger } from 'pino';
import type { ConversationService } from '../../conversation/types.ts';
import type { Adapter, AdapterHooks } from '../adapter.ts';
import { type AdapterContext, PLATFORM, reportError } from './adapter-context.ts';
import { clientOptions } from './client-options.ts';
import { handleCommand, isKeydoctorCommand } from './command-handler.ts';
import { handleComponent } from './component-handler.ts';
import { handleMessage } from './message-handler.ts';
import { errorCode } from './platform-errors.ts';

export interface DiscordAdapterOptions {
  token: string;
  applicationId: string;
  /** REST base, e.g. 'http://127.0.0.1:PORT/api' (discord.js appends /v10); default Discord's own */
  apiUrl?: string;
  /** role mentioned when a conversation is handed to a person */
  supportRoleId?: string;
  /** the privileged Message Content intent is enabled for this application */
  messageContentIntent?: boolean;
  logger: Logger;
}

/** Gateway close codes that end a login for good. */
const AUTHENTICATION_FAILED = 4004;
const DISALLOWED_INTENTS = 4014;

/** Why a login failed, in words an operator can act on (never the token). */
function loginHint(error: unknown): string {
  const code = (error as { code?: unknown }).code;
  const closeCode = (error as { closeCode?: number }).closeCode;
  if (
    code === 'TokenInvalid' ||
    (error as { status?: number }).status === 401 ||
    closeCode === AUTHENTICATION_FAILED
  ) {
    return 'Discord refused DISCORD_TOKEN; reset the bot token in the Developer Portal and set it again';
  }
  if (code === 'DisallowedIntents' || closeCode === DISALLOWED_INTENTS) {
    return 'DISCORD_MESSAGE_CONTENT is on but the Message Content intent is not enabled for the bot in the Developer Portal';
  }
  return 'check DISCORD_API_URL and the network';
}

export function createDiscordAdapter(opts: DiscordAdapterOptions): Adapter & {
  /** resolves once no event is being handled (tests wait on it) */
  idle(): Promise<void>;
} {
  const logger = opts.logger.child({ adapter: PLATFORM });
  let client: Client | undefined;
  let stopping = false;
  const inFlight = new Set<Promise<void>>();

  /** Runs a handler so that it is tracked for stop() and can never throw into discord.js. */
  function track(ctx: AdapterContext, where: string, work: () => Promise<void>): void {
    if (stopping) return;
    const run = work()
      .catch((error: unknown) => {
        reportError(ctx, error, where);
      })
      .finally(() => inFlight.delete(run));
    inFlight.add(run);
  }

  function onInteraction(ctx: AdapterContext, interaction: Interaction): void {
    if (interaction.user.bot) return;
    if (
      (interaction.isChatInputCommand() || interaction.isMessageContextMenuCommand()) &&
      isKeydoctorCommand(interaction)
    ) {
      track(ctx, 'interaction.command', () => handleCommand(ctx, interaction));
    } else if (interaction.isButton() || interaction.isStringSelectMenu()) {
      track(ctx, 'interaction.component', () => handleComponent(ctx, interaction));
    }
  }

  return {
    name: PLATFORM,

    async start(service: ConversationService, hooks: AdapterHooks = {}): Promise<void> {
      stopping = false;
      const c = new Client(clientOptions(opts));
      client = c;
      const ctx: AdapterContext = {
        client: c as Client<true>,
        service,
        hooks,
        logger,
        messageContentIntent: opts.messageContentIntent ?? false,
        ...(opts.supportRoleId ? { supportRoleId: opts.supportRoleId } : {}),
      };
      c.on(Events.MessageCreate, (message: Message) =>
        track(ctx, 'messageCreate', () => handleMessage(ctx, message)),
      );
      c.on(Events.InteractionCreate, (interaction) => onInteraction(ctx, interaction));
      c.on(Events.Error, (error) => reportError(ctx, error, 'client'));
      c.on(Events.ShardError, (error) => reportError(ctx, error, 'gateway'));
      c.on(Events.ShardDisconnect, (event) => {
        logger.error({ closeCode: event.code }, 'discord gateway closed for good');
        hooks.platformError?.(PLATFORM, 'gateway_closed');
      });
      c.rest.on('rateLimited', (info) => {
        logger.info({ route: info.route, retryAfterMs: info.retryAfter }, 'discord rate limit: waiting');
        hooks.platformError?.(PLATFORM, 'rate_limited');
      });
      // the gateway may refuse us for good (bad token 4004, intents not enabled 4014): fail start, not hang
      const refused = once(c, Events.ShardDisconnect).then(([event]) => {
        const closeCode = (event as { code: number }).code;
        throw Object.assign(new Error(`gateway closed with ${closeCode}`), { closeCode });
      });
      const ready = Promise.race([once(c, Events.ClientReady), refused]);
      ready.catch(() => undefined); // a failed login is reported below, not as an unhandled rejection
      refused.catch(() => undefined);
      try {
        await Promise.race([c.login(opts.token), refused]);
        await ready;
      } catch (error) {
        await c.destroy();
        client = undefined;
        throw new Error(`Discord login failed (${errorCode(error)}): ${loginHint(error)}`, { cause: error });
      }
      if (c.application?.id && c.application.id !== opts.applicationId) {
        logger.warn('DISCORD_APPLICATION_ID does not match the application of DISCORD_TOKEN');
      }
      logger.info({ user: c.user?.tag }, 'discord adapter connected');
    },

    async stop(): Promise<void> {
      stopping = true;
      await Promise.allSettled([...inFlight]);
      await client?.destroy();
      client = undefined;
    },

    isReady(): boolean {
      return !stopping && (client?.isReady() ?? false);
    },

    async idle(): Promise<void> {
      while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
    },
  };
}
