import { afterEach, describe, expect, it } from 'vitest';
import { renderReply } from '../../../src/adapters/discord/render-reply.ts';
import { splitContent } from '../../../src/adapters/discord/split-content.ts';
import type { Reply } from '../../../src/engine/types.ts';
import { messageProblems } from '../../fakes/discord/validate-payload.ts';
import { type Bot, startBot, textOf } from './bot-harness.ts';
import { stubService } from './stub-service.ts';

const long = (n: number, word = 'word') => `${word} `.repeat(Math.ceil(n / (word.length + 1))).slice(0, n);

function hugeDiagnosis(): Reply {
  return {
    kind: 'diagnosis',
    heading: long(400, 'Title'),
    causeId: 'huge',
    blocks: [
      { type: 'warning', text: long(2500, 'warn') },
      { type: 'text', text: long(6000, 'why') },
      {
        type: 'steps',
        title: 'Fix it',
        items: Array.from({ length: 40 }, (_, i) => ({
          text: long(300, `step${i}`),
          code: { language: 'bash', code: long(1500, 'curl') },
        })),
      },
      { type: 'list', title: 'Prevention', items: Array.from({ length: 80 }, () => long(40, 'never')) },
    ],
    choices: [
      { id: 'feedback:fixed', label: 'That fixed it' },
      { id: 'feedback:broken', label: long(120, 'Still') },
    ],
  };
}

describe('Discord message limits', () => {
  let bot: Bot | undefined;
  afterEach(async () => {
    await bot?.close();
    bot = undefined;
  });

  it('GIVEN a huge diagnosis THEN every message Discord receives is within its limits', () => {
    const messages = renderReply(hugeDiagnosis());
    expect(messages.length).toBeGreaterThan(1);
    for (const m of messages) expect(messageProblems(m)).toEqual([]);
  });

  it('GIVEN a huge diagnosis THEN all forty steps survive, in order, across the messages', () => {
    const names = renderReply(hugeDiagnosis()).flatMap((m) =>
      (m.embeds ?? []).flatMap((e) => e.fields ?? []).map((f) => f.name),
    );
    const steps = names.filter((n) => /^\d+\. /.test(n)).map((n) => Number.parseInt(n, 10));
    expect(steps).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
  });

  it('GIVEN a huge diagnosis THEN the feedback buttons ride on the last message only', () => {
    const messages = renderReply(hugeDiagnosis());
    expect(messages.at(-1)!.components).toHaveLength(1);
    expect(messages.slice(0, -1).every((m) => m.components === undefined)).toBe(true);
  });

  it('GIVEN text longer than a message THEN it is split on lines with code fences closed and reopened', () => {
    const text = [
      'intro',
      '```bash',
      ...Array.from({ length: 300 }, (_, i) => `echo line ${i}`),
      '```',
      'outro',
    ].join('\n');
    const chunks = splitContent(text, 2000);
    expect(chunks.length).toBeGreaterThan(1);
    for (const chunk of chunks) {
      expect(chunk.length).toBeLessThanOrEqual(2000);
      expect((chunk.match(/```/g) ?? []).length % 2).toBe(0);
    }
    expect(chunks.join('\n')).toContain('echo line 299');
  });

  it('GIVEN one line longer than a message THEN it is cut hard rather than failing', () => {
    const chunks = splitContent('x'.repeat(5000), 2000);
    expect(chunks.join('')).toBe('x'.repeat(5000));
    expect(chunks.every((c) => c.length <= 2000)).toBe(true);
  });

  it('GIVEN a huge reply through the real adapter THEN the fake Discord accepts every message', async () => {
    const stub = stubService({ reply: hugeDiagnosis(), credentials: [] });
    bot = await startBot({ service: stub.service });
    const expected = renderReply(hugeDiagnosis()).length;
    const posted = await bot.expectReplies(() => bot!.fake.userSays('401', { mention: true }), expected);
    expect(bot.fake.calls.filter((c) => c.status >= 400)).toEqual([]);
    expect(posted).toHaveLength(expected);
    expect(textOf(posted[0]!)).toContain('warn');
  });

  it('GIVEN a question with a long plain text THEN it is split and the buttons come with the last part', async () => {
    const reply: Reply = {
      kind: 'question',
      heading: 'Which one?',
      questionId: 'q',
      blocks: [{ type: 'text', text: long(4500, 'context') }],
      choices: [
        { id: 'answer:q:a', label: 'A' },
        { id: 'answer:q:b', label: 'B' },
      ],
    };
    const messages = renderReply(reply);
    expect(messages).toHaveLength(3);
    expect(messages.map((m) => m.components?.length ?? 0)).toEqual([0, 0, 1]);
  });

  it('GIVEN a choice id too long for a custom_id THEN that button is left out instead of failing', () => {
    const reply: Reply = {
      kind: 'question',
      heading: 'Which one?',
      blocks: [],
      choices: [
        { id: `answer:q:${'x'.repeat(120)}`, label: 'Too long' },
        { id: 'answer:q:b', label: 'B' },
      ],
    };
    const [message] = renderReply(reply);
    expect(messageProblems(message)).toEqual([]);
    expect(message!.components![0]!.components).toHaveLength(1);
  });

  it('GIVEN a long run of blank space THEN splitting ends and keeps the text after it', () => {
    const chunks = splitContent(`${' '.repeat(5000)}\nend`, 2000);
    expect(chunks.join('')).toContain('end');
  });
});
