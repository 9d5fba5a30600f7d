/**
 * Reads the environment once into a typed `Config`. Everything else receives this value and never
 * looks at process.env. Every problem is collected so an operator fixes them in one go.
 */
import path from 'node:path';
import { DEFAULT_KNOWLEDGE_DIR } from '../knowledge/default-dir.ts';
import { ConfigError, type ConfigIssue } from './config-error.ts';
import { type LogLevel, type ParsedVariables, VARIABLES, type VariableName } from './variables.ts';

export const DEFAULTS = {
  dataDir: 'data',
  logLevel: 'info' as LogLevel,
  conversationTtlMinutes: 1440,
  rateLimitPerMinute: 20,
  maxMessageChars: 4000,
  opsPort: 8080,
  // loopback unless OPS_HOST says otherwise: the ops server belongs on a trusted network
  opsHost: '127.0.0.1',
  apiRatePerMinute: 60,
  apiMaxConcurrent: 4,
  analyticsRetentionDays: 90,
  slackPort: 3000,
  lockTtlSeconds: 15,
} as const;

/** The SQLite file's name inside DATA_DIR. */
export const DATABASE_FILE_NAME = 'keydoctor.sqlite';

export type AdapterName = 'console' | 'slack' | 'discord';

export interface SlackConfig {
  botToken: string;
  appToken?: string;
  signingSecret?: string;
  port: number;
  apiUrl?: string;
  supportMention?: string;
}

export interface DiscordConfig {
  token: string;
  applicationId: string;
  apiUrl?: string;
  supportRoleId?: string;
  messageContentIntent: boolean;
  /** run this many shards (child processes, discord.js ShardingManager); unset: one, in this process */
  shards?: number | 'auto';
}

export interface OpsConfig {
  port: number;
  host: string;
  /** POST /v1/diagnose requires `Authorization: Bearer <apiToken>` when set */
  apiToken?: string;
  apiRatePerMinute: number;
  apiMaxConcurrent: number;
}

export interface Config {
  knowledgeDir: string;
  knowledgeWatch: boolean;
  dataDir: string;
  databaseFile: string;
  logLevel: LogLevel;
  conversationTtlMinutes: number;
  /** 0 means no limit */
  rateLimitPerMinute: number;
  maxMessageChars: number;
  /** the shared state store (several processes); unset: the SQLite file in DATA_DIR */
  redisUrl?: string;
  /** a conversation lock lives this long without being extended */
  lockTtlSeconds: number;
  /** undefined when the ops server is off */
  ops?: OpsConfig;
  /** diagnoses, feedback and hand-offs older than this are deleted */
  analyticsRetentionDays: number;
  /** the console conversation to resume; unset = one per terminal user and working directory */
  consoleSessionId?: string;
  /** in start order; 'console' only when no platform is configured */
  adapters: AdapterName[];
  slack?: SlackConfig;
  discord?: DiscordConfig;
}

type Env = Record<string, string | undefined>;

/** A value kept with its quotes, as `docker --env-file` and systemd's EnvironmentFile pass them. */
const QUOTED = /^(["'`]).*\1$/s;

function describeGot(name: VariableName, raw: string): string {
  if (VARIABLES[name].secret) {
    if (QUOTED.test(raw))
      return `got a value of ${raw.length} characters wrapped in quotes: remove the quotes (docker --env-file keeps them as part of the value)`;
    return `got a value of ${raw.length} characters that does not match`;
  }
  return `got ${JSON.stringify(raw)}`;
}

/** Parses each known variable; an empty value counts as unset (as in a copied .env.example). */
function parseVariables(env: Env): { values: ParsedVariables; issues: ConfigIssue[] } {
  const values: Record<string, unknown> = {};
  const issues: ConfigIssue[] = [];
  for (const name of Object.keys(VARIABLES) as VariableName[]) {
    const raw = env[name]?.trim();
    if (raw === undefined || raw === '') continue;
    const result = VARIABLES[name].schema.safeParse(raw);
    if (result.success) values[name] = result.data;
    else
      issues.push({
        variable: name,
        message: `expected ${VARIABLES[name].expected}, ${describeGot(name, raw)}`,
      });
  }
  return { values: values as ParsedVariables, issues };
}

/** Rules that span variables: a platform needs its whole set of credentials. */
function combinationIssues(env: Env): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const has = (name: VariableName) => (env[name]?.trim() ?? '') !== '';
  if (has('SLACK_BOT_TOKEN') && !has('SLACK_APP_TOKEN') && !has('SLACK_SIGNING_SECRET')) {
    issues.push({
      variable: 'SLACK_APP_TOKEN',
      message:
        'expected SLACK_APP_TOKEN (Socket Mode) or SLACK_SIGNING_SECRET (HTTP mode) because SLACK_BOT_TOKEN is set',
    });
  }
  for (const name of ['SLACK_APP_TOKEN', 'SLACK_SIGNING_SECRET', 'SLACK_SUPPORT_MENTION'] as const) {
    if (has(name) && !has('SLACK_BOT_TOKEN'))
      issues.push({
        variable: 'SLACK_BOT_TOKEN',
        message: `expected a Slack bot token because ${name} is set`,
      });
  }
  if (has('DISCORD_TOKEN') && !has('DISCORD_APPLICATION_ID')) {
    issues.push({
      variable: 'DISCORD_APPLICATION_ID',
      message: 'expected a Discord application id (17-20 digits) because DISCORD_TOKEN is set',
    });
  }
  if (has('DISCORD_APPLICATION_ID') && !has('DISCORD_TOKEN'))
    issues.push({
      variable: 'DISCORD_TOKEN',
      message: 'expected a Discord bot token because DISCORD_APPLICATION_ID is set',
    });
  // One message per variable is enough: the same missing token may be named by several rules.
  return issues.filter((issue, i) => issues.findIndex((o) => o.variable === issue.variable) === i);
}

function slackConfig(v: ParsedVariables): SlackConfig | undefined {
  if (!v.SLACK_BOT_TOKEN) return undefined;
  return {
    botToken: v.SLACK_BOT_TOKEN,
    port: v.SLACK_PORT ?? DEFAULTS.slackPort,
    ...(v.SLACK_APP_TOKEN ? { appToken: v.SLACK_APP_TOKEN } : {}),
    ...(v.SLACK_SIGNING_SECRET ? { signingSecret: v.SLACK_SIGNING_SECRET } : {}),
    ...(v.SLACK_API_URL ? { apiUrl: v.SLACK_API_URL } : {}),
    ...(v.SLACK_SUPPORT_MENTION ? { supportMention: v.SLACK_SUPPORT_MENTION } : {}),
  };
}

function discordConfig(v: ParsedVariables): DiscordConfig | undefined {
  if (!v.DISCORD_TOKEN || !v.DISCORD_APPLICATION_ID) return undefined;
  return {
    token: v.DISCORD_TOKEN,
    applicationId: v.DISCORD_APPLICATION_ID,
    messageContentIntent: v.DISCORD_MESSAGE_CONTENT ?? false,
    ...(v.DISCORD_API_URL ? { apiUrl: v.DISCORD_API_URL } : {}),
    ...(v.DISCORD_SUPPORT_ROLE_ID ? { supportRoleId: v.DISCORD_SUPPORT_ROLE_ID } : {}),
    ...(v.DISCORD_SHARDS !== undefined ? { shards: v.DISCORD_SHARDS } : {}),
  };
}

/** The ops server listens by default only when a platform adapter runs; console-only needs OPS_PORT. */
function opsConfig(v: ParsedVariables, platformConfigured: boolean): Config['ops'] {
  if (v.OPS_PORT === 'off') return undefined;
  if (v.OPS_PORT === undefined && !platformConfigured) return undefined;
  return {
    port: v.OPS_PORT ?? DEFAULTS.opsPort,
    host: v.OPS_HOST ?? DEFAULTS.opsHost,
    ...(v.API_TOKEN ? { apiToken: v.API_TOKEN } : {}),
    apiRatePerMinute: v.API_RATE_LIMIT_PER_MINUTE ?? DEFAULTS.apiRatePerMinute,
    apiMaxConcurrent: v.API_MAX_CONCURRENT ?? DEFAULTS.apiMaxConcurrent,
  };
}

/** Validates the environment; throws ConfigError naming every variable at fault. */
export function loadConfig(env: Env, cwd: string = process.cwd()): Config {
  const { values: v, issues } = parseVariables(env);
  issues.push(...combinationIssues(env).filter((c) => !issues.some((i) => i.variable === c.variable)));
  if (issues.length > 0) throw new ConfigError(issues);

  const slack = slackConfig(v);
  const discord = discordConfig(v);
  const adapters: AdapterName[] = [];
  if (slack) adapters.push('slack');
  if (discord) adapters.push('discord');
  if (adapters.length === 0) adapters.push('console');
  const dataDir = path.resolve(cwd, v.DATA_DIR ?? DEFAULTS.dataDir);
  const ops = opsConfig(v, adapters[0] !== 'console');

  return {
    knowledgeDir: v.KNOWLEDGE_DIR ? path.resolve(cwd, v.KNOWLEDGE_DIR) : DEFAULT_KNOWLEDGE_DIR,
    knowledgeWatch: v.KNOWLEDGE_WATCH ?? false,
    dataDir,
    databaseFile: path.join(dataDir, DATABASE_FILE_NAME),
    logLevel: v.LOG_LEVEL ?? DEFAULTS.logLevel,
    conversationTtlMinutes: v.CONVERSATION_TTL_MINUTES ?? DEFAULTS.conversationTtlMinutes,
    rateLimitPerMinute: v.RATE_LIMIT_PER_MINUTE ?? DEFAULTS.rateLimitPerMinute,
    maxMessageChars: v.MAX_MESSAGE_CHARS ?? DEFAULTS.maxMessageChars,
    lockTtlSeconds: v.LOCK_TTL_SECONDS ?? DEFAULTS.lockTtlSeconds,
    analyticsRetentionDays: v.ANALYTICS_RETENTION_DAYS ?? DEFAULTS.analyticsRetentionDays,
    ...(v.CONSOLE_SESSION_ID ? { consoleSessionId: v.CONSOLE_SESSION_ID } : {}),
    adapters,
    ...(v.REDIS_URL ? { redisUrl: v.REDIS_URL } : {}),
    ...(ops ? { ops } : {}),
    ...(slack ? { slack } : {}),
    ...(discord ? { discord } : {}),
  };
}
