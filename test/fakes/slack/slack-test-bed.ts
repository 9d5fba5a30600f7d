/**
 * The Slack adapter (the real Bolt) wired to the fake Slack, with helpers that act as a Slack user:
 * mention, reply in a thread, DM, click a button, run `/keydoctor`. Every helper resolves once the
 * adapter has finished handling what it sent (no sleeping).
 */
import pino, { type Logger } from 'pino';
import { createSlackAdapter, type SlackAdapter } from '../../../src/adapters/slack/slack-adapter.ts';
import { createConversationService } from '../../../src/conversation/conversation-service.ts';
import type { ConversationService } from '../../../src/conversation/types.ts';
import type { Engine } from '../../../src/engine/types.ts';
import { MemoryStateStore } from '../../../src/state/memory-state.ts';
import type { StateStore } from '../../../src/state/state-store.ts';
import { createFakeEngine } from '../../contract/fake-engine.ts';
import { FAKE_BOT_USER_ID, type FakeSlack, type StoredMessage, startFakeSlack } from './fake-slack-api.ts';
import {
  buttonClick,
  CHANNEL_ID,
  DM_CHANNEL_ID,
  eventEnvelope,
  mentionEvent,
  messageEvent,
  slashCommand,
} from './fixtures.ts';
import {
  postCommand,
  postEvent,
  postInteraction,
  type SignOptions,
  type SlackResponse,
} from './signed-requests.ts';

export const SIGNING_SECRET = 'fake-signing-secret-for-tests';
/** Token shapes are assembled at run time so no scanner-shaped literal sits in the repo. */
export const BOT_TOKEN = `${'xox'}b-0000-FAKE-bot-token`;
export const APP_TOKEN = `${'xa'}pp-1-FAKE-app-token`;
const TTL_MS = 60 * 60 * 1000;
/** Fast retries for tests: real 429s still wait Retry-After seconds. */
/** The outbox is looked at this often in tests. */
const OUTBOX_POLL_MS = 20;
const TEST_RETRY = { retries: 2, minTimeout: 0, maxTimeout: 1, factor: 1 };
/** How many times the adapter tries one Slack call in tests before giving up. */
export const ATTEMPTS_PER_CALL = TEST_RETRY.retries + 1;

export interface BedOptions {
  mode?: 'http' | 'socket';
  service?: ConversationService;
  engine?: Engine;
  supportMention?: string;
  logger?: Logger;
  /** waits before posting an answer again while Slack is down (default: never again) */
  /** waits before the outbox posts a refused answer again (default: none, it gives up) */
  retryDelaysMs?: number[];
  /** the store the service keeps its state in (default: a fresh memory store) */
  store?: StateStore;
  callTimeoutMs?: number;
  rateLimitPerMinute?: number;
  maxMessageChars?: number;
}

export interface SlackTestBed {
  fake: FakeSlack;
  adapter: SlackAdapter;
  /** the platform errors the adapter reported through its hooks */
  platformErrors: string[];
  /** an Events API envelope delivered as Slack would (signed POST, or a Socket Mode envelope) */
  sendEvent(event: object, options?: SignOptions & { eventId?: string }): Promise<SlackResponse>;
  mention(text: string, options?: { threadTs?: string; channel?: string }): Promise<{ ts: string }>;
  reply(threadTs: string, text: string, options?: { channel?: string }): Promise<{ ts: string }>;
  dm(text: string, options?: { threadTs?: string }): Promise<{ ts: string }>;
  /** clicks the button carrying `choiceId` on the newest message that offers it */
  click(choiceId: string): Promise<SlackResponse>;
  slash(text: string, options?: { channel?: string; sign?: SignOptions }): Promise<SlackResponse>;
  /** what the bot posted where everyone sees it (in posting order; updates applied in place) */
  visible(): StoredMessage[];
  ephemerals(): StoredMessage[];
  close(): Promise<void>;
}

export async function startSlackBed(options: BedOptions = {}): Promise<SlackTestBed> {
  const fake = await startFakeSlack();
  const mode = options.mode ?? 'http';
  const own = options.service
    ? undefined
    : createConversationService({
        engine: () => options.engine ?? createFakeEngine(),
        store: options.store ?? new MemoryStateStore(),
        ttlMs: TTL_MS,
        outboxPollMs: OUTBOX_POLL_MS,
        retryDelaysMs: options.retryDelaysMs ?? [],
        ...(options.rateLimitPerMinute ? { rateLimitPerMinute: options.rateLimitPerMinute } : {}),
        ...(options.maxMessageChars ? { maxMessageChars: options.maxMessageChars } : {}),
      });
  const service = options.service ?? own!;
  const adapter = createSlackAdapter({
    botToken: BOT_TOKEN,
    ...(mode === 'socket'
      ? { appToken: APP_TOKEN }
      : { signingSecret: SIGNING_SECRET, port: 0, host: '127.0.0.1' }),
    apiUrl: fake.apiUrl,
    logger: options.logger ?? pino({ level: 'silent' }),
    retryConfig: TEST_RETRY,
    ...(options.callTimeoutMs ? { callTimeoutMs: options.callTimeoutMs } : {}),
    ...(options.supportMention ? { supportMention: options.supportMention } : {}),
  });
  const platformErrors: string[] = [];
  await adapter.start(service, { platformError: (_platform, code) => platformErrors.push(code) });
  const url = adapter.eventsUrl() ?? '';

  async function deliver(
    kind: 'events_api' | 'slash_commands' | 'interactive',
    payload: object,
    send: () => Promise<SlackResponse>,
  ): Promise<SlackResponse> {
    if (mode === 'socket') {
      await fake.socket.deliver(kind, payload);
      await adapter.idle();
      return { status: 200, body: '' };
    }
    const response = await send();
    await adapter.idle();
    return response;
  }

  const bed: SlackTestBed = {
    fake,
    adapter,
    platformErrors,
    sendEvent(event, sign = {}) {
      const envelope = eventEnvelope(event, sign.eventId ? { eventId: sign.eventId } : {});
      return deliver('events_api', envelope, () => postEvent(url, SIGNING_SECRET, envelope, sign));
    },
    async mention(text, opts = {}) {
      const event = mentionEvent(text, opts);
      await bed.sendEvent(event);
      return { ts: event.ts };
    },
    async reply(threadTs, text, opts = {}) {
      const event = messageEvent(text, { threadTs, ...opts });
      await bed.sendEvent(event);
      return { ts: event.ts };
    },
    async dm(text, opts = {}) {
      const event = messageEvent(text, { channel: DM_CHANNEL_ID, channelType: 'im', ...opts });
      await bed.sendEvent(event);
      return { ts: event.ts };
    },
    click(choiceId) {
      const found = findButton(fake.messages, choiceId);
      if (!found) throw new Error(`no posted message offers the choice ${choiceId}`);
      const payload = buttonClick(found.message, found.button, fake.responseUrl('click'));
      return deliver('interactive', payload, () => postInteraction(url, SIGNING_SECRET, payload));
    },
    slash(text, opts = {}) {
      const command = slashCommand(text, fake.responseUrl('command'), opts);
      const fields = Object.fromEntries(Object.entries(command).map(([k, v]) => [k, String(v)]));
      return deliver('slash_commands', command, () => postCommand(url, SIGNING_SECRET, fields, opts.sign));
    },
    visible: () => fake.messages.filter((m) => !m.ephemeral),
    ephemerals: () => fake.messages.filter((m) => m.ephemeral),
    async close() {
      // as on SIGTERM: stop waiting on Slack first, so a hung call cannot hold the shutdown
      own?.interrupt();
      await adapter.stop();
      await own?.drain();
      await fake.close();
    },
  };
  return bed;
}

interface ButtonElement {
  type?: string;
  action_id?: string;
  value?: string;
  text?: { text?: string };
}

/** The newest visible message with a button for `choiceId`, and that button. */
export function findButton(
  messages: StoredMessage[],
  choiceId: string,
): { message: StoredMessage; button: { action_id: string; value?: string; label: string } } | undefined {
  for (const message of [...messages].reverse()) {
    if (message.ephemeral) continue;
    for (const b of buttonsOf(message)) {
      if (b.value === choiceId && b.action_id) {
        return { message, button: { action_id: b.action_id, value: b.value, label: b.text?.text ?? '' } };
      }
    }
  }
  return undefined;
}

/** The buttons of a stored message. */
export function buttonsOf(message: StoredMessage): ButtonElement[] {
  return (message.blocks ?? []).flatMap((block) => {
    const b = block as { type?: string; elements?: ButtonElement[] };
    return b.type === 'actions' && Array.isArray(b.elements)
      ? b.elements.filter((e) => e.type === 'button')
      : [];
  });
}

export { CHANNEL_ID, DM_CHANNEL_ID, FAKE_BOT_USER_ID };
