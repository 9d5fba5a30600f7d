import type { KnownBlock } from '@slack/types';
import { describe, expect, it } from 'vitest';
import {
  MAX_BLOCKS_JSON_CHARS,
  MAX_BLOCKS_PER_MESSAGE,
  MAX_MESSAGES_PER_REPLY,
} from '../../../src/adapters/slack/block-limits.ts';
import { renderBlockKit } from '../../../src/adapters/slack/render-blocks.ts';
import type { Reply } from '../../../src/engine/types.ts';
import { judgeMessage } from '../../fakes/slack/block-kit-limits.ts';

function reply(partial: Partial<Reply>): Reply {
  return { kind: 'diagnosis', heading: 'The header lacks Bearer', blocks: [], choices: [], ...partial };
}

function texts(blocks: KnownBlock[]): string[] {
  return blocks.flatMap((b) => {
    if (b.type === 'section' || b.type === 'header') return b.text ? [b.text.text] : [];
    if (b.type === 'context')
      return b.elements.flatMap((e) => ('text' in e && typeof e.text === 'string' ? [e.text] : []));
    return [];
  });
}

describe('renderBlockKit', () => {
  it('GIVEN a diagnosis THEN it starts with a plain-text header and always has a text fallback', () => {
    const [message] = renderBlockKit(
      reply({ blocks: [{ type: 'text', text: 'Your key lacks the scheme.' }] }),
    );
    expect(message?.blocks[0]).toEqual({
      type: 'header',
      text: { type: 'plain_text', text: 'The header lacks Bearer', emoji: true },
    });
    expect(message?.text).toContain('The header lacks Bearer');
  });

  it('GIVEN a heading over 150 characters THEN the header is cut with an ellipsis', () => {
    const [message] = renderBlockKit(reply({ heading: 'h'.repeat(400) }));
    const header = message?.blocks[0];
    expect(header?.type === 'header' && header.text.text.length).toBe(150);
    expect(header?.type === 'header' && header.text.text.endsWith('…')).toBe(true);
  });

  it('GIVEN light markdown THEN bold, code and links become mrkdwn', () => {
    const [message] = renderBlockKit(
      reply({
        blocks: [
          {
            type: 'text',
            text: 'Use **Bearer** in `Authorization`, see [the docs](https://example.com/auth).',
          },
        ],
      }),
    );
    expect(texts(message!.blocks)).toContain(
      'Use *Bearer* in `Authorization`, see <https://example.com/auth|the docs>.',
    );
  });

  it('GIVEN user-derived text with &, < and > THEN they are escaped so nothing becomes a mention or link', () => {
    const [message] = renderBlockKit(
      reply({ blocks: [{ type: 'evidence', title: 'Why', items: ['you sent <!channel> & <@U1>'] }] }),
    );
    const all = texts(message!.blocks).join('\n');
    expect(all).toContain('&lt;!channel&gt; &amp; &lt;@U1&gt;');
    expect(all).not.toContain('<!channel>');
  });

  it('GIVEN steps with code THEN they are numbered and the code is fenced', () => {
    const [message] = renderBlockKit(
      reply({
        blocks: [
          {
            type: 'steps',
            title: 'Fix it',
            items: [{ text: 'Print it', code: { language: 'bash', code: 'echo "$KEY"' } }, { text: 'Retry' }],
          },
        ],
      }),
    );
    const all = texts(message!.blocks).join('\n');
    expect(all).toMatch(/^1\. Print it$/m);
    expect(all).toMatch(/^2\. Retry$/m);
    expect(all).toContain('```\necho "$KEY"\n```');
  });

  it('GIVEN prevention and references THEN they render as context blocks', () => {
    const [message] = renderBlockKit(
      reply({ blocks: [{ type: 'list', title: 'Prevention', items: ['Keep keys in a secrets manager'] }] }),
    );
    expect(
      message?.blocks.some((b) => b.type === 'context' && JSON.stringify(b).includes('secrets manager')),
    ).toBe(true);
  });

  it('GIVEN choices THEN they become buttons carrying the choice id in action_id and value', () => {
    const [message] = renderBlockKit(
      reply({
        choices: [
          { id: 'feedback:fixed', label: 'Fixed it', style: 'primary' },
          { id: 'feedback:broken', label: 'Still broken', style: 'danger' },
        ],
      }),
    );
    const actions = message?.blocks.find((b) => b.type === 'actions');
    expect(actions).toEqual({
      type: 'actions',
      elements: [
        {
          type: 'button',
          text: { type: 'plain_text', text: 'Fixed it', emoji: true },
          action_id: 'kd:feedback:fixed',
          value: 'feedback:fixed',
          style: 'primary',
        },
        {
          type: 'button',
          text: { type: 'plain_text', text: 'Still broken', emoji: true },
          action_id: 'kd:feedback:broken',
          value: 'feedback:broken',
          style: 'danger',
        },
      ],
    });
  });

  it('GIVEN 60 choices with long labels THEN buttons come in actions blocks of at most 25 with labels of at most 75 characters', () => {
    const choices = Array.from({ length: 60 }, (_, i) => ({
      id: `answer:q:${i}`,
      label: `answer ${i} `.padEnd(120, 'x'),
    }));
    const messages = renderBlockKit(reply({ kind: 'question', choices }));
    const actions = messages.flatMap((m) => m.blocks).filter((b) => b.type === 'actions');
    expect(actions.map((a) => a.type === 'actions' && a.elements.length)).toEqual([25, 25, 10]);
    for (const m of messages) expect(judgeMessage(m.text, m.blocks)).toBeUndefined();
  });

  it('GIVEN a section longer than 3,000 characters THEN it is split into several sections Slack accepts', () => {
    const messages = renderBlockKit(reply({ blocks: [{ type: 'text', text: 'word '.repeat(2000) }] }));
    for (const m of messages) expect(judgeMessage(m.text, m.blocks)).toBeUndefined();
    expect(messages.flatMap((m) => m.blocks).filter((b) => b.type === 'section').length).toBeGreaterThan(3);
  });

  it('GIVEN a huge reply THEN it is split into messages inside every limit, buttons on the last', () => {
    const big = reply({
      blocks: Array.from({ length: 80 }, (_, i) => ({
        type: 'text' as const,
        text: `paragraph ${i} `.repeat(40),
      })),
      choices: [{ id: 'feedback:fixed', label: 'Fixed it' }],
    });
    const messages = renderBlockKit(big);
    expect(messages.length).toBeGreaterThan(1);
    for (const m of messages) {
      expect(m.blocks.length).toBeLessThanOrEqual(MAX_BLOCKS_PER_MESSAGE);
      expect(JSON.stringify(m.blocks).length).toBeLessThanOrEqual(MAX_BLOCKS_JSON_CHARS);
      expect(judgeMessage(m.text, m.blocks)).toBeUndefined();
    }
    expect(messages.at(-1)?.blocks.at(-1)?.type).toBe('actions');
  });

  it('GIVEN a reply too big for a few messages THEN it is trimmed with a note and still keeps its buttons', () => {
    const enormous = reply({
      blocks: Array.from({ length: 400 }, () => ({ type: 'text' as const, text: 'x'.repeat(2500) })),
      choices: [{ id: 'feedback:broken', label: 'Still broken' }],
    });
    const messages = renderBlockKit(enormous);
    expect(messages.length).toBe(MAX_MESSAGES_PER_REPLY);
    const all = messages.flatMap((m) => texts(m.blocks)).join('\n');
    expect(all).toContain('trimmed');
    expect(messages.at(-1)?.blocks.at(-1)?.type).toBe('actions');
    for (const m of messages) expect(judgeMessage(m.text, m.blocks)).toBeUndefined();
  });

  it('GIVEN code containing a fence THEN the fence cannot close the code block early', () => {
    const [message] = renderBlockKit(
      reply({ blocks: [{ type: 'code', snippet: { language: '', code: 'a ``` b' } }] }),
    );
    const code = texts(message!.blocks).find((t) => t.startsWith('```')) ?? '';
    expect(code.slice(3, -3)).not.toContain('```');
  });

  it('GIVEN an empty reply THEN a message Slack accepts still comes out', () => {
    const messages = renderBlockKit({ kind: 'info', heading: '', blocks: [], choices: [] });
    expect(messages).toHaveLength(1);
    expect(judgeMessage(messages[0]!.text, messages[0]!.blocks)).toBeUndefined();
  });
});
