/**
 * The parts of Slack's payloads the adapter reads, validated with zod: Bolt types them, but what
 * arrives is whatever the network delivered. Unknown fields pass through untouched.
 */
import { z } from 'zod';

/** A `message` event (channels, private channels, DMs). */
export const messageEventSchema = z.object({
  type: z.literal('message'),
  subtype: z.string().optional(),
  channel: z.string().min(1),
  channel_type: z.string().optional(),
  user: z.string().optional(),
  bot_id: z.string().optional(),
  text: z.string().optional(),
  ts: z.string().min(1),
  thread_ts: z.string().optional(),
  parent_user_id: z.string().optional(),
  team: z.string().optional(),
});
export type MessageEvent = z.infer<typeof messageEventSchema>;

/** An `app_mention` event. */
export const mentionEventSchema = z.object({
  type: z.literal('app_mention'),
  channel: z.string().min(1),
  user: z.string().optional(),
  bot_id: z.string().optional(),
  text: z.string().default(''),
  ts: z.string().min(1),
  thread_ts: z.string().optional(),
  team: z.string().optional(),
});
export type MentionEvent = z.infer<typeof mentionEventSchema>;

/** The Events API envelope around an event. */
export const eventEnvelopeSchema = z.object({
  team_id: z.string().optional(),
  event_id: z.string().optional(),
});

/** A slash command invocation. */
export const slashCommandSchema = z.object({
  command: z.string(),
  text: z.string().default(''),
  team_id: z.string().min(1),
  channel_id: z.string().min(1),
  user_id: z.string().min(1),
  trigger_id: z.string().default(''),
});
export type SlashCommandPayload = z.infer<typeof slashCommandSchema>;

/** A `block_actions` payload from a button on one of our messages. */
export const blockActionSchema = z.object({
  type: z.literal('block_actions'),
  team: z.object({ id: z.string() }).nullable().optional(),
  user: z.object({ id: z.string(), team_id: z.string().optional() }),
  channel: z.object({ id: z.string() }).optional(),
  container: z
    .object({
      channel_id: z.string().optional(),
      message_ts: z.string().optional(),
      thread_ts: z.string().optional(),
      is_ephemeral: z.boolean().optional(),
    })
    .optional(),
  message: z
    .object({
      ts: z.string(),
      thread_ts: z.string().optional(),
      text: z.string().optional(),
      blocks: z.array(z.record(z.string(), z.unknown())).optional(),
    })
    .optional(),
  actions: z
    .array(z.object({ action_id: z.string(), value: z.string().optional(), text: z.unknown().optional() }))
    .min(1),
});
export type BlockActionPayload = z.infer<typeof blockActionSchema>;
