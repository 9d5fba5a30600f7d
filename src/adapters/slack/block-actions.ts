/**
 * Buttons: every button keydoctor renders has an action_id starting with `kd:` and the engine's choice
 * id in its value. A click is acknowledged at once, the clicked message loses its buttons (so a choice
 * cannot be clicked twice) and shows what was chosen, and the choice goes to the conversation of the
 * message's thread.
 */
import type { App } from '@slack/bolt';
import type { KnownBlock } from '@slack/types';
import { locateConversation } from './conversation-key.ts';
import { converse } from './converse.ts';
import { guarded } from './guard.ts';
import { escapeMrkdwn } from './mrkdwn.ts';
import { type BlockActionPayload, blockActionSchema } from './payloads.ts';
import { ACTION_ID_PREFIX } from './render-blocks.ts';
import type { SlackRuntime } from './runtime.ts';

const ACTION_PATTERN = new RegExp(`^${ACTION_ID_PREFIX}`);

export function registerBlockActions(app: App, rt: SlackRuntime): void {
  app.action(ACTION_PATTERN, async ({ ack, body }) => {
    await ack();
    const parsed = blockActionSchema.safeParse(body);
    if (!parsed.success) return rt.logger.warn('ignored a block action of an unexpected shape');
    const payload = parsed.data;
    const action = payload.actions[0];
    const channel = payload.channel?.id ?? payload.container?.channel_id;
    const ts = payload.message?.ts ?? payload.container?.message_ts;
    if (!action || !channel || !ts) return;
    // our ephemeral messages carry no buttons; anything else here is not ours to handle
    if (payload.container?.is_ephemeral) return;
    const choiceId = action.value ?? action.action_id.slice(ACTION_ID_PREFIX.length);
    const team = payload.team?.id ?? payload.user.team_id ?? rt.bot.teamId;
    const threadTs = payload.message?.thread_ts ?? payload.container?.thread_ts;
    const { key, replyThreadTs } = locateConversation(team, channel, ts, threadTs);
    const target = { channel, threadTs: replyThreadTs, user: payload.user.id };
    await guarded(rt, 'mark choice', undefined, () => markChosen(rt, payload, channel, ts, labelOf(action)));
    await converse(rt, key, target, { type: 'choice', choiceId });
  });
}

function labelOf(action: BlockActionPayload['actions'][number]): string {
  const text = action.text as { text?: unknown } | undefined;
  return typeof text?.text === 'string' ? text.text : (action.value ?? '');
}

/** Replaces our buttons on the clicked message with a note of who chose what. */
async function markChosen(
  rt: SlackRuntime,
  payload: BlockActionPayload,
  channel: string,
  ts: string,
  label: string,
): Promise<void> {
  const blocks = payload.message?.blocks;
  if (!blocks) return;
  const note = {
    type: 'context',
    elements: [{ type: 'mrkdwn', text: `<@${payload.user.id}> chose *${escapeMrkdwn(label)}*` }],
  };
  let replaced = false;
  const updated = blocks.flatMap((block) => {
    if (!isOurActions(block)) return [block];
    if (replaced) return [];
    replaced = true;
    return [note];
  });
  if (!replaced) return;
  await rt.client.chat.update({
    channel,
    ts,
    text: payload.message?.text ?? label,
    // Slack's own echo of our blocks, sent back with one block swapped
    blocks: updated as unknown as KnownBlock[],
  });
}

function isOurActions(block: Record<string, unknown>): boolean {
  if (block.type !== 'actions' || !Array.isArray(block.elements)) return false;
  return block.elements.some(
    (el) =>
      typeof el === 'object' &&
      el !== null &&
      String((el as { action_id?: unknown }).action_id).startsWith(ACTION_ID_PREFIX),
  );
}
