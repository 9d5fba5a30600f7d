/** `keydoctor discord register [--guild ID]`: registers the /diagnose and context-menu commands. */
import { DISCORD_MISSING_ACCESS, errorCode } from '../adapters/discord/platform-errors.ts';
import { registerCommands } from '../adapters/discord/register-commands.ts';
import { ConfigError } from '../config/config-error.ts';
import { type DiscordConfig, loadConfig } from '../config/load-config.ts';
import { parseArgs } from './args.ts';
import type { CliCommand } from './io.ts';

export const DISCORD_USAGE = `Usage: keydoctor discord register [--guild ID]

Registers keydoctor's commands (/diagnose and the message command "Diagnose this message").

  --guild ID   register in this server only: they appear at once (use while developing)
               without it they are registered globally: every server, may take up to an hour

Reads DISCORD_TOKEN and DISCORD_APPLICATION_ID (and DISCORD_API_URL, default Discord's own).
Exit status: 0 when registered, 1 when Discord refused, 2 on a usage or configuration error.
`;

const EXIT_OK = 0;
const EXIT_FAILED = 1;
const EXIT_USAGE = 2;

const SNOWFLAKE = /^\d{17,20}$/;
const HELP = new Set(['--help', '-h', 'help']);

const TOKEN_MISSING = 'DISCORD_TOKEN is not set: the bot token from the Developer Portal (Bot → Reset Token)';
const APPLICATION_MISSING =
  'DISCORD_APPLICATION_ID is not set: the Application ID from the Developer Portal (General Information)';

/**
 * The Discord settings, read by the same loader as the bot (one set of rules and messages); a
 * missing token or id gets a line saying where to find it.
 */
function discordSettings(
  env: Record<string, string | undefined>,
): { ok: true; discord: DiscordConfig } | { ok: false; lines: string[] } {
  const missing = [
    ...(env.DISCORD_TOKEN?.trim() ? [] : [TOKEN_MISSING]),
    ...(env.DISCORD_APPLICATION_ID?.trim() ? [] : [APPLICATION_MISSING]),
  ];
  if (missing.length > 0) return { ok: false, lines: missing };
  try {
    const { discord } = loadConfig(env);
    return discord ? { ok: true, discord } : { ok: false, lines: [TOKEN_MISSING] };
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    return { ok: false, lines: error.issues.map((i) => `${i.variable}: ${i.message}`) };
  }
}

export const run: CliCommand = async (args, io) => {
  const [subcommand, ...rest] = args;
  if (subcommand === undefined || HELP.has(subcommand) || rest.some((a) => HELP.has(a))) {
    io.stdout.write(DISCORD_USAGE);
    return EXIT_OK;
  }
  if (subcommand !== 'register') {
    io.stderr.write(`keydoctor discord: unknown subcommand "${subcommand}"\n\n${DISCORD_USAGE}`);
    return EXIT_USAGE;
  }
  const parsed = parseArgs(rest, { booleans: [], values: ['guild'] });
  const guildId = parsed.values.get('guild');
  if (parsed.problems.length > 0 || parsed.positionals.length > 0 || (guildId && !SNOWFLAKE.test(guildId))) {
    const problem =
      parsed.problems[0] ?? (guildId ? '--guild must be a server id (17-20 digits)' : 'unexpected argument');
    io.stderr.write(`keydoctor discord register: ${problem}\n\n${DISCORD_USAGE}`);
    return EXIT_USAGE;
  }
  const env = discordSettings(io.env);
  if (!env.ok) {
    io.stderr.write(
      `keydoctor discord register: configuration missing\n${env.lines.map((l) => `  ${l}\n`).join('')}`,
    );
    return EXIT_USAGE;
  }
  try {
    const names = await registerCommands({
      token: env.discord.token,
      applicationId: env.discord.applicationId,
      ...(env.discord.apiUrl ? { apiUrl: env.discord.apiUrl } : {}),
      ...(guildId ? { guildId } : {}),
    });
    const list = names.map((n) => `  ${n}\n`).join('');
    io.stdout.write(
      guildId
        ? `Registered ${names.length} commands in server ${guildId} (available now):\n${list}`
        : `Registered ${names.length} global commands (may take up to an hour to appear everywhere):\n${list}`,
    );
    return EXIT_OK;
  } catch (error) {
    io.stderr.write(`keydoctor discord register: ${registerFailure(error, guildId)}\n`);
    return EXIT_FAILED;
  }
};

function registerFailure(error: unknown, guildId: string | undefined): string {
  const code = errorCode(error);
  const status = (error as { status?: number }).status;
  if (status === 401)
    return 'Discord refused DISCORD_TOKEN (401 Unauthorized): reset the bot token and set it again.';
  if ((error as { code?: number }).code === DISCORD_MISSING_ACCESS || code === 'missing_permission') {
    return guildId
      ? `no access to server ${guildId}: invite the bot with the "applications.commands" scope first (see the Discord section of README.md).`
      : 'Discord refused: check that DISCORD_APPLICATION_ID belongs to DISCORD_TOKEN.';
  }
  if (status === 404) return 'Discord answered 404: check DISCORD_APPLICATION_ID (and DISCORD_API_URL).';
  return `Discord refused the commands (${code}). Run again; if it persists, check DISCORD_API_URL.`;
}
