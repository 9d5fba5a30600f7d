/**
 * `/keydoctor <symptom>`: acknowledged at once (Slack allows three seconds), then diagnosed. The answer
 * is posted in the channel, so the user (and colleagues) can continue in its thread: a short "working on
 * it" message is posted first, its ts becomes the conversation's thread, and it is then replaced by the
 * diagnosis. `/keydoctor` alone or `help` answers privately with usage.
 */
import { createHash } from 'node:crypto';
import type { App, RespondFn } from '@slack/bolt';
import type { Delivery, Incoming, Outgoing } from '../../conversation/types.ts';
import type { ConversationKey } from '../../state/conversation-store.ts';
import { isDirectMessageChannel, slackConversationKey } from './conversation-key.ts';
import { guarded } from './guard.ts';
import { slashCommandSchema } from './payloads.ts';
import { slackErrorCode } from './platform-errors.ts';
import { renderBlockKit } from './render-blocks.ts';
import { credentialWarning, postOutgoing, type SlackTarget, slackRetryAfterMs } from './reply-poster.ts';
import { PLATFORM, type SlackRuntime } from './runtime.ts';
import { slackTextToPlain } from './slack-text.ts';
import { COMMAND_NAME, usageText } from './usage.ts';

const HELP_WORDS = /^(help|-h|--help|\?)$/i;
/** Slack's answers when the bot cannot post in the channel the command came from. */
const CANNOT_POST = new Set(['not_in_channel', 'channel_not_found', 'is_archived', 'restricted_action']);

export function registerSlashCommand(app: App, rt: SlackRuntime): void {
  app.command(COMMAND_NAME, async ({ command, ack, respond }) => {
    await ack();
    const parsed = slashCommandSchema.safeParse(command);
    if (!parsed.success) return rt.logger.warn('ignored a slash command of an unexpected shape');
    const cmd = parsed.data;
    // A replayed request (same signed body) is answered once, on whichever process sees it first.
    if (!(await rt.service.firstDelivery(`slack:command:${bodyHash(command)}`))) {
      rt.logger.info('dropped a replayed slash command');
      return;
    }
    const text = slackTextToPlain(cmd.text, rt.bot.userId);
    if (text === '' || HELP_WORDS.test(text)) {
      await guarded(rt, 'command help', undefined, async () => {
        await respond({ response_type: 'ephemeral', text: usageText(rt.bot.userId) });
      });
      return;
    }
    await guarded(rt, 'command', undefined, () => diagnoseInChannel(rt, cmd, text, respond));
  });
}

type Command = { team_id: string; channel_id: string; user_id: string; trigger_id: string };

async function diagnoseInChannel(
  rt: SlackRuntime,
  cmd: Command,
  text: string,
  respond: RespondFn,
): Promise<void> {
  if (isDirectMessageChannel(cmd.channel_id)) return diagnoseInDirectMessage(rt, cmd, text, respond);
  let rootTs: string | undefined;
  try {
    const root = await rt.client.chat.postMessage({
      channel: cmd.channel_id,
      text: `:mag: <@${cmd.user_id}> asked keydoctor about an authentication problem. Working on it…`,
    });
    rootTs = root.ts;
  } catch (error) {
    if (!cannotPost(rt, error)) throw error;
  }
  if (!rootTs) {
    const key = slackConversationKey(cmd.team_id, cmd.channel_id, `command:${cmd.trigger_id || Date.now()}`);
    await rt.service.turn(incoming(key, cmd, text), privately(rt, respond));
    return;
  }
  const key = slackConversationKey(cmd.team_id, cmd.channel_id, rootTs);
  await rt.threads.remember(cmd.channel_id, rootTs);
  const target: SlackTarget = {
    channel: cmd.channel_id,
    threadTs: rootTs,
    user: cmd.user_id,
    updateTs: rootTs,
    preface: `Asked by <@${cmd.user_id}> with \`${COMMAND_NAME}\`. Reply in this thread to continue.`,
  };
  await guarded(rt, 'command diagnosis', target, async () => {
    await rt.service.turn(incoming(key, cmd, text), { platform: PLATFORM, target });
  });
}

/** In the bot's own DM the command is one more message of the DM conversation. */
async function diagnoseInDirectMessage(rt: SlackRuntime, cmd: Command, text: string, respond: RespondFn) {
  const key = slackConversationKey(cmd.team_id, cmd.channel_id, cmd.channel_id);
  const target = { channel: cmd.channel_id, user: cmd.user_id };
  await rt.service.turn(incoming(key, cmd, text), {
    async post(outgoing, progress) {
      try {
        await postOutgoing(rt, target, outgoing, progress);
      } catch (error) {
        // a DM between other people: the bot cannot post there
        if (!cannotPost(rt, error)) throw error;
        await answerPrivately(rt, outgoing, respond);
      }
    },
    retryAfterMs: slackRetryAfterMs,
  });
}

function incoming(key: ConversationKey, cmd: Command, text: string): Incoming {
  return { key, user: { id: cmd.user_id }, input: { type: 'message', text } };
}

/** The answer goes only to the asker, through the command's response URL. */
function privately(rt: SlackRuntime, respond: RespondFn): Delivery {
  return { post: (outgoing) => answerPrivately(rt, outgoing, respond), retryAfterMs: slackRetryAfterMs };
}

/** A stable hash of the command's fields (they are the signed body, trigger_id included). */
function bodyHash(command: unknown): string {
  const fields = Object.entries(command as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b));
  return createHash('sha256').update(JSON.stringify(fields)).digest('hex');
}

/** True (and reported) when Slack refused because the bot cannot post in that conversation. */
function cannotPost(rt: SlackRuntime, error: unknown): boolean {
  const code = slackErrorCode(error);
  if (!code || !CANNOT_POST.has(code)) return false;
  rt.hooks.platformError?.(PLATFORM, code);
  return true;
}

/** The bot cannot post here: answer only the asker, and say how to get a conversation to continue in. */
async function answerPrivately(rt: SlackRuntime, outgoing: Outgoing, respond: RespondFn): Promise<void> {
  if (outgoing.credentials.length > 0) {
    await respond({ response_type: 'ephemeral', text: credentialWarning(outgoing.credentials) });
  }
  // no buttons: without a thread there is nowhere to continue
  const preface = `I am not in this conversation, so only you see this. Invite me (\`/invite <@${rt.bot.userId}>\`) or send me a direct message to continue.`;
  for (const message of renderBlockKit({ ...outgoing.reply, choices: [] }, { preface })) {
    await respond({ response_type: 'ephemeral', ...message });
  }
}
