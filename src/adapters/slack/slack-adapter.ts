/**
 * The Slack adapter, through the real Bolt: mentions and thread follow-ups, DMs, `/keydoctor`, and
 * buttons, rendered as Block Kit. Socket Mode when an app-level token is configured, else HTTP mode
 * with a signing secret on a port. The Web API base URL is configuration (GovSlack, a loopback fake).
 */
import { App, webApi } from '@slack/bolt';
import type { Logger } from 'pino';
import type { ConversationService } from '../../conversation/types.ts';
import type { Adapter, AdapterHooks } from '../adapter.ts';
import { registerBlockActions } from './block-actions.ts';
import { boltLogger } from './bolt-logger.ts';
import { registerDedupe } from './dedupe.ts';
import { registerMessageEvents } from './message-events.ts';
import { identifyBot } from './identify.ts';
import {
  EVENTS_PATH,
  httpReceiver,
  type ReceiverSetup,
  socketModeReceiver,
  TrackingReceiver,
} from './receivers.ts';
import { slackPoster } from './reply-poster.ts';
import { createRuntime, PLATFORM } from './runtime.ts';
import { scrubCredentials } from './scrub.ts';
import { registerSlashCommand } from './slash-command.ts';

export interface SlackAdapterOptions {
  /** the bot token (xoxb-...) */
  botToken: string;
  /** an app-level token (xapp-...) with connections:write: selects Socket Mode */
  appToken?: string;
  /** the app's signing secret: HTTP mode */
  signingSecret?: string;
  /** HTTP mode's port (0: any free port) */
  port?: number;
  /** the Web API base URL, default Slack's own (GovSlack: https://slack-gov.com/api/) */
  apiUrl?: string;
  /** who to mention on a hand-off, e.g. `<!subteam^S123>` or `<@U123>` */
  supportMention?: string;
  logger: Logger;
  /** HTTP mode's bind address (default: all interfaces) */
  host?: string;
  /** how the Web API client retries failed calls (not 429s: those delay only their conversation) */
  retryConfig?: webApi.RetryOptions;
  /** every Web API call fails after this long (default SLACK_CALL_TIMEOUT_MS) */
  callTimeoutMs?: number;
}

/** The Slack adapter, plus what tests and ops need to see. */
export interface SlackAdapter extends Adapter {
  /** HTTP mode: the URL Slack should post to (with the actual port) once started */
  eventsUrl(): string | undefined;
  /** resolves when no Slack event is being handled */
  idle(): Promise<void>;
}

export const DEFAULT_SLACK_API_URL = 'https://slack.com/api/';
const DEFAULT_PORT = 3000;
/** A Slack Web API call that has not answered by then fails (and its answer waits in the outbox). */
export const SLACK_CALL_TIMEOUT_MS = 10_000;
/** Two quick retries, then the answer waits in the store's outbox and is posted later. */
const DEFAULT_RETRY: webApi.RetryOptions = {
  retries: 2,
  factor: 2,
  minTimeout: 500,
  maxTimeout: 2_000,
  randomize: true,
};

/** Creates the Slack adapter; nothing connects until `start`. */
export function createSlackAdapter(opts: SlackAdapterOptions): SlackAdapter {
  if (!opts.appToken && !opts.signingSecret) {
    throw new Error('Slack needs SLACK_APP_TOKEN (Socket Mode) or SLACK_SIGNING_SECRET (HTTP mode)');
  }
  const logger = opts.logger.child({ adapter: PLATFORM });
  const bolt = boltLogger(logger, scrubCredentials);
  const apiUrl = withTrailingSlash(opts.apiUrl ?? DEFAULT_SLACK_API_URL);
  const clientOptions: webApi.WebClientOptions = {
    slackApiUrl: apiUrl,
    retryConfig: opts.retryConfig ?? DEFAULT_RETRY,
    timeout: opts.callTimeoutMs ?? SLACK_CALL_TIMEOUT_MS,
    // A 429 fails the call at once: the service delays only that conversation, not the whole client.
    rejectRateLimitedCalls: true,
    logger: bolt,
  };
  let setup: ReceiverSetup | undefined;
  let tracking: TrackingReceiver | undefined;
  let app: App | undefined;
  let ready = false;

  return {
    name: PLATFORM,

    async start(service: ConversationService, hooks: AdapterHooks = {}): Promise<void> {
      const bot = await identifyBot(opts.botToken, { ...clientOptions, slackApiUrl: apiUrl });
      setup = opts.appToken
        ? socketModeReceiver(opts.appToken, clientOptions, bolt)
        : httpReceiver(opts.signingSecret ?? '', opts.port ?? DEFAULT_PORT, opts.host, bolt);
      tracking = new TrackingReceiver(setup.receiver);
      app = new App({
        token: opts.botToken,
        botId: bot.botId,
        botUserId: bot.userId,
        tokenVerificationEnabled: false, // identify() already called auth.test
        receiver: tracking,
        logger: bolt,
        clientOptions,
        convoStore: false,
        ignoreSelf: true,
      });
      app.error(async (error) => {
        logger.error({ code: error.code, message: error.message }, 'Bolt reported an error');
      });
      app.client.on(webApi.WebClientEvent.RATE_LIMITED, (retryAfterSec: number) => {
        hooks.platformError?.(PLATFORM, 'rate_limited');
        logger.warn({ retryAfterSec }, 'Slack rate-limited a call; that conversation waits');
      });
      const runtime = createRuntime(app.client, service, logger, hooks, bot, opts.supportMention);
      service.registerPoster(PLATFORM, slackPoster(runtime));
      registerDedupe(app, runtime);
      registerMessageEvents(app, runtime);
      registerSlashCommand(app, runtime);
      registerBlockActions(app, runtime);
      setup.onConnectionChange((connected) => {
        ready = connected;
      });
      await setup.start();
      ready = true;
      logger.info({ mode: opts.appToken ? 'socket' : 'http', team: bot.teamId }, 'Slack adapter started');
    },

    async stop(): Promise<void> {
      ready = false;
      const running = app;
      app = undefined;
      if (!running) return;
      await running
        .stop()
        .catch((error: unknown) => logger.warn({ message: String(error) }, 'stopping Bolt failed'));
      await tracking?.idle();
    },

    isReady: () => ready,

    eventsUrl(): string | undefined {
      const address = setup?.address();
      if (!address) return undefined;
      const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
      return `http://${host}:${address.port}${EVENTS_PATH}`;
    },

    idle: async () => {
      await tracking?.idle();
    },
  };
}

function withTrailingSlash(url: string): string {
  return url.endsWith('/') ? url : `${url}/`;
}
