import { describe, expect, it } from 'vitest';
import {
  BLOCK_FENCE,
  createLineBatcher,
  MAX_BUFFERED_CHARS,
} from '../../../src/adapters/console/line-batcher.ts';

describe('grouping terminal lines into messages', () => {
  it('GIVEN lines in the same instant THEN they are one message once the window passes', async () => {
    const messages: string[] = [];
    const batcher = createLineBatcher((m) => messages.push(m), 5);
    batcher.push('HTTP/1.1 401');
    batcher.push('{"error":"invalid_api_key"}');
    expect(messages).toEqual([]);
    await expect.poll(() => messages).toEqual(['HTTP/1.1 401\n{"error":"invalid_api_key"}']);
  });

  it('GIVEN a window of 0 THEN every line is its own message at once', () => {
    const messages: string[] = [];
    const batcher = createLineBatcher((m) => messages.push(m), 0);
    batcher.push('getting 401');
    batcher.push('2');
    expect(messages).toEqual(['getting 401', '2']);
  });

  it('GIVEN a window of 0 THEN a """ block still joins its lines', () => {
    const messages: string[] = [];
    const batcher = createLineBatcher((m) => messages.push(m), 0);
    for (const line of ['"""', 'line one', 'line two', '"""']) batcher.push(line);
    expect(messages).toEqual(['line one\nline two']);
  });

  it('GIVEN an open block at the end of input THEN flush emits what it holds', () => {
    const messages: string[] = [];
    const batcher = createLineBatcher((m) => messages.push(m), 0);
    batcher.push('"""');
    batcher.push('half a stack trace');
    batcher.flush();
    expect(messages).toEqual(['half a stack trace']);
  });
});

describe('the paste buffer cap', () => {
  it('GIVEN an unclosed """ block longer than the cap THEN it is sent in pieces no longer than the cap', () => {
    const messages: string[] = [];
    const batcher = createLineBatcher((m) => messages.push(m), 0);
    batcher.push(BLOCK_FENCE);
    const line = 'x'.repeat(999);
    for (let i = 0; i < 250; i++) batcher.push(line);
    expect(messages.length).toBeGreaterThan(1);
    expect(Math.max(...messages.map((m) => m.length))).toBeLessThanOrEqual(MAX_BUFFERED_CHARS);
  });

  it('GIVEN one line longer than the cap THEN the message is cut to the cap', () => {
    const messages: string[] = [];
    const batcher = createLineBatcher((m) => messages.push(m), 0);
    batcher.push('y'.repeat(MAX_BUFFERED_CHARS * 2));
    expect(messages).toHaveLength(1);
    expect(messages[0]!.length).toBeLessThanOrEqual(MAX_BUFFERED_CHARS);
  });
});
