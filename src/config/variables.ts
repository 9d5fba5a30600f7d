/**
 * Every environment variable keydoctor reads, each with a zod schema for its raw string and the
 * human description of what is expected. The table drives parsing, error messages and tests.
 */
import { z } from 'zod';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

const MAX_TTL_MINUTES = 60 * 24 * 365;
const MAX_RATE_PER_MINUTE = 10_000;
const MIN_MESSAGE_CHARS = 100;
const MAX_API_CONCURRENT = 1_000;
const MAX_RETENTION_DAYS = 3_650;
const MAX_MESSAGE_CHARS_LIMIT = 100_000;
const BOOLEAN_TRUE = ['true', '1', 'yes', 'on'];
const BOOLEAN_FALSE = ['false', '0', 'no', 'off'];

const integer = (min: number, max: number) =>
  z.string().regex(/^\d+$/).transform(Number).pipe(z.number().int().min(min).max(max));

const boolean = z
  .string()
  .transform((s) => s.trim().toLowerCase())
  .pipe(z.enum([...BOOLEAN_TRUE, ...BOOLEAN_FALSE]))
  .transform((s) => BOOLEAN_TRUE.includes(s));

const httpUrl = z
  .string()
  .refine((s) => URL.canParse(s) && ['http:', 'https:'].includes(new URL(s).protocol))
  .transform((s) => s.replace(/\/+$/, ''));

/** Discord ids are snowflakes: 17 to 20 digits. */
const snowflake = z.string().regex(/^\d{17,20}$/);
const noSpaces = z.string().regex(/^\S+$/);

const redisUrl = z
  .string()
  .refine((s) => URL.canParse(s) && ['redis:', 'rediss:'].includes(new URL(s).protocol));

export interface VariableSpec<T> {
  schema: z.ZodType<T, string>;
  /** completes "expected ..." in an error message */
  expected: string;
  /** a secret's value is never repeated in an error message */
  secret?: boolean;
}

const spec = <T>(schema: z.ZodType<T, string>, expected: string, secret = false): VariableSpec<T> => ({
  schema,
  expected,
  secret,
});

export const VARIABLES = {
  KNOWLEDGE_DIR: spec(z.string().min(1), 'a path to a knowledge folder'),
  KNOWLEDGE_WATCH: spec(boolean, 'true or false'),
  DATA_DIR: spec(z.string().min(1), 'a directory path for the SQLite file'),
  LOG_LEVEL: spec(z.enum(LOG_LEVELS), `one of ${LOG_LEVELS.join(', ')}`),
  CONVERSATION_TTL_MINUTES: spec(integer(1, MAX_TTL_MINUTES), `an integer 1-${MAX_TTL_MINUTES}`),
  RATE_LIMIT_PER_MINUTE: spec(
    integer(0, MAX_RATE_PER_MINUTE),
    `an integer 0-${MAX_RATE_PER_MINUTE} (0 turns the limit off)`,
  ),
  MAX_MESSAGE_CHARS: spec(
    integer(MIN_MESSAGE_CHARS, MAX_MESSAGE_CHARS_LIMIT),
    `an integer ${MIN_MESSAGE_CHARS}-${MAX_MESSAGE_CHARS_LIMIT}`,
  ),
  REDIS_URL: spec(
    redisUrl,
    'a redis:// or rediss:// URL, e.g. redis://127.0.0.1:6379 (shared state for several processes)',
    true,
  ),
  LOCK_TTL_SECONDS: spec(
    integer(1, 300),
    'an integer 1-300 (how long a dead process can block its conversations)',
  ),
  OPS_PORT: spec(
    z.union([z.literal('off').transform(() => 'off' as const), integer(0, 65535)]),
    'an integer 0-65535 (0 picks a free port) or "off"',
  ),
  OPS_HOST: spec(noSpaces, 'a host name or IP address to listen on, e.g. 127.0.0.1 or 0.0.0.0'),
  API_TOKEN: spec(
    z.string().regex(/^[\x21-\x7e]{16,512}$/),
    'a token of 16-512 visible ASCII characters (no spaces)',
    true,
  ),
  API_RATE_LIMIT_PER_MINUTE: spec(
    integer(0, MAX_RATE_PER_MINUTE),
    `an integer 0-${MAX_RATE_PER_MINUTE} (0 turns the limit off)`,
  ),
  API_MAX_CONCURRENT: spec(integer(1, MAX_API_CONCURRENT), `an integer 1-${MAX_API_CONCURRENT}`),
  ANALYTICS_RETENTION_DAYS: spec(integer(1, MAX_RETENTION_DAYS), `an integer 1-${MAX_RETENTION_DAYS}`),
  CONSOLE_SESSION_ID: spec(
    z.string().regex(/^[A-Za-z0-9._-]{1,64}$/),
    '1-64 letters, digits, dots, dashes or underscores',
  ),
  SLACK_BOT_TOKEN: spec(z.string().regex(/^xoxb-\S+$/), 'a Slack bot token starting with "xoxb-"', true),
  SLACK_APP_TOKEN: spec(
    z.string().regex(/^xapp-\S+$/),
    'a Slack app-level token starting with "xapp-" (Socket Mode)',
    true,
  ),
  SLACK_SIGNING_SECRET: spec(noSpaces, 'the Slack signing secret (no spaces)', true),
  SLACK_PORT: spec(integer(1, 65535), 'an integer 1-65535'),
  SLACK_API_URL: spec(httpUrl, 'an http(s) URL, e.g. https://slack.com/api'),
  SLACK_SUPPORT_MENTION: spec(
    z.string().trim().min(1),
    'a mention such as <!subteam^S0123ABCD> or <@U0123ABCD>',
  ),
  DISCORD_TOKEN: spec(noSpaces, 'a Discord bot token (no spaces)', true),
  DISCORD_APPLICATION_ID: spec(snowflake, 'a Discord application id (17-20 digits)'),
  DISCORD_API_URL: spec(httpUrl, 'an http(s) URL, e.g. https://discord.com/api'),
  DISCORD_SUPPORT_ROLE_ID: spec(snowflake, 'a Discord role id (17-20 digits)'),
  DISCORD_MESSAGE_CONTENT: spec(boolean, 'true or false'),
  DISCORD_SHARDS: spec(
    z.union([z.literal('auto').transform(() => 'auto' as const), integer(1, 256)]),
    'an integer 1-256 or "auto" (Discord\'s recommended count)',
  ),
} as const;

export type VariableName = keyof typeof VARIABLES;
export type ParsedVariables = {
  [K in VariableName]?: (typeof VARIABLES)[K] extends VariableSpec<infer T> ? T : never;
};
