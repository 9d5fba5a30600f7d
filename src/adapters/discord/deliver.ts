/**
 * Turns the service's Outgoing into the messages to post: the rendered reply, credential notices and
 * the hand-off ping. Sending itself is the caller's (channel, thread, interaction followUp).
 */
import type { APIEmbed, MessageMentionOptions } from 'discord.js';
import type { Outgoing } from '../../conversation/types.ts';
import type { CredentialFingerprint } from '../../engine/types.ts';
import type { AdapterContext } from './adapter-context.ts';
import type { ActionRow } from './components.ts';
import { CONTENT_MAX } from './limits.ts';
import { renderReply } from './render-reply.ts';
import { safe, truncate } from './safe-text.ts';

/** One message to post: accepted by channel.send, editReply and followUp alike. */
export interface OutMessage {
  content?: string;
  embeds?: APIEmbed[];
  components?: ActionRow[];
  allowedMentions: MessageMentionOptions;
}

/** Where the conversation happens, which decides how a user can answer. */
export type Place = 'dm' | 'thread' | 'inline';

/** Nothing pings unless a hand-off names the support role. */
export const NO_PINGS: MessageMentionOptions = { parse: [], repliedUser: false };

/** How to answer a question here: click, or type (with a mention where the bot cannot read plain messages). */
export function answerHint(ctx: AdapterContext, place: Place): string {
  if (place === 'dm' || (place === 'thread' && ctx.messageContentIntent))
    return 'Click an answer, or type it in your own words.';
  return 'To answer in words here, mention me with your answer (or click one).';
}

function labels(credentials: readonly CredentialFingerprint[]): string {
  return [...new Set(credentials.map((c) => c.label))].join(', ');
}

/** The notice shown with the reply when the user's message carried a credential. */
export function credentialNotice(credentials: readonly CredentialFingerprint[], deleted: boolean): string {
  const what = labels(credentials);
  const rotate = credentials.some((c) => c.live)
    ? 'Treat it as leaked: rotate it now.'
    : 'It looks like a test credential, but replace it if it grants anything.';
  return deleted
    ? `🔒 I deleted your message because it contained a credential (${what}). ${rotate}`
    : `🔒 Your message contains a credential (${what}). Delete the message: everyone here can read it (I can't delete it myself without the Manage Messages permission). ${rotate}`;
}

/** The private warning for interactions, where only the user should read it. */
export function privateCredentialWarning(credentials: readonly CredentialFingerprint[]): string {
  return `🔒 You pasted a credential (${labels(credentials)}). I never repeat it, but treat it as leaked: rotate it now.`;
}

/** All messages for one answer, in order. */
export function outgoingMessages(
  ctx: AdapterContext,
  outgoing: Outgoing,
  place: Place,
  notices: string[] = [],
): OutMessage[] {
  const hint = answerHint(ctx, place);
  const all = outgoing.truncated
    ? [
        ...notices,
        `✂️ Your message was long, so I read its beginning and its end (${outgoing.truncated.analysedChars} characters in all). If the error is in the middle, paste just that part.`,
      ]
    : notices;
  const messages: OutMessage[] = renderReply(outgoing.reply, {
    notices: all,
    answerHint: hint,
  }).map((p) => ({ ...p, allowedMentions: NO_PINGS }));
  if (outgoing.handoff) {
    const summary = outgoing.handoff.summary.map((line) => `- ${safe(line)}`).join('\n');
    const role = place !== 'dm' ? ctx.supportRoleId : undefined;
    messages.push(
      role
        ? {
            content: truncate(
              `<@&${role}> this conversation needs a person. Summary:\n${summary}`,
              CONTENT_MAX,
            ),
            allowedMentions: { parse: [], roles: [role] },
          }
        : {
            content: truncate(
              `No support role is set up for me here, so please ask a moderator or your team, and share this summary (keys removed):\n${summary}`,
              CONTENT_MAX,
            ),
            allowedMentions: NO_PINGS,
          },
    );
  }
  return messages;
}
