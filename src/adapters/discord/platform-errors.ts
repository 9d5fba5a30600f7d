/** Discord API failures as short, low-cardinality codes for logs and metrics, and friendly words. */
import { DiscordAPIError, HTTPError, RateLimitError } from 'discord.js';

/** Discord's JSON error codes the adapter treats specially. */
export const DISCORD_MISSING_ACCESS = 50001;
export const DISCORD_MISSING_PERMISSIONS = 50013;
export const DISCORD_UNKNOWN_INTERACTION = 10062;

export function errorCode(error: unknown): string {
  if (error instanceof DiscordAPIError) {
    if (error.code === DISCORD_MISSING_PERMISSIONS || error.code === DISCORD_MISSING_ACCESS)
      return 'missing_permission';
    if (error.code === DISCORD_UNKNOWN_INTERACTION) return 'interaction_expired';
    return `http_${error.status}`;
  }
  if (error instanceof RateLimitError) return 'rate_limited';
  if (error instanceof HTTPError) return `http_${error.status}`;
  if (error instanceof Error && error.name === 'AbortError') return 'timeout';
  return 'internal';
}

export function isMissingPermission(error: unknown): boolean {
  return errorCode(error) === 'missing_permission';
}

/** What the user reads when something failed on our side: never a stack trace. */
export function friendlyError(code: string): string {
  if (code === 'missing_permission') {
    return "I'm missing a permission in this channel to do that. A server admin can check my role's permissions.";
  }
  return 'Sorry, something went wrong on my side while answering. Please try again in a moment.';
}
