/**
 * Messages: a mention starts (or continues) a conversation in a thread under it; later messages in
 * a thread keydoctor is part of, and every direct message, continue it without a mention. Other bots
 * and keydoctor itself are ignored, and a message Slack delivers twice is handled once.
 */
import type { App } from '@slack/bolt';
import { isDirectMessageChannel, locateConversation } from './conversation-key.ts';
import { converse } from './converse.ts';
import { eventEnvelopeSchema, mentionEventSchema, messageEventSchema } from './payloads.ts';
import type { SlackRuntime } from './runtime.ts';
import { mentions, slackTextToPlain } from './slack-text.ts';

/** Message subtypes that are still a person writing (everything else: edits, joins, bots...). */
const HUMAN_SUBTYPES = new Set(['file_share', 'thread_broadcast']);

export function registerMessageEvents(app: App, rt: SlackRuntime): void {
  app.event('app_mention', async ({ event, body }) => {
    const parsed = mentionEventSchema.safeParse(event);
    if (!parsed.success) return rt.logger.warn('ignored an app_mention event of an unexpected shape');
    const e = parsed.data;
    // in a DM the message event carries it (keyed by the DM, not by a thread)
    if (isDirectMessageChannel(e.channel)) return;
    if (!e.user || e.bot_id || e.user === rt.bot.userId) return;
    if (!(await rt.service.firstDelivery(messageId(e.channel, e.ts)))) return;
    const team = teamOf(body, e.team, rt);
    const { key, replyThreadTs } = locateConversation(team, e.channel, e.ts, e.thread_ts);
    if (replyThreadTs) await rt.threads.remember(e.channel, replyThreadTs);
    const text = slackTextToPlain(e.text, rt.bot.userId);
    await converse(
      rt,
      key,
      { channel: e.channel, threadTs: replyThreadTs, user: e.user },
      { type: 'message', text },
    );
  });

  app.event('message', async ({ event, body }) => {
    const parsed = messageEventSchema.safeParse(event);
    if (!parsed.success) return; // other message shapes (edits, deletions) carry nothing for us
    const e = parsed.data;
    if (e.subtype && !HUMAN_SUBTYPES.has(e.subtype)) return;
    if (!e.user || e.bot_id || e.user === rt.bot.userId) return;
    const direct = e.channel_type === 'im' || isDirectMessageChannel(e.channel);
    if (!direct) {
      // top-level channel messages and mentions are the app_mention handler's
      if (!e.thread_ts || mentions(e.text ?? '', rt.bot.userId)) return;
      if (!(await rt.threads.isOurs(e.channel, e.thread_ts, e.parent_user_id))) return;
    }
    if (!(await rt.service.firstDelivery(messageId(e.channel, e.ts)))) return;
    const team = teamOf(body, e.team, rt);
    const { key, replyThreadTs } = locateConversation(team, e.channel, e.ts, e.thread_ts);
    const text = slackTextToPlain(e.text ?? '', rt.bot.userId);
    await converse(
      rt,
      key,
      { channel: e.channel, threadTs: replyThreadTs, user: e.user },
      { type: 'message', text },
    );
  });
}

/** One message arrives as both `app_mention` and `message`: whichever comes first is handled. */
function messageId(channel: string, ts: string): string {
  return `slack:msg:${channel}:${ts}`;
}

function teamOf(body: unknown, eventTeam: string | undefined, rt: SlackRuntime): string {
  const envelope = eventEnvelopeSchema.safeParse(body);
  return (envelope.success ? envelope.data.team_id : undefined) ?? eventTeam ?? rt.bot.teamId;
}
