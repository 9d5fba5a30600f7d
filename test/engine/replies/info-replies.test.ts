import { describe, expect, it } from 'vitest';
import { needMoreReply } from '../../../src/engine/replies/info-replies.ts';

describe('needMoreReply', () => {
  it.each([true, false])('GIVEN empty=%s THEN the text before the example snippet introduces it', (empty) => {
    const blocks = needMoreReply(empty).blocks;
    const codeAt = blocks.findIndex((b) => b.type === 'code');
    const before = blocks[codeAt - 1];
    expect(before?.type === 'text' ? before.text : '').toMatch(/For example:$/);
  });
});
