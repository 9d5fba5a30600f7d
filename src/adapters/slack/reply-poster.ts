/**
 * Posts what the service answered: the private credential warning first (it is the urgent part), the
 * rendered reply in the thread (split into several messages when long), then a hand-off mention.
 */

import type { Outgoing } from '../../bot/types.ts';
import type { CredentialFingerprint } from '../../engine/types.ts';
import { escapeMrkdwn, truncate } from './mrkdwn.ts';
import type { DeliveryStep } from './redelivery.ts';
import { type RenderOptions, renderBlockKit } from './render-blocks.ts';
import type { SlackRuntime } from './runtime.ts';

/** Where an answer goes: the channel, the thread (none: top level of a DM), and who asked. */
export interface ReplyTarget {
  channel: string;
  threadTs?: string;
  user: string;
}

const MAX_SUMMARY_LINES = 10;
const MAX_SUMMARY_LINE_CHARS = 300;

/** Posts an outgoing reply; `updateTs` replaces that message with the first part instead of posting. */
export async function postOutgoing(
  rt: SlackRuntime,
  target: ReplyTarget,
  outgoing: Outgoing,
  options: RenderOptions & { updateTs?: string } = {},
): Promise<void> {
  const steps: DeliveryStep[] = [];
  if (outgoing.credentials.length > 0)
    steps.push(() => warnAboutCredentials(rt, target, outgoing.credentials));
  for (const [i, message] of renderBlockKit(outgoing.reply, options).entries()) {
    steps.push(() =>
      i === 0 && options.updateTs
        ? rt.client.chat.update({ channel: target.channel, ts: options.updateTs, ...message })
        : rt.client.chat.postMessage({
            channel: target.channel,
            ...(target.threadTs ? { thread_ts: target.threadTs } : {}),
            ...message,
            unfurl_links: false,
            unfurl_media: false,
          }),
    );
  }
  const handoff = outgoing.handoff;
  if (handoff) steps.push(() => postHandoff(rt, target, handoff.summary));
  if (target.threadTs) rt.threads.remember(target.channel, target.threadTs);
  await rt.redelivery.run(steps);
}

/** A private note to the person who pasted a credential: it is exposed, rotate it. */
export async function warnAboutCredentials(
  rt: SlackRuntime,
  target: ReplyTarget,
  credentials: CredentialFingerprint[],
): Promise<void> {
  await rt.client.chat.postEphemeral({
    channel: target.channel,
    user: target.user,
    ...(target.threadTs ? { thread_ts: target.threadTs } : {}),
    text: credentialWarning(credentials),
  });
}

/** The warning text: names the credential by its redacted label only. */
export function credentialWarning(credentials: CredentialFingerprint[]): string {
  const labels = credentials.map((c) => `\`${escapeMrkdwn(c.label)}\``).join(', ');
  const live = credentials.some((c) => c.live);
  return [
    `:rotating_light: Only you can see this. Your message contains what looks like a credential (${labels}).`,
    live
      ? 'Anyone in this conversation can read it: *rotate it now* (create a new key, switch your app to it, then revoke the old one), and delete your message.'
      : 'It looks like a test credential; still, delete your message, and rotate it if it is a real key.',
    'I never repeat or store the key itself.',
  ].join('\n');
}

async function postHandoff(rt: SlackRuntime, target: ReplyTarget, summary: string[]): Promise<void> {
  const lines = summary
    .slice(0, MAX_SUMMARY_LINES)
    .map((line) => `• ${escapeMrkdwn(truncate(line, MAX_SUMMARY_LINE_CHARS))}`);
  const who = rt.supportMention
    ? `${rt.supportMention}, <@${target.user}> needs a person to look at this authentication problem.`
    : `<@${target.user}>, I could not solve this one. No support contact is configured for keydoctor here, so please ask in your team's help channel and link this thread.`;
  await rt.client.chat.postMessage({
    channel: target.channel,
    ...(target.threadTs ? { thread_ts: target.threadTs } : {}),
    text: [who, lines.length > 0 ? '*What we know so far*' : '', ...lines].filter(Boolean).join('\n'),
    unfurl_links: false,
  });
}
