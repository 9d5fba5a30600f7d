/**
 * Start-up's `auth.test`: who the bot is. Asked once, with a short timeout and no retries, so an
 * unreachable Slack is reported in seconds as a network failure naming the URL, a refused token
 * as a refused token, and anything else as what Slack answered. The token is never in a message.
 */
import { webApi } from '@slack/bolt';
import { z } from 'zod';
import type { BotIdentity } from './runtime.ts';

/** How long start-up waits for Slack to answer auth.test. */
export const AUTH_TEST_TIMEOUT_MS = 10_000;

const authTestSchema = z.object({
  user_id: z.string().min(1),
  bot_id: z.string().min(1),
  team_id: z.string().min(1),
});

/** Codes with which Slack refuses a token itself (as opposed to a network or server failure). */
const TOKEN_REFUSALS = new Set([
  'invalid_auth',
  'not_authed',
  'account_inactive',
  'token_revoked',
  'token_expired',
]);

interface SlackFailure {
  code?: unknown;
  statusCode?: unknown;
  data?: { error?: unknown };
  original?: { code?: unknown; cause?: { code?: unknown } };
}

/** The operator-facing sentence for a failed auth.test. */
export function describeAuthTestFailure(error: unknown, apiUrl: string): string {
  const e = (typeof error === 'object' && error !== null ? error : {}) as SlackFailure;
  const url = `${apiUrl}auth.test`;
  if (e.code === webApi.ErrorCode.PlatformError) {
    const code = typeof e.data?.error === 'string' ? e.data.error : 'platform_error';
    return TOKEN_REFUSALS.has(code)
      ? `Slack refused the bot token (auth.test: ${code}); check SLACK_BOT_TOKEN (reinstall the app to get a new one)`
      : `Slack answered auth.test with "${code}"; check SLACK_BOT_TOKEN and SLACK_API_URL`;
  }
  if (e.code === webApi.ErrorCode.HTTPError) {
    return `Slack answered HTTP ${String(e.statusCode)} at ${url}; check SLACK_API_URL, or try again if Slack is having an incident`;
  }
  if (e.code === webApi.ErrorCode.RequestError) {
    const cause = e.original?.cause?.code ?? e.original?.code;
    const why = typeof cause === 'string' ? ` (${cause})` : '';
    return `could not reach Slack at ${url}${why}: a network failure, not a refused token; check SLACK_API_URL, DNS, proxy and firewall`;
  }
  if (error instanceof z.ZodError) return `Slack's auth.test answer at ${url} was not understood`;
  return `auth.test at ${url} failed: ${error instanceof Error ? error.message : String(error)}`;
}

/** Calls auth.test once; throws an Error whose message says what failed. */
export async function identifyBot(
  token: string,
  options: webApi.WebClientOptions & { slackApiUrl: string },
): Promise<BotIdentity> {
  const client = new webApi.WebClient(token, {
    ...options,
    retryConfig: { retries: 0 },
    timeout: AUTH_TEST_TIMEOUT_MS,
  });
  try {
    const auth = authTestSchema.parse(await client.auth.test());
    return { userId: auth.user_id, botId: auth.bot_id, teamId: auth.team_id };
  } catch (error) {
    throw new Error(describeAuthTestFailure(error, options.slackApiUrl), { cause: error });
  }
}
