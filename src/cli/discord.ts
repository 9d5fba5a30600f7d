/** `keydoctor discord register [--guild ID]`: registers the /diagnose and context-menu commands. */
import { z } from 'zod';
import { DISCORD_MISSING_ACCESS, errorCode } from '../adapters/discord/platform-errors.ts';
import { registerCommands } from '../adapters/discord/register-commands.ts';
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

const snowflake = z.string().regex(/^\d{17,20}$/);
const Env = z.object({
  DISCORD_TOKEN: z
    .string()
    .trim()
    .min(1, 'DISCORD_TOKEN is not set: the bot token from the Developer Portal (Bot → Reset Token)'),
  DISCORD_APPLICATION_ID: snowflake.or(z.undefined()).refine((v) => v !== undefined, {
    message:
      'DISCORD_APPLICATION_ID is not set: the Application ID from the Developer Portal (General Information)',
  }),
  DISCORD_API_URL: z.url({ protocol: /^https?$/ }).optional(),
});

const HELP = new Set(['--help', '-h', 'help']);

function envProblems(env: Record<string, string | undefined>) {
  const picked = {
    DISCORD_TOKEN: env.DISCORD_TOKEN ?? '',
    DISCORD_APPLICATION_ID: env.DISCORD_APPLICATION_ID || undefined,
    DISCORD_API_URL: env.DISCORD_API_URL || undefined,
  };
  const parsed = Env.safeParse(picked);
  if (parsed.success) return { ok: true as const, env: parsed.data };
  const lines = parsed.error.issues.map((issue) => {
    const variable = String(issue.path[0]);
    if (issue.message.startsWith(variable)) return issue.message;
    if (variable === 'DISCORD_APPLICATION_ID') return `${variable} must be a Discord id (17-20 digits)`;
    return `${variable} must be an http(s) URL, e.g. https://discord.com/api`;
  });
  return { ok: false as const, lines };
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
  if (
    parsed.problems.length > 0 ||
    parsed.positionals.length > 0 ||
    (guildId && !snowflake.safeParse(guildId).success)
  ) {
    const problem =
      parsed.problems[0] ?? (guildId ? '--guild must be a server id (17-20 digits)' : 'unexpected argument');
    io.stderr.write(`keydoctor discord register: ${problem}\n\n${DISCORD_USAGE}`);
    return EXIT_USAGE;
  }
  const env = envProblems(io.env);
  if (!env.ok) {
    io.stderr.write(
      `keydoctor discord register: configuration missing\n${env.lines.map((l) => `  ${l}\n`).join('')}`,
    );
    return EXIT_USAGE;
  }
  try {
    const names = await registerCommands({
      token: env.env.DISCORD_TOKEN,
      applicationId: env.env.DISCORD_APPLICATION_ID!,
      ...(env.env.DISCORD_API_URL ? { apiUrl: env.env.DISCORD_API_URL } : {}),
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
