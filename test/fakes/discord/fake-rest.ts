/**
 * The fake Discord's REST routes under /api/v10: what discord.js calls to post, edit and delete
 * messages, open threads, answer interactions and register commands. Answers like Discord, including
 * its limits (400, 50035) and the bot's permissions (403, 50013).
 */
import {
  type APIChannel,
  type APIInteraction,
  type APIMessage,
  ChannelType,
  InteractionResponseType,
  MessageFlags,
  PermissionFlagsBits,
} from 'discord-api-types/v10';
import {
  BOT_USER,
  dmChannel,
  HUMAN,
  IDS,
  user as makeUser,
  message,
  nextId,
  threadChannel,
} from './fixtures.ts';
import { messageProblems } from './validate-payload.ts';

/** A message as a user sees it, each time it was posted or changed. */
export interface VisibleSnapshot {
  messageId: string;
  channelId: string;
  kind: 'post' | 'update';
  message: APIMessage;
}

export interface InteractionRecord {
  interaction: APIInteraction;
  channelId: string;
  originalId?: string;
}

/** The state the routes read and change, owned by FakeDiscord. */
export interface FakeWorld {
  readonly channels: Map<string, APIChannel>;
  readonly messages: Map<string, APIMessage>;
  readonly interactions: Map<string, InteractionRecord>;
  /** thread id -> the users the bot added to it */
  readonly threadMembers: Map<string, Set<string>>;
  readonly snapshots: VisibleSnapshot[];
  readonly botPermissions: bigint;
  readonly gatewayUrl: string;
  /** the shard count GET /gateway/bot recommends (what DISCORD_SHARDS=auto starts) */
  readonly recommendedShards: number;
  dispatch(event: string, data: unknown): void;
  withChannelType(msg: APIMessage): APIMessage;
}

export type RestResult = { status: number; body?: unknown };
type Json = Record<string, unknown>;
type Handler = (m: RegExpMatchArray, body: Json, query: URLSearchParams) => RestResult;

const THREAD_ALREADY_EXISTS = 160004;
const MISSING_PERMISSIONS = 50013;
const INVALID_FORM_BODY = 50035;
const EMPTY_MESSAGE = 50006;
const UNKNOWN_MESSAGE = 10008;
const UNKNOWN_CHANNEL = 10003;
const THREAD_NAME_MAX = 100;

export class FakeRest {
  constructor(private readonly world: FakeWorld) {}

  // -------------------------------------------------------------------------------------------
  // Permissions, as Discord computes them for the bot (threads inherit their parent's)
  // -------------------------------------------------------------------------------------------

  #botCan(channelId: string, permission: bigint): boolean {
    const channel = this.world.channels.get(channelId);
    if (!channel || channel.type === ChannelType.DM) return true;
    return (this.world.botPermissions & permission) === permission;
  }

  route(
    method: string,
    path: string,
    body: Json,
    query: URLSearchParams,
  ): { status: number; body?: unknown } {
    for (const [m, pattern, handler] of this.#routes) {
      const match = m === method ? pattern.exec(path) : null;
      if (match) return handler(match, body, query);
    }
    return { status: 404, body: { message: '404: Not Found', code: 0 } };
  }

  readonly #routes: [string, RegExp, Handler][] = [
    [
      'GET',
      /^\/gateway\/bot$/,
      () => ({
        status: 200,
        body: {
          url: this.world.gatewayUrl,
          shards: this.world.recommendedShards,
          session_start_limit: { total: 1000, remaining: 999, reset_after: 14_400_000, max_concurrency: 1 },
        },
      }),
    ],
    ['GET', /^\/users\/@me$/, () => ({ status: 200, body: BOT_USER })],
    [
      'GET',
      /^\/applications\/@me$/,
      () => ({ status: 200, body: { id: IDS.application, name: 'keydoctor' } }),
    ],
    [
      'GET',
      /^\/channels\/(\d+)$/,
      (m) => {
        const channel = this.world.channels.get(m[1]!);
        return channel ? { status: 200, body: channel } : notFound(UNKNOWN_CHANNEL, 'Unknown Channel');
      },
    ],
    [
      'GET',
      /^\/guilds\/(\d+)$/,
      (m) =>
        m[1] === IDS.guild
          ? { status: 200, body: { id: IDS.guild, name: 'Fake API Support' } }
          : notFound(10004, 'Unknown Guild'),
    ],
    [
      'GET',
      /^\/guilds\/(\d+)\/members\/(\d+|@me)$/,
      (m) =>
        m[2] === BOT_USER.id || m[2] === '@me'
          ? {
              status: 200,
              body: {
                user: BOT_USER,
                roles: [IDS.botRole],
                joined_at: new Date(0).toISOString(),
                deaf: false,
                mute: false,
                flags: 0,
              },
            }
          : notFound(10007, 'Unknown Member'),
    ],
    ['POST', /^\/channels\/(\d+)\/messages$/, (m, body) => this.#postMessage(m[1]!, body)],
    [
      'GET',
      /^\/channels\/(\d+)\/messages\/(\d+)$/,
      (m) => {
        const msg = this.world.messages.get(m[2]!);
        return msg ? { status: 200, body: msg } : notFound(UNKNOWN_MESSAGE, 'Unknown Message');
      },
    ],
    ['PATCH', /^\/channels\/(\d+)\/messages\/(\d+)$/, (m, body) => this.#editMessage(m[2]!, body)],
    ['DELETE', /^\/channels\/(\d+)\/messages\/(\d+)$/, (m) => this.#deleteMessage(m[1]!, m[2]!)],
    [
      'POST',
      /^\/channels\/(\d+)\/messages\/(\d+)\/threads$/,
      (m, body) => this.#startThread(m[1]!, m[2]!, body),
    ],
    ['PUT', /^\/channels\/(\d+)\/thread-members\/(\d+)$/, (m) => this.#addThreadMember(m[1]!, m[2]!)],
    ['POST', /^\/interactions\/(\d+)\/([^/]+)\/callback$/, (m, body, q) => this.#callback(m[2]!, body, q)],
    ['GET', /^\/webhooks\/(\d+)\/([^/]+)\/messages\/(@original|\d+)$/, (m) => this.#webhookGet(m[2]!, m[3]!)],
    [
      'PATCH',
      /^\/webhooks\/(\d+)\/([^/]+)\/messages\/(@original|\d+)$/,
      (m, body) => this.#webhookEdit(m[2]!, m[3]!, body),
    ],
    ['DELETE', /^\/webhooks\/(\d+)\/([^/]+)\/messages\/(@original|\d+)$/, () => ({ status: 204 })],
    ['POST', /^\/webhooks\/(\d+)\/([^/]+)$/, (m, body) => this.#followUp(m[2]!, body)],
    ['PUT', /^\/applications\/(\d+)\/commands$/, (m, body) => this.#putCommands(m[1]!, body)],
    [
      'PUT',
      /^\/applications\/(\d+)\/guilds\/(\d+)\/commands$/,
      (m, body) => this.#putCommands(m[1]!, body, m[2]),
    ],
    [
      'POST',
      /^\/users\/@me\/channels$/,
      (_m, body) => {
        const dm = dmChannel(nextId(), makeUser(String(body.recipient_id), 'dev'));
        this.world.channels.set(dm.id, dm);
        return { status: 200, body: dm };
      },
    ],
  ];

  /** Discord: adding a member needs the ability to send messages in the thread. */
  #addThreadMember(threadId: string, userId: string): RestResult {
    const thread = this.world.channels.get(threadId);
    if (!thread || thread.type !== ChannelType.PublicThread)
      return notFound(UNKNOWN_CHANNEL, 'Unknown Channel');
    if (!this.#botCan(threadId, PermissionFlagsBits.SendMessagesInThreads)) return missingPermissions();
    const members = this.world.threadMembers.get(threadId) ?? new Set<string>();
    members.add(userId);
    this.world.threadMembers.set(threadId, members);
    return { status: 204 };
  }

  #createBotMessage(channelId: string, body: Json, extra: Partial<APIMessage> = {}): APIMessage {
    const msg = {
      ...message({ channelId, author: BOT_USER, content: String(body.content ?? ''), guild: false }),
      embeds: (body.embeds as APIMessage['embeds']) ?? [],
      components: (body.components as APIMessage['components']) ?? [],
      flags: Number(body.flags ?? 0),
      ...extra,
    } as APIMessage;
    this.world.messages.set(msg.id, msg);
    if (!(msg.flags! & MessageFlags.Loading))
      this.world.snapshots.push({ messageId: msg.id, channelId, kind: 'post', message: msg });
    return msg;
  }

  #postMessage(channelId: string, body: Json): { status: number; body?: unknown } {
    const channel = this.world.channels.get(channelId);
    if (!channel) return notFound(UNKNOWN_CHANNEL, 'Unknown Channel');
    const isThread = channel.type === ChannelType.PublicThread;
    const needed = isThread ? PermissionFlagsBits.SendMessagesInThreads : PermissionFlagsBits.SendMessages;
    if (!this.#botCan(channelId, needed)) return missingPermissions();
    const invalid = invalidMessage(body, true);
    if (invalid) return invalid;
    const msg = this.#createBotMessage(channelId, body);
    // Discord echoes the bot's own messages on the gateway: the bot must ignore them
    const echo = channel.type === ChannelType.DM ? msg : { ...msg, guild_id: IDS.guild };
    this.world.dispatch('MESSAGE_CREATE', this.world.withChannelType(echo));
    return { status: 200, body: msg };
  }

  #editMessage(messageId: string, body: Json): { status: number; body?: unknown } {
    const existing = this.world.messages.get(messageId);
    if (!existing) return notFound(UNKNOWN_MESSAGE, 'Unknown Message');
    const invalid = invalidMessage(body, false);
    if (invalid) return invalid;
    const updated = { ...existing, ...pickMessageFields(body) } as APIMessage;
    updated.flags = (existing.flags ?? 0) & ~MessageFlags.Loading;
    this.world.messages.set(messageId, updated);
    const kind = existing.flags! & MessageFlags.Loading ? 'post' : 'update';
    this.world.snapshots.push({ messageId, channelId: updated.channel_id, kind, message: updated });
    return { status: 200, body: updated };
  }

  #deleteMessage(channelId: string, messageId: string): { status: number; body?: unknown } {
    const msg = this.world.messages.get(messageId);
    if (!msg) return notFound(UNKNOWN_MESSAGE, 'Unknown Message');
    if (msg.author.id !== BOT_USER.id && !this.#botCan(channelId, PermissionFlagsBits.ManageMessages)) {
      return missingPermissions();
    }
    this.world.messages.delete(messageId);
    return { status: 204 };
  }

  #startThread(channelId: string, messageId: string, body: Json): { status: number; body?: unknown } {
    const msg = this.world.messages.get(messageId);
    if (!msg) return notFound(UNKNOWN_MESSAGE, 'Unknown Message');
    if (!this.#botCan(channelId, PermissionFlagsBits.CreatePublicThreads)) return missingPermissions();
    const name = String(body.name ?? '');
    if (name.length === 0 || name.length > THREAD_NAME_MAX)
      return formError(['name: must be 1-100 characters']);
    if (this.world.channels.has(messageId)) {
      return {
        status: 400,
        body: { message: 'A thread has already been created for this message', code: THREAD_ALREADY_EXISTS },
      };
    }
    // a thread started from a message has that message's id
    const thread = threadChannel(messageId, channelId, name, BOT_USER.id);
    this.world.channels.set(thread.id, thread);
    this.world.messages.set(messageId, { ...msg, flags: (msg.flags ?? 0) | MessageFlags.HasThread, thread });
    this.world.dispatch('THREAD_CREATE', { ...thread, newly_created: true });
    return { status: 201, body: thread };
  }

  #callback(token: string, body: Json, query: URLSearchParams): { status: number; body?: unknown } {
    const record = this.world.interactions.get(token);
    if (!record) return notFound(10062, 'Unknown interaction');
    const data = (body.data ?? {}) as Json;
    const type = Number(body.type);
    let created: APIMessage | undefined;
    const metadata = this.#metadata(record);
    if (type === InteractionResponseType.ChannelMessageWithSource) {
      const invalid = invalidMessage(data, true);
      if (invalid) return invalid;
      created = this.#createBotMessage(record.channelId, data, metadata);
      record.originalId = created.id;
    } else if (type === InteractionResponseType.DeferredChannelMessageWithSource) {
      const flags = Number(data.flags ?? 0) | MessageFlags.Loading;
      created = this.#createBotMessage(record.channelId, { flags }, metadata);
      record.originalId = created.id;
    } else if (type === InteractionResponseType.UpdateMessage) {
      const target = record.interaction.message?.id;
      if (!target) return formError(['type: UPDATE_MESSAGE needs a component interaction']);
      const result = this.#editMessage(target, data);
      if (result.status !== 200) return result;
      record.originalId = target;
    } else if (type !== InteractionResponseType.DeferredMessageUpdate) {
      return formError([`type: ${type} is not supported by the fake`]);
    }
    if (query.get('with_response') === 'true') {
      return {
        status: 200,
        body: {
          interaction: { id: record.interaction.id, type: record.interaction.type },
          resource: { type, message: created },
        },
      };
    }
    return { status: 204 };
  }

  /** What Discord attaches to messages created by an interaction. */
  #metadata(record: InteractionRecord): Partial<APIMessage> {
    return {
      interaction_metadata: {
        id: record.interaction.id,
        type: record.interaction.type,
        user: HUMAN,
        authorizing_integration_owners: record.interaction.authorizing_integration_owners,
      },
    } as Partial<APIMessage>;
  }

  #originalOf(token: string, id: string): APIMessage | undefined {
    const record = this.world.interactions.get(token);
    const messageId = id === '@original' ? record?.originalId : id;
    return messageId ? this.world.messages.get(messageId) : undefined;
  }

  #webhookGet(token: string, id: string): { status: number; body?: unknown } {
    const msg = this.#originalOf(token, id);
    return msg ? { status: 200, body: msg } : notFound(UNKNOWN_MESSAGE, 'Unknown Message');
  }

  #webhookEdit(token: string, id: string, body: Json): { status: number; body?: unknown } {
    const msg = this.#originalOf(token, id);
    if (!msg) return notFound(UNKNOWN_MESSAGE, 'Unknown Message');
    return this.#editMessage(msg.id, body);
  }

  #followUp(token: string, body: Json): { status: number; body?: unknown } {
    const record = this.world.interactions.get(token);
    if (!record) return notFound(10015, 'Unknown Webhook');
    const invalid = invalidMessage(body, true);
    if (invalid) return invalid;
    const msg = this.#createBotMessage(record.channelId, body, this.#metadata(record));
    return { status: 200, body: msg };
  }

  #putCommands(applicationId: string, body: unknown, guildId?: string): { status: number; body?: unknown } {
    const commands = Array.isArray(body) ? (body as Json[]) : [];
    return {
      status: 200,
      body: commands.map((c) => ({
        ...c,
        id: nextId(),
        application_id: applicationId,
        version: nextId(),
        ...(guildId ? { guild_id: guildId } : {}),
      })),
    };
  }
}

function notFound(code: number, message: string) {
  return { status: 404, body: { message, code } };
}

function missingPermissions() {
  return { status: 403, body: { message: 'Missing Permissions', code: MISSING_PERMISSIONS } };
}

function formError(problems: string[]) {
  return { status: 400, body: { message: 'Invalid Form Body', code: INVALID_FORM_BODY, errors: problems } };
}

/** Discord's answer to a message over its limits, or to an empty new message. */
function invalidMessage(body: Json, isNew: boolean): { status: number; body: unknown } | undefined {
  const problems = messageProblems(body);
  if (problems.length > 0) return formError(problems);
  const empty =
    !body.content &&
    !(body.embeds as unknown[] | undefined)?.length &&
    !(body.components as unknown[] | undefined)?.length;
  if (isNew && empty)
    return { status: 400, body: { message: 'Cannot send an empty message', code: EMPTY_MESSAGE } };
  return undefined;
}

function pickMessageFields(body: Json): Partial<APIMessage> {
  const out: Json = {};
  for (const key of ['content', 'embeds', 'components', 'flags'] as const)
    if (key in body) out[key] = body[key];
  return out as Partial<APIMessage>;
}
