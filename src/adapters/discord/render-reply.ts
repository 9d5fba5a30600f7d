/**
 * Renders the engine's Reply in Discord's idiom: a question as text with buttons (or a select menu),
 * a diagnosis as an embed (cause, why, numbered steps with code, prevention) with feedback buttons,
 * anything else as plain text. Output is a list of messages, each inside Discord's limits.
 */
import type { APIEmbed, APIEmbedField } from 'discord.js';
import type { Reply, ReplyBlock } from '../../engine/types.ts';
import { type ActionRow, choiceRows } from './components.ts';
import {
  CONTENT_MAX,
  EMBED_DESCRIPTION_MAX,
  EMBED_FIELD_NAME_MAX,
  EMBED_FIELD_VALUE_MAX,
  EMBED_FIELDS_MAX,
  EMBED_TITLE_MAX,
  EMBED_TOTAL_MAX,
  EMBEDS_PER_MESSAGE_MAX,
} from './limits.ts';
import { blockMarkdown, bullets, codeBlock } from './render-blocks.ts';
import { safe, truncate } from './safe-text.ts';
import { splitContent } from './split-content.ts';

/** One Discord message: what `channel.send`, `editReply` and `followUp` accept. */
export interface DiscordPayload {
  content?: string;
  embeds?: APIEmbed[];
  components?: ActionRow[];
}

export interface RenderOptions {
  /** a line added to questions: how the user can answer here */
  answerHint?: string;
  /** lines shown before the reply (e.g. a credential notice) */
  notices?: string[];
}

/** Discord's embed colour for a diagnosis (keydoctor green). */
const DIAGNOSIS_COLOUR = 0x2ecc71;
/** Field values may not be empty. */
const EMPTY_VALUE = '\u200b';

export function renderReply(reply: Reply, options: RenderOptions = {}): DiscordPayload[] {
  const notices = options.notices ?? [];
  if (reply.kind === 'diagnosis') return renderDiagnosis(reply, notices);
  const parts = [...notices, `**${safe(reply.heading)}**`, ...reply.blocks.map(blockMarkdown)];
  if (reply.kind === 'question' && options.answerHint) parts.push(`*${options.answerHint}*`);
  return withComponents(
    textMessages(parts.filter((p) => p.length > 0).join('\n\n')),
    choiceRows(reply.choices),
  );
}

function textMessages(text: string): DiscordPayload[] {
  return splitContent(text, CONTENT_MAX).map((content) => ({ content }));
}

/** Buttons go on the last message, where the user reads last. */
function withComponents(messages: DiscordPayload[], rows: ActionRow[]): DiscordPayload[] {
  if (rows.length === 0) return messages;
  const last = messages.at(-1);
  if (!last) return [{ content: '\u200b', components: rows }];
  return [...messages.slice(0, -1), { ...last, components: rows }];
}

function stepFields(block: Extract<ReplyBlock, { type: 'steps' }>): APIEmbedField[] {
  return block.items.map((step, i) => {
    const head = `${i + 1}. ${safe(step.text)}`;
    const name = truncate(head, EMBED_FIELD_NAME_MAX);
    const rest = name === head ? '' : safe(step.text);
    const value = [rest, step.code ? codeBlock(step.code) : ''].filter((s) => s.length > 0).join('\n');
    return { name, value: fitFieldValue(value) };
  });
}

/** A field value within 1,024 characters, closing a code fence the cut would leave open. */
function fitFieldValue(value: string): string {
  if (value.length === 0) return EMPTY_VALUE;
  if (value.length <= EMBED_FIELD_VALUE_MAX) return value;
  const cut = truncate(value, EMBED_FIELD_VALUE_MAX - 4);
  const fences = cut.match(/```/g)?.length ?? 0;
  return fences % 2 === 1 ? `${cut}\n\`\`\`` : cut;
}

function renderDiagnosis(reply: Reply, notices: string[]): DiscordPayload[] {
  const warnings = reply.blocks.filter((b) => b.type === 'warning').map(blockMarkdown);
  const why = reply.blocks.filter((b) => b.type === 'text' || b.type === 'evidence').map(blockMarkdown);
  const fields: APIEmbedField[] = [];
  for (const block of reply.blocks) {
    if (block.type === 'steps') {
      fields.push(...stepFields(block));
    } else if (block.type === 'list') {
      fields.push({
        name: truncate(safe(block.title), EMBED_FIELD_NAME_MAX),
        value: fitFieldValue(bullets(block.items)),
      });
    } else if (block.type === 'code') {
      fields.push({ name: 'Snippet', value: fitFieldValue(codeBlock(block.snippet)) });
    }
  }
  const head: APIEmbed = {
    title: truncate(safe(reply.heading), EMBED_TITLE_MAX),
    description: truncate(why.join('\n\n'), EMBED_DESCRIPTION_MAX) || undefined,
    color: DIAGNOSIS_COLOUR,
  };
  const embeds = packFields(head, fields);
  const content = [...notices, ...warnings].join('\n\n');
  const messages = groupEmbeds(embeds);
  const first = messages[0] ?? {};
  const lead = content.length > 0 ? textMessages(content) : [];
  // the first text chunk rides with the first embeds; any further text goes before them
  const out: DiscordPayload[] =
    lead.length > 0 ? [...lead.slice(0, -1), { ...lead.at(-1), ...first }, ...messages.slice(1)] : messages;
  return withComponents(out, choiceRows(reply.choices));
}

function embedSize(e: APIEmbed): number {
  return (
    (e.title?.length ?? 0) +
    (e.description?.length ?? 0) +
    (e.footer?.text.length ?? 0) +
    (e.fields ?? []).reduce((n, f) => n + f.name.length + f.value.length, 0)
  );
}

/** Puts fields on the head embed, continuing on more embeds past 25 fields or 6,000 characters. */
function packFields(head: APIEmbed, fields: APIEmbedField[]): APIEmbed[] {
  const embeds: APIEmbed[] = [{ ...head, fields: [] }];
  for (const field of fields) {
    let current = embeds.at(-1)!;
    const size = field.name.length + field.value.length;
    if ((current.fields?.length ?? 0) >= EMBED_FIELDS_MAX || embedSize(current) + size > EMBED_TOTAL_MAX) {
      current = { color: head.color, fields: [] };
      embeds.push(current);
    }
    current.fields!.push(field);
  }
  return embeds.map((e) => (e.fields?.length ? e : { ...e, fields: undefined }));
}

/** Groups embeds into messages of at most ten embeds and 6,000 characters. */
function groupEmbeds(embeds: APIEmbed[]): DiscordPayload[] {
  const messages: DiscordPayload[] = [];
  let current: APIEmbed[] = [];
  let size = 0;
  for (const embed of embeds) {
    const n = embedSize(embed);
    if (current.length > 0 && (current.length >= EMBEDS_PER_MESSAGE_MAX || size + n > EMBED_TOTAL_MAX)) {
      messages.push({ embeds: current });
      current = [];
      size = 0;
    }
    current.push(embed);
    size += n;
  }
  if (current.length > 0) messages.push({ embeds: current });
  return messages;
}
