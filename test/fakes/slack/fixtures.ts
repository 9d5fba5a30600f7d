/**
 * Typed builders for what Slack sends an app: Events API envelopes (app_mention, message), slash
 * commands and block_actions payloads. Ids are fake and fixed; ts values come from a counter.
 */
import type { BlockAction, ButtonAction, SlashCommand } from '@slack/bolt';
import type { AppMentionEvent, BotMessageEvent, GenericMessageEvent } from '@slack/types';
import { FAKE_BOT_USER_ID, FAKE_TEAM_ID } from './fake-slack-api.ts';

export const USER_ID = 'UFAKEUSER1';
export const CHANNEL_ID = 'CFAKECHAN1';
export const DM_CHANNEL_ID = 'DFAKEDM001';
export const API_APP_ID = 'AFAKEAPP';

let counter = 0;

/** A fresh message ts, like Slack's `1700000000.000100` (distinct from the fake's own). */
export function userTs(): string {
  counter += 1;
  return `${1_800_000_000 + counter}.${String(counter).padStart(6, '0')}`;
}

let eventCounter = 0;
function eventId(): string {
  eventCounter += 1;
  return `EvFAKE${String(eventCounter).padStart(6, '0')}`;
}

/** The Events API envelope around one event. */
export function eventEnvelope(event: object, options: { eventId?: string } = {}) {
  return {
    token: 'fake-verification-token',
    team_id: FAKE_TEAM_ID,
    api_app_id: API_APP_ID,
    event,
    type: 'event_callback' as const,
    event_id: options.eventId ?? eventId(),
    event_time: Math.floor(Date.now() / 1000),
    authorizations: [
      { team_id: FAKE_TEAM_ID, user_id: FAKE_BOT_USER_ID, is_bot: true, is_enterprise_install: false },
    ],
  };
}

/** `@keydoctor text` in a channel (optionally inside a thread). */
export function mentionEvent(
  text: string,
  options: { channel?: string; ts?: string; threadTs?: string; user?: string } = {},
): AppMentionEvent {
  const ts = options.ts ?? userTs();
  return {
    type: 'app_mention',
    user: options.user ?? USER_ID,
    text: `<@${FAKE_BOT_USER_ID}> ${text}`,
    ts,
    ...(options.threadTs ? { thread_ts: options.threadTs } : {}),
    channel: options.channel ?? CHANNEL_ID,
    event_ts: ts,
    team: FAKE_TEAM_ID,
  };
}

/** A person's plain message (a thread reply when `threadTs` is given). */
export function messageEvent(
  text: string,
  options: {
    channel?: string;
    channelType?: GenericMessageEvent['channel_type'];
    ts?: string;
    threadTs?: string;
    user?: string;
    parentUserId?: string;
  } = {},
): GenericMessageEvent {
  const ts = options.ts ?? userTs();
  return {
    type: 'message',
    subtype: undefined,
    user: options.user ?? USER_ID,
    text,
    ts,
    ...(options.threadTs
      ? { thread_ts: options.threadTs, parent_user_id: options.parentUserId ?? USER_ID }
      : {}),
    channel: options.channel ?? CHANNEL_ID,
    channel_type: options.channelType ?? 'channel',
    event_ts: ts,
    team: FAKE_TEAM_ID,
    client_msg_id: `fake-${ts}`,
  };
}

/** Another bot's message in a thread. */
export function botMessageEvent(text: string, threadTs: string): BotMessageEvent {
  const ts = userTs();
  return {
    type: 'message',
    subtype: 'bot_message',
    bot_id: 'BOTHERBOT1',
    text,
    ts,
    thread_ts: threadTs,
    channel: CHANNEL_ID,
    channel_type: 'channel',
    event_ts: ts,
  };
}

/** `/keydoctor text` as Slack posts it (all fields are strings). */
export function slashCommand(
  text: string,
  responseUrl: string,
  options: { channel?: string } = {},
): SlashCommand {
  return {
    token: 'fake-verification-token',
    command: '/keydoctor',
    text,
    response_url: responseUrl,
    trigger_id: `trigger-${userTs()}`,
    user_id: USER_ID,
    user_name: 'someone',
    team_id: FAKE_TEAM_ID,
    team_domain: 'fake',
    channel_id: options.channel ?? CHANNEL_ID,
    channel_name: 'general',
    api_app_id: API_APP_ID,
  };
}

/** A click on one of the bot's buttons on `message` (as the fake stored it). */
export function buttonClick(
  message: { channel: string; ts: string; thread_ts?: string; text: string; blocks?: unknown[] },
  button: { action_id: string; value?: string; label: string },
  responseUrl: string,
): BlockAction<ButtonAction> {
  return {
    type: 'block_actions',
    team: { id: FAKE_TEAM_ID, domain: 'fake' },
    user: { id: USER_ID, username: 'someone', team_id: FAKE_TEAM_ID },
    api_app_id: API_APP_ID,
    token: 'fake-verification-token',
    trigger_id: `trigger-${userTs()}`,
    response_url: responseUrl,
    container: {
      type: 'message',
      message_ts: message.ts,
      channel_id: message.channel,
      is_ephemeral: false,
      ...(message.thread_ts ? { thread_ts: message.thread_ts } : {}),
    },
    channel: { id: message.channel, name: 'general' },
    message: {
      type: 'message',
      user: FAKE_BOT_USER_ID,
      ts: message.ts,
      text: message.text,
      ...(message.thread_ts ? { thread_ts: message.thread_ts } : {}),
      ...(message.blocks ? { blocks: message.blocks } : {}),
    },
    actions: [
      {
        type: 'button',
        block_id: 'fake-block',
        action_id: button.action_id,
        ...(button.value !== undefined ? { value: button.value } : {}),
        text: { type: 'plain_text', text: button.label, emoji: true },
        action_ts: String(Date.now() / 1000),
      },
    ],
  };
}
