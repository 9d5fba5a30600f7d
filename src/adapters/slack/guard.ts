/**
 * Every Slack handler runs inside this guard: one failure is logged (never with user text), reported
 * as a platform error when Slack refused a call, answered politely when we can still post, and never
 * stops the bot.
 */

import { slackErrorCode } from './platform-errors.ts';
import type { ReplyTarget } from './reply-poster.ts';
import { PLATFORM, type SlackRuntime } from './runtime.ts';

export const FRIENDLY_ERROR =
  'Sorry, something went wrong on my side while looking at that. Please try again in a moment.';

/** Runs `task`; on failure logs, reports and (when our own code failed) tells the user. */
export async function guarded(
  rt: SlackRuntime,
  what: string,
  target: ReplyTarget | undefined,
  task: () => Promise<void>,
): Promise<void> {
  try {
    await task();
  } catch (error) {
    const code = slackErrorCode(error);
    if (code) {
      rt.hooks.platformError?.(PLATFORM, code);
      // Slack itself refused: posting an apology would most likely be refused too
      rt.logger.error({ code, what, err: describe(error) }, 'a Slack API call failed');
      return;
    }
    rt.logger.error({ what, err: describe(error) }, 'a Slack handler failed');
    if (target) await apologise(rt, target);
  }
}

async function apologise(rt: SlackRuntime, target: ReplyTarget): Promise<void> {
  try {
    await rt.client.chat.postMessage({
      channel: target.channel,
      ...(target.threadTs ? { thread_ts: target.threadTs } : {}),
      text: FRIENDLY_ERROR,
    });
  } catch (error) {
    const code = slackErrorCode(error) ?? 'unknown';
    rt.hooks.platformError?.(PLATFORM, code);
    rt.logger.error({ code, what: 'apology' }, 'could not post the apology either');
  }
}

/** The error's name, message and stack: never the payload it was handling. */
function describe(error: unknown): { name: string; message: string; stack?: string } {
  if (error instanceof Error) return { name: error.name, message: error.message, stack: error.stack };
  return { name: 'NonError', message: String(error) };
}
