/**
 * Posts what the service answered: the private credential warning first (it is the urgent part), the
 * rendered reply in the thread (split into several messages when long), then a hand-off mention.
 * Each message is one step: a retry from the outbox resumes after the steps already posted.
 */

import type { DeliveryProgress, Outgoing, Poster } from '../../conversation/types.ts';
import type { CredentialFingerprint, Reply } from '../../engine/types.ts';
import { escapeMrkdwn, truncate } from './mrkdwn.ts';
import { slackErrorCode } from './platform-errors.ts';
import { renderBlockKit } from './render-blocks.ts';
import { PLATFORM, type SlackRuntime } from './runtime.ts';

/** Where an answer goes: the channel, the thread (none: top level of a DM), and who asked. */
export interface ReplyTarget {
  channel: string;
  threadTs?: string;
  user: string;
}

/** A target as kept in the outbox: plain JSON, with how the first message is rendered. */
export interface SlackTarget extends ReplyTarget {
  /** replace this message (the slash command's "working on it") with the first part */
  updateTs?: string;
  preface?: string;
}

const MAX_SUMMARY_LINES = 10;
const MAX_SUMMARY_LINE_CHARS = 300;

/** No progress to resume from: post everything. */
const FROM_START: DeliveryProgress = { done: 0, stepDone: () => {} };

/** Posts an outgoing reply, skipping the steps `progress` says were posted already. */
export async function postOutgoing(
  rt: SlackRuntime,
  target: SlackTarget,
  outgoing: Outgoing,
  progress: DeliveryProgress = FROM_START,
): Promise<void> {
  const steps: (() => Promise<unknown>)[] = [];
  if (outgoing.credentials.length > 0)
    steps.push(() => warnAboutCredentials(rt, target, outgoing.credentials));
  const options = target.preface ? { preface: target.preface } : {};
  for (const [i, message] of renderBlockKit(withTruncationNote(outgoing), options).entries()) {
    steps.push(() =>
      i === 0 && target.updateTs
        ? rt.client.chat.update({ channel: target.channel, ts: target.updateTs, ...message })
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
  if (target.threadTs) await rt.threads.remember(target.channel, target.threadTs);
  for (const step of steps.slice(progress.done)) {
    await step();
    progress.stepDone();
  }
}

/** Slack's words for a message cut before analysis: a short italic line under the answer. */
function withTruncationNote(outgoing: Outgoing): Reply {
  if (!outgoing.truncated) return outgoing.reply;
  const note = `_Your message was long, so I read its beginning and its end (${outgoing.truncated.analysedChars} characters in all). If the error is in the middle, paste just that part._`;
  return { ...outgoing.reply, blocks: [...outgoing.reply.blocks, { type: 'text', text: note }] };
}

/** Failures that can pass once Slack recovers (not e.g. `channel_not_found`): how long to wait. */
export function slackRetryAfterMs(error: unknown): number | undefined {
  const code = slackErrorCode(error);
  if (code === 'rate_limited') {
    const seconds = (error as { retryAfter?: unknown }).retryAfter;
    return typeof seconds === 'number' && seconds > 0 ? seconds * 1000 : 0;
  }
  if (code === 'request_failed' || code?.startsWith('http_5')) return 0;
  return undefined;
}

/** How the service posts Slack answers, live and from the outbox. */
export function slackPoster(rt: SlackRuntime): Poster {
  return {
    async post(target, outgoing, progress) {
      try {
        await postOutgoing(rt, target as SlackTarget, outgoing, progress);
      } catch (error) {
        const code = slackErrorCode(error);
        if (code) {
          rt.hooks.platformError?.(PLATFORM, code);
          rt.logger.error({ code, what: 'answer' }, 'a Slack API call failed');
        }
        throw error;
      }
    },
    retryAfterMs: slackRetryAfterMs,
  };
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
