import { afterEach, describe, expect, it } from 'vitest';
import type { Reply } from '../../../src/engine/types.ts';
import { judgeMessage, SLACK_MAX_BLOCKS_JSON } from '../../fakes/slack/block-kit-limits.ts';
import { scriptedService } from '../../fakes/slack/scripted-service.ts';
import { buttonsOf, type SlackTestBed, startSlackBed } from '../../fakes/slack/slack-test-bed.ts';

let bed: SlackTestBed | undefined;
afterEach(async () => {
  await bed?.close();
  bed = undefined;
});

const HUGE: Reply = {
  kind: 'diagnosis',
  heading: 'A very long answer '.repeat(20),
  blocks: [
    ...Array.from({ length: 60 }, (_, i) => ({
      type: 'text' as const,
      text: `Paragraph ${i}: ${'because '.repeat(300)}`,
    })),
    {
      type: 'steps',
      title: 'Fix it',
      items: Array.from({ length: 30 }, (_, i) => ({
        text: `step ${i}`,
        code: { language: 'bash', code: 'echo x\n'.repeat(200) },
      })),
    },
  ],
  choices: [
    { id: 'feedback:fixed', label: 'Fixed it', style: 'primary' },
    { id: 'feedback:broken', label: 'Still broken', style: 'danger' },
  ],
};

describe('Slack: Block Kit limits', () => {
  it('GIVEN the fake Slack THEN it refuses what the real one refuses (so the tests below mean something)', () => {
    const section = { type: 'section', text: { type: 'mrkdwn', text: 'x' } };
    expect(
      judgeMessage(
        't',
        Array.from({ length: 51 }, () => section),
      ),
    ).toBe('invalid_blocks');
    expect(judgeMessage('t', [{ type: 'section', text: { type: 'mrkdwn', text: 'x'.repeat(3001) } }])).toBe(
      'invalid_blocks',
    );
    const big = Array.from({ length: 6 }, () => ({
      type: 'section',
      text: { type: 'mrkdwn', text: 'x'.repeat(2500) },
    }));
    expect(JSON.stringify(big).length).toBeGreaterThan(SLACK_MAX_BLOCKS_JSON);
    expect(judgeMessage('t', big)).toBe('msg_blocks_too_long');
  });

  it('GIVEN a huge reply THEN Slack accepts every message the bot posts', async () => {
    bed = await startSlackBed({ service: scriptedService(() => ({ reply: HUGE, credentials: [] })) });
    await bed.mention('tell me everything');
    const posts = bed.fake.calls.filter((c) => c.method === 'chat.postMessage');
    expect(posts.length).toBeGreaterThan(1);
    expect(posts.every((c) => c.outcome === 'ok')).toBe(true);
  });

  it('GIVEN a huge reply THEN it arrives in order in the thread with the feedback buttons on its last message', async () => {
    bed = await startSlackBed({ service: scriptedService(() => ({ reply: HUGE, credentials: [] })) });
    const { ts } = await bed.mention('tell me everything');
    const thread = bed.visible();
    expect(thread.every((m) => m.thread_ts === ts)).toBe(true);
    expect(buttonsOf(thread.at(-1)!).map((b) => b.value)).toEqual(['feedback:fixed', 'feedback:broken']);
    expect(thread.slice(0, -1).every((m) => buttonsOf(m).length === 0)).toBe(true);
  });
});
