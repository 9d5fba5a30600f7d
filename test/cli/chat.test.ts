import { describe, expect, it } from 'vitest';
import { createChatCommand } from '../../src/cli/chat.ts';
import { createFakeEngine } from '../contract/fake-engine.ts';
import { memoryIo } from './memory-io.ts';

const chat = createChatCommand({ loadEngine: () => createFakeEngine() });

describe('keydoctor chat (scripted engine)', () => {
  it('GIVEN a symptom on stdin THEN it asks a question and exits 0 at the end of input', async () => {
    const io = memoryIo({ stdin: 'getting 401\n' });
    expect(await chat([], io)).toBe(0);
    expect(io.out()).toMatch(/Where does the failing code run\?/);
  });

  it('GIVEN "exit" THEN the chat ends with exit code 0', async () => {
    const io = memoryIo({ stdin: 'exit\n' });
    expect(await chat([], io)).toBe(0);
    expect(io.out()).toMatch(/Bye/);
  });

  it('GIVEN an unexpected argument THEN it prints usage and exits 2', async () => {
    const io = memoryIo({ stdin: '' });
    expect(await chat(['now'], io)).toBe(2);
    expect(io.err()).toMatch(/Usage: keydoctor chat/);
  });
});
