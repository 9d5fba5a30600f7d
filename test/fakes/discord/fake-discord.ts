/**
 * A fake Discord on 127.0.0.1: the REST routes discord.js calls (under /api/v10) and a gateway on the
 * same port. It keeps just enough state (channels, messages, interactions) to answer like Discord,
 * enforces message limits and the bot's permissions, records every call, and injects faults.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  type APIChannel,
  type APIInteraction,
  type APIMessage,
  type ChannelType,
  GatewayIntentBits,
} from 'discord-api-types/v10';
import { FakeGateway, type Shard, shardOf } from './fake-gateway.ts';
import { FakeRest, type FakeWorld, type InteractionRecord, type VisibleSnapshot } from './fake-rest.ts';
import {
  BOT_USER,
  componentInteraction,
  DEFAULT_BOT_PERMISSIONS,
  dmChannel,
  guildCreate,
  HUMAN,
  IDS,
  user as makeUser,
  message,
  messageCommand,
  nextId,
  ready,
  slashCommand,
  textChannel,
} from './fixtures.ts';
import { parseBody, readRaw } from './http-body.ts';

export type { VisibleSnapshot } from './fake-rest.ts';

export const FAKE_TOKEN = 'FAKE-discord-bot-token-for-tests';
const API_PREFIX = '/api/v10';

export interface RecordedCall {
  method: string;
  /** the path as it arrived (still URL-encoded, e.g. `%40original`) */
  rawPath: string;
  /** decoded path below /api/v10 */
  path: string;
  query: string;
  body: unknown;
  raw: string;
  status: number;
}

export interface FaultRule {
  method?: string;
  /** matched against the decoded path below /api/v10 */
  path: RegExp;
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** how many matching calls fail (default 1) */
  times?: number;
}

export class FakeDiscord implements FakeWorld {
  readonly calls: RecordedCall[] = [];
  readonly gatewayFrames: string[] = [];
  readonly snapshots: VisibleSnapshot[] = [];
  readonly channels = new Map<string, APIChannel>();
  readonly messages = new Map<string, APIMessage>();
  readonly interactions = new Map<string, InteractionRecord>();
  readonly threadMembers = new Map<string, Set<string>>();
  readonly #rest = new FakeRest(this);
  readonly #faults: (FaultRule & { left: number })[] = [];
  readonly #listeners = new Set<() => void>();
  readonly #server: Server;
  #gateway!: FakeGateway;
  #port = 0;
  /** the bot's permissions in the guild's channels (a role); set before `start()` */
  botPermissions: bigint;

  /** whether the application may use the privileged Message Content intent */
  readonly #messageContentAllowed: boolean;
  /** the shard count GET /gateway/bot recommends (Discord's `shards`) */
  readonly recommendedShards: number;

  constructor(
    options: { botPermissions?: bigint; messageContentAllowed?: boolean; recommendedShards?: number } = {},
  ) {
    this.botPermissions = options.botPermissions ?? DEFAULT_BOT_PERMISSIONS;
    this.#messageContentAllowed = options.messageContentAllowed ?? true;
    this.recommendedShards = options.recommendedShards ?? 1;
    this.channels.set(IDS.text, textChannel(IDS.text, 'help'));
    this.#server = createServer((req, res) => {
      void this.#handle(req, res);
    });
  }

  /** Listens on 127.0.0.1 on a free port. */
  async start(): Promise<this> {
    this.#gateway = new FakeGateway(this.#server, {
      token: FAKE_TOKEN,
      messageContentAllowed: this.#messageContentAllowed,
      record: (frame) => {
        this.gatewayFrames.push(frame);
        this.#notify();
      },
      onIdentify: (_intents, [id, count]) => {
        const owns = shardOf(IDS.guild, count) === id;
        const base = ready(`session-${nextId()}`, this.gatewayUrl);
        return {
          ready: owns ? base : { ...base, guilds: [] },
          guild: owns ? guildCreate(this.botPermissions, [this.channels.get(IDS.text)!]) : undefined,
        };
      },
    });
    await new Promise<void>((resolve) => this.#server.listen(0, '127.0.0.1', resolve));
    this.#port = (this.#server.address() as AddressInfo).port;
    return this;
  }

  /** The value for discord.js `rest.api` / DISCORD_API_URL. */
  get apiUrl(): string {
    return `http://127.0.0.1:${this.#port}/api`;
  }

  /** the shard ids that identified on the gateway, in order */
  get identifiedShards(): readonly number[] {
    return this.#gateway.identified;
  }

  /** each IDENTIFY's [shard id, shard count], in order */
  get identifiedAs(): readonly Shard[] {
    return this.#gateway.identifiedAs;
  }

  get gatewayUrl(): string {
    return `ws://127.0.0.1:${this.#port}`;
  }

  /** True when the client identified with the privileged Message Content intent. */
  get hasMessageContentIntent(): boolean {
    return (this.#gateway.intents & GatewayIntentBits.MessageContent) !== 0;
  }

  async close(): Promise<void> {
    await this.#gateway.close();
    this.#server.closeAllConnections();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }

  // -------------------------------------------------------------------------------------------
  // Test controls
  // -------------------------------------------------------------------------------------------

  /** Makes the next matching call(s) fail with `status` (e.g. 429 with Retry-After, 403 50013, 500). */
  failNext(rule: FaultRule): void {
    this.#faults.push({ ...rule, left: rule.times ?? 1 });
  }

  #notify(): void {
    for (const listener of [...this.#listeners]) listener();
  }

  /** Drops every fault rule not used up yet. */
  clearFaults(): void {
    this.#faults.length = 0;
  }

  /** Resolves once `predicate` holds (checked after every call); rejects after `timeoutMs`. */
  waitFor<T>(predicate: () => T | undefined | false, timeoutMs = 5_000): Promise<T> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const value = predicate();
        if (value) {
          this.#listeners.delete(check);
          clearTimeout(timer);
          resolve(value);
        }
      };
      const timer = setTimeout(() => {
        this.#listeners.delete(check);
        reject(new Error('fake discord: waited too long for the bot'));
      }, timeoutMs);
      this.#listeners.add(check);
      check();
    });
  }

  /** Recorded calls whose method and decoded path match. */
  callsTo(method: string, path: RegExp): RecordedCall[] {
    return this.calls.filter((c) => c.method === method && path.test(c.path));
  }

  /** Every byte sent to the fake: URLs, request bodies and gateway frames. */
  rawOutbound(): string {
    return [
      ...this.calls.map((c) => `${c.method} ${c.rawPath}?${c.query}\n${c.raw}`),
      ...this.gatewayFrames,
    ].join('\n');
  }

  /** Messages the bot posted or changed in `channelId` (all channels when omitted), in order. */
  visible(channelId?: string): VisibleSnapshot[] {
    return this.snapshots.filter((s) => channelId === undefined || s.channelId === channelId);
  }

  dispatch(event: string, data: unknown): void {
    this.#gateway.dispatch(event, data);
  }

  /** A user message in a guild channel or thread; `mention` puts the bot's mention first. */
  userSays(
    content: string,
    options: { channelId?: string; mention?: boolean; bot?: boolean } = {},
  ): APIMessage {
    const channelId = options.channelId ?? IDS.text;
    const author = options.bot ? makeUser(IDS.otherBot, 'otherbot', true) : HUMAN;
    const text = options.mention ? `<@${IDS.bot}> ${content}` : content;
    const msg = message({ channelId, author, content: text, mentions: options.mention ? [BOT_USER] : [] });
    this.messages.set(msg.id, msg);
    // without the privileged intent Discord blanks content the bot is not mentioned in
    const delivered = options.mention || this.hasMessageContentIntent ? msg : { ...msg, content: '' };
    this.dispatch('MESSAGE_CREATE', this.withChannelType(delivered));
    return msg;
  }

  /** A direct message from the user (content is always delivered in DMs). */
  userDMs(content: string, dmChannelId = '1700000000000000001'): APIMessage {
    if (!this.channels.has(dmChannelId)) this.channels.set(dmChannelId, dmChannel(dmChannelId, HUMAN));
    const msg = message({ channelId: dmChannelId, author: HUMAN, content, guild: false });
    this.messages.set(msg.id, msg);
    this.dispatch('MESSAGE_CREATE', this.withChannelType(msg));
    return msg;
  }

  /** `/diagnose` in `channelId` with the given options. */
  slash(
    options: { name: string; value: string }[],
    channelId: string = IDS.text,
    appPermissions?: bigint,
  ): APIInteraction {
    const interaction = slashCommand({
      channel: this.#channel(channelId),
      options: options.map((o) => ({ ...o, type: 3 as const })),
      ...(appPermissions === undefined ? {} : { appPermissions }),
    });
    return this.#interact(interaction, channelId);
  }

  /** "Diagnose this message" on a stored message. */
  contextMenu(targetId: string, appPermissions?: bigint): APIInteraction {
    const target = this.messages.get(targetId)!;
    const interaction = messageCommand({
      channel: this.#channel(target.channel_id),
      target,
      ...(appPermissions === undefined ? {} : { appPermissions }),
    });
    return this.#interact(interaction, target.channel_id);
  }

  /** A click on a button (or a pick from a select menu) of a stored message. */
  click(messageId: string, customId: string, values?: string[]): APIInteraction {
    const msg = this.messages.get(messageId)!;
    const interaction = componentInteraction({
      channel: this.#channel(msg.channel_id),
      message: msg,
      customId,
      ...(values ? { values } : {}),
    });
    return this.#interact(interaction, msg.channel_id);
  }

  /** MESSAGE_CREATE carries the channel's type: discord.js needs it to build an uncached DM channel. */
  withChannelType(msg: APIMessage): APIMessage & { channel_type?: ChannelType } {
    const type = this.channels.get(msg.channel_id)?.type;
    return type === undefined ? msg : { ...msg, channel_type: type };
  }

  #interact(interaction: APIInteraction, channelId: string): APIInteraction {
    this.interactions.set(interaction.token, { interaction, channelId });
    this.dispatch('INTERACTION_CREATE', interaction);
    return interaction;
  }

  #channel(id: string): APIChannel {
    const channel = this.channels.get(id);
    if (!channel) throw new Error(`fake discord: unknown channel ${id}`);
    return channel;
  }

  // -------------------------------------------------------------------------------------------
  // HTTP
  // -------------------------------------------------------------------------------------------

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const raw = await readRaw(req);
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const rawPath = url.pathname;
    const path = decodeURIComponent(rawPath).replace(API_PREFIX, '');
    const method = req.method ?? 'GET';
    const body = parseBody(req.headers['content-type'], raw);
    const reply = (status: number, payload?: unknown, headers: Record<string, string> = {}) => {
      this.calls.push({ method, rawPath, path, query: url.search.slice(1), body, raw, status });
      res.writeHead(
        status,
        payload === undefined ? headers : { 'content-type': 'application/json', ...headers },
      );
      res.end(payload === undefined ? undefined : JSON.stringify(payload));
      this.#notify();
    };
    const fault = this.#faults.find(
      (f) => f.left > 0 && (!f.method || f.method === method) && f.path.test(path),
    );
    if (fault) {
      fault.left -= 1;
      reply(fault.status, fault.body ?? { message: 'fault', code: 0 }, fault.headers);
      return;
    }
    if (req.headers.authorization !== `Bot ${FAKE_TOKEN}` && !/^\/(interactions|webhooks)\//.test(path)) {
      reply(401, { message: '401: Unauthorized', code: 0 });
      return;
    }
    try {
      const result = this.#rest.route(
        method,
        path,
        (body ?? {}) as Record<string, unknown>,
        url.searchParams,
      );
      reply(result.status, result.body);
    } catch (error) {
      reply(500, { message: String(error), code: 0 });
    }
  }
}
