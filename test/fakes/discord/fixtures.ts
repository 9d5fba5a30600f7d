/**
 * Typed builders for the payloads the fake Discord sends: users, the guild, channels, messages and
 * interactions, all checked against discord-api-types so a drifting field fails type-checking.
 */
import {
  type APIApplicationCommandInteractionDataOption,
  type APIChannel,
  type APIChatInputApplicationCommandInteraction,
  type APIDMChannel,
  type APIGuildMember,
  type APIMessage,
  type APIMessageApplicationCommandInteraction,
  type APIMessageComponentInteraction,
  type APIRole,
  type APITextChannel,
  type APIThreadChannel,
  type APIUser,
  ApplicationCommandType,
  ChannelType,
  ComponentType,
  type GatewayGuildCreateDispatchData,
  type GatewayReadyDispatchData,
  InteractionContextType,
  InteractionType,
  Locale,
  MessageType,
  OverwriteType,
  PermissionFlagsBits,
} from 'discord-api-types/v10';

/** Fixed ids of the fake world (snowflake-shaped strings). */
export const IDS = {
  bot: '1100000000000000001',
  application: '1100000000000000001',
  guild: '1200000000000000001',
  text: '1300000000000000001',
  owner: '1400000000000000001',
  user: '1400000000000000002',
  otherBot: '1400000000000000003',
  supportRole: '1500000000000000001',
  botRole: '1500000000000000002',
} as const;

/** What the bot may do in the text channel unless a test says otherwise. */
export const DEFAULT_BOT_PERMISSIONS =
  PermissionFlagsBits.ViewChannel |
  PermissionFlagsBits.SendMessages |
  PermissionFlagsBits.SendMessagesInThreads |
  PermissionFlagsBits.CreatePublicThreads |
  PermissionFlagsBits.EmbedLinks |
  PermissionFlagsBits.ReadMessageHistory;

let counter = 0n;
/** A fresh snowflake-shaped id, increasing. */
export function nextId(): string {
  counter += 1n;
  return (1_600_000_000_000_000_000n + counter).toString();
}

export function user(id: string, username: string, bot = false): APIUser {
  return {
    id,
    username,
    discriminator: '0',
    global_name: username,
    avatar: null,
    ...(bot ? { bot: true } : {}),
  };
}

export const BOT_USER = user(IDS.bot, 'keydoctor', true);
export const HUMAN = user(IDS.user, 'dev');
export const OTHER_BOT = user(IDS.otherBot, 'otherbot', true);

export function role(id: string, name: string, permissions: bigint): APIRole {
  return {
    id,
    name,
    color: 0,
    colors: { primary_color: 0, secondary_color: null, tertiary_color: null },
    hoist: false,
    icon: null,
    unicode_emoji: null,
    position: id === IDS.guild ? 0 : 1,
    permissions: permissions.toString(),
    managed: false,
    mentionable: true,
    flags: 0 as APIRole['flags'],
  };
}

export function member(u: APIUser, roles: string[]): APIGuildMember {
  return {
    user: u,
    roles,
    joined_at: '2026-01-01T00:00:00.000Z',
    deaf: false,
    mute: false,
    flags: 0 as APIGuildMember['flags'],
  };
}

export function textChannel(id: string, name: string): APITextChannel {
  return {
    id,
    type: ChannelType.GuildText,
    guild_id: IDS.guild,
    name,
    position: 0,
    permission_overwrites: [{ id: IDS.guild, type: OverwriteType.Role, allow: '0', deny: '0' }],
    nsfw: false,
    parent_id: null,
    topic: null,
    last_message_id: null,
    rate_limit_per_user: 0,
  };
}

export function threadChannel(id: string, parentId: string, name: string, ownerId: string): APIThreadChannel {
  return {
    id,
    type: ChannelType.PublicThread,
    guild_id: IDS.guild,
    parent_id: parentId,
    owner_id: ownerId,
    name,
    last_message_id: null,
    rate_limit_per_user: 0,
    message_count: 0,
    member_count: 1,
    total_message_sent: 0,
    flags: 0,
    applied_tags: [],
    thread_metadata: {
      archived: false,
      auto_archive_duration: 1440,
      archive_timestamp: '2026-01-01T00:00:00.000Z',
      locked: false,
    },
  } as unknown as APIThreadChannel;
}

export function dmChannel(id: string, recipient: APIUser): APIDMChannel {
  return {
    id,
    type: ChannelType.DM,
    recipients: [recipient],
    last_message_id: null,
    flags: 0,
  } as unknown as APIDMChannel;
}

export function ready(sessionId: string, resumeUrl: string): GatewayReadyDispatchData {
  return {
    v: 10,
    user: BOT_USER,
    guilds: [{ id: IDS.guild, unavailable: true }],
    session_id: sessionId,
    resume_gateway_url: resumeUrl,
    application: {
      id: IDS.application,
      flags: 0 as GatewayReadyDispatchData['application']['flags'],
      flags_new: '0',
    },
  };
}

/** The guild as GUILD_CREATE carries it: roles give the bot `botPermissions`, the bot's member included. */
export function guildCreate(botPermissions: bigint, channels: APIChannel[]): GatewayGuildCreateDispatchData {
  return {
    id: IDS.guild,
    name: 'Fake API Support',
    icon: null,
    splash: null,
    discovery_splash: null,
    owner_id: IDS.owner,
    afk_channel_id: null,
    afk_timeout: 60,
    verification_level: 0,
    default_message_notifications: 0,
    explicit_content_filter: 0,
    roles: [
      role(IDS.guild, '@everyone', PermissionFlagsBits.ViewChannel | PermissionFlagsBits.SendMessages),
      role(IDS.botRole, 'keydoctor', botPermissions),
      role(IDS.supportRole, 'support', 0n),
    ],
    emojis: [],
    features: [],
    mfa_level: 0,
    application_id: null,
    system_channel_id: null,
    system_channel_flags: 0,
    rules_channel_id: null,
    vanity_url_code: null,
    description: null,
    banner: null,
    premium_tier: 0,
    preferred_locale: Locale.EnglishUS,
    public_updates_channel_id: null,
    nsfw_level: 0,
    stickers: [],
    premium_progress_bar_enabled: false,
    hub_type: null,
    safety_alerts_channel_id: null,
    incidents_data: null,
    joined_at: '2026-01-01T00:00:00.000Z',
    large: false,
    unavailable: false,
    member_count: 3,
    voice_states: [],
    members: [member(BOT_USER, [IDS.botRole])],
    channels,
    threads: [],
    presences: [],
    stage_instances: [],
    guild_scheduled_events: [],
    soundboard_sounds: [],
  } as unknown as GatewayGuildCreateDispatchData;
}

export interface MessageInit {
  id?: string;
  channelId: string;
  author: APIUser;
  content: string;
  mentions?: APIUser[];
  guild?: boolean;
  embeds?: APIMessage['embeds'];
  components?: APIMessage['components'];
  flags?: number;
}

/** A message as Discord returns and dispatches it (MESSAGE_CREATE adds guild_id and member). */
export function message(
  init: MessageInit,
): APIMessage & { guild_id?: string; member?: Omit<APIGuildMember, 'user'> } {
  return {
    id: init.id ?? nextId(),
    channel_id: init.channelId,
    author: init.author,
    content: init.content,
    timestamp: new Date(0).toISOString(),
    edited_timestamp: null,
    tts: false,
    mention_everyone: false,
    mentions: init.mentions ?? [],
    mention_roles: [],
    attachments: [],
    embeds: init.embeds ?? [],
    pinned: false,
    type: MessageType.Default,
    flags: init.flags ?? 0,
    ...(init.components ? { components: init.components } : {}),
    ...(init.guild === false
      ? {}
      : {
          guild_id: IDS.guild,
          member: { roles: [], joined_at: '2026-01-01T00:00:00.000Z', deaf: false, mute: false, flags: 0 },
        }),
  } as APIMessage & { guild_id?: string };
}

interface InteractionBase {
  channel: APIChannel;
  user?: APIUser;
  appPermissions?: bigint;
}

function interactionCommon(init: InteractionBase) {
  const u = init.user ?? HUMAN;
  const inGuild = init.channel.type !== ChannelType.DM;
  return {
    id: nextId(),
    application_id: IDS.application,
    token: `fake-interaction-token-${nextId()}`,
    version: 1 as const,
    channel: init.channel as APIChatInputApplicationCommandInteraction['channel'],
    channel_id: init.channel.id,
    app_permissions: (init.appPermissions ?? DEFAULT_BOT_PERMISSIONS).toString(),
    locale: Locale.EnglishUS,
    entitlements: [],
    authorizing_integration_owners: { '0': IDS.guild },
    ...(inGuild
      ? {
          guild_id: IDS.guild,
          guild: { id: IDS.guild, locale: Locale.EnglishUS, features: [] },
          guild_locale: Locale.EnglishUS,
          member: { ...member(u, []), permissions: '0', user: u },
          context: InteractionContextType.Guild,
        }
      : { user: u, context: InteractionContextType.BotDM }),
  };
}

/** `/diagnose` with its options. */
export function slashCommand(
  init: InteractionBase & { options: APIApplicationCommandInteractionDataOption[] },
): APIChatInputApplicationCommandInteraction {
  return {
    ...interactionCommon(init),
    type: InteractionType.ApplicationCommand,
    data: { id: nextId(), name: 'diagnose', type: ApplicationCommandType.ChatInput, options: init.options },
  } as unknown as APIChatInputApplicationCommandInteraction;
}

/** "Diagnose this message" on `target`. */
export function messageCommand(
  init: InteractionBase & { target: APIMessage },
): APIMessageApplicationCommandInteraction {
  return {
    ...interactionCommon(init),
    type: InteractionType.ApplicationCommand,
    data: {
      id: nextId(),
      name: 'Diagnose this message',
      type: ApplicationCommandType.Message,
      target_id: init.target.id,
      resolved: { messages: { [init.target.id]: init.target } },
    },
  } as unknown as APIMessageApplicationCommandInteraction;
}

/** A click on a button (or a pick in a select menu) of `message`. */
export function componentInteraction(
  init: InteractionBase & { message: APIMessage; customId: string; values?: string[] },
): APIMessageComponentInteraction {
  return {
    ...interactionCommon(init),
    type: InteractionType.MessageComponent,
    message: init.message,
    data: init.values
      ? { custom_id: init.customId, component_type: ComponentType.StringSelect, values: init.values }
      : { custom_id: init.customId, component_type: ComponentType.Button },
  } as unknown as APIMessageComponentInteraction;
}
