import { describe, expect, it } from 'vitest';
import { interpretLine } from '../../../src/adapters/console/console-commands.ts';
import type { ReplyChoice } from '../../../src/engine/types.ts';

const MENU: ReplyChoice[] = [
  { id: 'feedback:fixed', label: 'That fixed it' },
  { id: 'feedback:broken', label: 'That didn’t fix it' },
];

describe('interpreting a console line', () => {
  it('GIVEN a menu number with a dot THEN it picks that choice', () => {
    expect(interpretLine('2.', MENU)).toEqual({
      type: 'input',
      input: { type: 'choice', choiceId: 'feedback:broken' },
      restart: false,
    });
  });

  it('GIVEN a label typed with a straight apostrophe THEN it matches a curly one', () => {
    expect(interpretLine("that didn't fix it", MENU)).toMatchObject({
      input: { choiceId: 'feedback:broken' },
    });
  });

  it('GIVEN a number past the end of the menu THEN it is sent as text', () => {
    expect(interpretLine('7', MENU)).toMatchObject({ input: { type: 'message', text: '7' } });
  });

  it('GIVEN a multi-line message starting with "exit" THEN it is text, not a command', () => {
    expect(interpretLine('exit\ncode 401', MENU)).toMatchObject({
      type: 'input',
      input: { type: 'message' },
    });
  });

  it.each(['exit', 'QUIT', 'bye'])('GIVEN %s THEN the user leaves', (line) => {
    expect(interpretLine(line, MENU)).toEqual({ type: 'exit' });
  });
});
