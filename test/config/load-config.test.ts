import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/config/config-error.ts';
import { DEFAULTS, loadConfig } from '../../src/config/load-config.ts';
import { VARIABLES, type VariableName } from '../../src/config/variables.ts';
import { DEFAULT_KNOWLEDGE_DIR } from '../../src/knowledge/default-dir.ts';

const CWD = '/srv/keydoctor';
// Token shapes are assembled at run time so no scanner mistakes this file for a leak.
const SLACK_BOT = `${'xox'}b-0000-FAKE`;
const SLACK_APP = `${'xap'}p-1-FAKE`;
const SLACK = { SLACK_BOT_TOKEN: SLACK_BOT, SLACK_APP_TOKEN: SLACK_APP };
const DISCORD = { DISCORD_TOKEN: 'FAKE.discord.token', DISCORD_APPLICATION_ID: '123456789012345678' };

function configError(env: Record<string, string>): ConfigError {
  try {
    loadConfig(env, CWD);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

/** One malformed value per variable, with the context it needs to be judged on its own. */
const MALFORMED: Record<VariableName, { value: string; context?: Record<string, string>; mentions: string }> =
  {
    KNOWLEDGE_DIR: { value: ' ', mentions: 'NOT-REACHED' },
    KNOWLEDGE_WATCH: { value: 'maybe', mentions: 'true or false, got "maybe"' },
    DATA_DIR: { value: ' ', mentions: 'NOT-REACHED' },
    LOG_LEVEL: {
      value: 'loud',
      mentions: 'one of fatal, error, warn, info, debug, trace, silent, got "loud"',
    },
    CONVERSATION_TTL_MINUTES: { value: '0', mentions: 'an integer 1-525600, got "0"' },
    RATE_LIMIT_PER_MINUTE: { value: '-5', mentions: 'an integer 0-10000 (0 turns the limit off), got "-5"' },
    MAX_MESSAGE_CHARS: { value: '4k', mentions: 'an integer 100-100000, got "4k"' },
    REDIS_URL: { value: 'http://127.0.0.1:6379', mentions: 'a redis:// or rediss:// URL' },
    LOCK_TTL_SECONDS: { value: '0', mentions: 'an integer 1-300' },
    OPS_PORT: { value: '70000', mentions: 'an integer 0-65535 (0 picks a free port) or "off", got "70000"' },
    OPS_HOST: {
      value: 'my host',
      mentions: 'a host name or IP address to listen on, e.g. 127.0.0.1 or 0.0.0.0, got "my host"',
    },
    API_TOKEN: { value: 'short', mentions: 'a token of 16-512 visible ASCII characters' },
    API_RATE_LIMIT_PER_MINUTE: { value: 'many', mentions: 'an integer 0-10000 (0 turns the limit off)' },
    API_MAX_CONCURRENT: { value: '0', mentions: 'an integer 1-1000, got "0"' },
    ANALYTICS_RETENTION_DAYS: { value: '0', mentions: 'an integer 1-3650, got "0"' },
    CONSOLE_SESSION_ID: { value: '../etc', mentions: '1-64 letters, digits, dots, dashes or underscores' },
    SLACK_BOT_TOKEN: {
      value: 'not-a-bot-token',
      context: { SLACK_APP_TOKEN: SLACK_APP },
      mentions: 'starting with "xoxb-"',
    },
    SLACK_APP_TOKEN: {
      value: 'wrong-kind',
      context: { SLACK_BOT_TOKEN: SLACK_BOT },
      mentions: 'starting with "xapp-"',
    },
    SLACK_SIGNING_SECRET: {
      value: 'has spaces in it',
      context: { SLACK_BOT_TOKEN: SLACK_BOT },
      mentions: 'no spaces',
    },
    SLACK_PORT: { value: 'abc', context: SLACK, mentions: 'an integer 1-65535, got "abc"' },
    SLACK_API_URL: { value: 'ftp://slack.example/api', context: SLACK, mentions: 'an http(s) URL' },
    SLACK_SUPPORT_MENTION: { value: ' ', mentions: 'NOT-REACHED' },
    DISCORD_TOKEN: {
      value: 'two words',
      context: { DISCORD_APPLICATION_ID: '123456789012345678' },
      mentions: 'Discord bot token',
    },
    DISCORD_APPLICATION_ID: {
      value: 'my-app',
      context: { DISCORD_TOKEN: 'FAKE' },
      mentions: '17-20 digits), got "my-app"',
    },
    DISCORD_API_URL: { value: 'discord.com/api', context: DISCORD, mentions: 'an http(s) URL' },
    DISCORD_SUPPORT_ROLE_ID: {
      value: '@support',
      context: DISCORD,
      mentions: 'a Discord role id (17-20 digits), got "@support"',
    },
    DISCORD_MESSAGE_CONTENT: { value: 'enabled', context: DISCORD, mentions: 'true or false, got "enabled"' },
    DISCORD_SHARDS: { value: 'many', context: DISCORD, mentions: 'an integer 1-256 or "auto"' },
  };

// Blank values count as unset (a copied .env.example is full of them), so these cannot be malformed by
// whitespace; they are checked for their defaults instead.
const BLANK_MEANS_UNSET = new Set<VariableName>(['KNOWLEDGE_DIR', 'DATA_DIR', 'SLACK_SUPPORT_MENTION']);

describe('loadConfig', () => {
  it('has a malformed-value case for every variable it reads', () => {
    expect(Object.keys(MALFORMED).sort()).toEqual(Object.keys(VARIABLES).sort());
  });

  const malformed = (Object.entries(MALFORMED) as [VariableName, (typeof MALFORMED)[VariableName]][]).filter(
    ([name]) => !BLANK_MEANS_UNSET.has(name),
  );
  it.each(malformed)('rejects a malformed %s, naming it and what is expected', (name, c) => {
    const error = configError({ ...c.context, [name]: c.value });
    expect(error.code).toBe('CONFIG_INVALID');
    expect(error.issues).toEqual([{ variable: name, message: expect.stringContaining(c.mentions) }]);
    expect(error.message).toMatch(new RegExp(`^${name}: expected `));
  });

  it.each([...BLANK_MEANS_UNSET])('treats a blank %s as unset', (name) => {
    expect(() => loadConfig({ [name]: '  ' }, CWD)).not.toThrow();
  });

  it('gives the example message for a non-numeric SLACK_PORT', () => {
    expect(configError({ ...SLACK, SLACK_PORT: 'abc' }).message).toBe(
      'SLACK_PORT: expected an integer 1-65535, got "abc"',
    );
  });

  it('never repeats the value of a malformed secret', () => {
    const error = configError({ SLACK_BOT_TOKEN: 'SECRET-VALUE-1234', SLACK_APP_TOKEN: SLACK_APP });
    expect(error.message).not.toContain('SECRET-VALUE-1234');
    expect(error.message).toContain('17 characters');
  });

  it('says to remove the quotes from a token passed with them (docker --env-file), without repeating it', () => {
    const quoted = `"${SLACK_BOT}"`;
    const error = configError({ SLACK_BOT_TOKEN: quoted, SLACK_APP_TOKEN: SLACK_APP });
    expect(error.message).toContain('SLACK_BOT_TOKEN');
    expect(error.message).toContain('wrapped in quotes: remove the quotes');
    expect(error.message).not.toContain(SLACK_BOT);
  });

  it('lists every problem at once', () => {
    const error = configError({ LOG_LEVEL: 'loud', OPS_PORT: 'x', MAX_MESSAGE_CHARS: '5' });
    expect(error.issues.map((i) => i.variable).sort()).toEqual([
      'LOG_LEVEL',
      'MAX_MESSAGE_CHARS',
      'OPS_PORT',
    ]);
  });

  it('requires SLACK_APP_TOKEN or SLACK_SIGNING_SECRET with SLACK_BOT_TOKEN', () => {
    const error = configError({ SLACK_BOT_TOKEN: SLACK_BOT });
    expect(error.issues).toEqual([
      { variable: 'SLACK_APP_TOKEN', message: expect.stringContaining('SLACK_SIGNING_SECRET (HTTP mode)') },
    ]);
  });

  it('requires SLACK_BOT_TOKEN when other Slack credentials are set', () => {
    expect(configError({ SLACK_APP_TOKEN: SLACK_APP }).variable).toBe('SLACK_BOT_TOKEN');
  });

  it('requires DISCORD_APPLICATION_ID with DISCORD_TOKEN', () => {
    expect(configError({ DISCORD_TOKEN: 'FAKE' }).variable).toBe('DISCORD_APPLICATION_ID');
  });

  it('requires DISCORD_TOKEN with DISCORD_APPLICATION_ID', () => {
    expect(configError({ DISCORD_APPLICATION_ID: '123456789012345678' }).variable).toBe('DISCORD_TOKEN');
  });

  it('starts only the console, without an ops server, when no platform is configured', () => {
    const config = loadConfig({}, CWD);
    expect(config.adapters).toEqual(['console']);
    expect(config.ops).toBeUndefined();
  });

  it('uses the documented defaults', () => {
    const config = loadConfig({}, CWD);
    expect(config).toMatchObject({
      knowledgeDir: DEFAULT_KNOWLEDGE_DIR,
      knowledgeWatch: false,
      dataDir: path.join(CWD, 'data'),
      databaseFile: path.join(CWD, 'data', 'keydoctor.sqlite'),
      logLevel: 'info',
      conversationTtlMinutes: 1440,
      rateLimitPerMinute: 20,
      maxMessageChars: 4000,
    });
  });

  it('starts Slack in Socket Mode and the ops server on 127.0.0.1:8080 when Slack tokens are set', () => {
    const config = loadConfig(SLACK, CWD);
    expect(config.adapters).toEqual(['slack']);
    expect(config.slack).toEqual({ botToken: SLACK_BOT, appToken: SLACK_APP, port: DEFAULTS.slackPort });
    expect(config.ops).toEqual({ host: '127.0.0.1', port: 8080, apiRatePerMinute: 60, apiMaxConcurrent: 4 });
  });

  it('binds the ops server where OPS_HOST says and passes the API token and limits through', () => {
    const token = `FAKE-${'t'.repeat(20)}`;
    const env = { ...SLACK, OPS_HOST: '0.0.0.0', API_TOKEN: token, API_RATE_LIMIT_PER_MINUTE: '5' };
    expect(loadConfig({ ...env, API_MAX_CONCURRENT: '2' }, CWD).ops).toEqual({
      host: '0.0.0.0',
      port: 8080,
      apiToken: token,
      apiRatePerMinute: 5,
      apiMaxConcurrent: 2,
    });
  });

  it('keeps analytics 90 days unless ANALYTICS_RETENTION_DAYS says otherwise', () => {
    expect(loadConfig({}, CWD).analyticsRetentionDays).toBe(90);
    expect(loadConfig({ ANALYTICS_RETENTION_DAYS: '7' }, CWD).analyticsRetentionDays).toBe(7);
  });

  it('takes a console session id from CONSOLE_SESSION_ID', () => {
    expect(loadConfig({ CONSOLE_SESSION_ID: 'team-a.1' }, CWD).consoleSessionId).toBe('team-a.1');
    expect(loadConfig({}, CWD).consoleSessionId).toBeUndefined();
  });

  it('starts Slack and Discord together when both are configured', () => {
    const config = loadConfig({ ...SLACK, ...DISCORD, DISCORD_MESSAGE_CONTENT: 'true' }, CWD);
    expect(config.adapters).toEqual(['slack', 'discord']);
    expect(config.discord).toEqual({
      token: DISCORD.DISCORD_TOKEN,
      applicationId: DISCORD.DISCORD_APPLICATION_ID,
      messageContentIntent: true,
    });
  });

  it('passes API URLs and support mentions through to the adapters', () => {
    const config = loadConfig(
      {
        ...SLACK,
        ...DISCORD,
        SLACK_API_URL: 'http://127.0.0.1:9000/api/',
        SLACK_SUPPORT_MENTION: '<!subteam^S0FAKE>',
        DISCORD_API_URL: 'http://127.0.0.1:9001/api',
        DISCORD_SUPPORT_ROLE_ID: '223456789012345678',
      },
      CWD,
    );
    expect(config.slack).toMatchObject({
      apiUrl: 'http://127.0.0.1:9000/api',
      supportMention: '<!subteam^S0FAKE>',
    });
    expect(config.discord).toMatchObject({
      apiUrl: 'http://127.0.0.1:9001/api',
      supportRoleId: '223456789012345678',
    });
  });

  it('turns the ops server on for the console when OPS_PORT is set, and off for a platform with "off"', () => {
    expect(loadConfig({ REDIS_URL: 'redis://127.0.0.1:6379/0' }, CWD).redisUrl).toBe(
      'redis://127.0.0.1:6379/0',
    );
    expect(loadConfig({ OPS_PORT: '9100', OPS_HOST: '127.0.0.1' }, CWD).ops).toMatchObject({
      port: 9100,
      host: '127.0.0.1',
    });
    expect(loadConfig({ ...SLACK, OPS_PORT: 'off' }, CWD).ops).toBeUndefined();
  });

  it('resolves relative directories against the working directory', () => {
    const config = loadConfig({ DATA_DIR: 'state', KNOWLEDGE_DIR: './kb' }, CWD);
    expect(config.dataDir).toBe(path.join(CWD, 'state'));
    expect(config.knowledgeDir).toBe(path.join(CWD, 'kb'));
  });

  it.each([
    ['true', true],
    ['1', true],
    ['YES', true],
    ['false', false],
    ['0', false],
  ])('reads KNOWLEDGE_WATCH=%s as %s', (value, expected) => {
    expect(loadConfig({ KNOWLEDGE_WATCH: value }, CWD).knowledgeWatch).toBe(expected);
  });

  it('accepts RATE_LIMIT_PER_MINUTE=0 to turn the limit off', () => {
    expect(loadConfig({ RATE_LIMIT_PER_MINUTE: '0' }, CWD).rateLimitPerMinute).toBe(0);
  });
});
