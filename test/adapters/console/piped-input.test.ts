import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createConsoleAdapter } from '../../../src/adapters/console/console-adapter.ts';
import { createSpyService } from './spy-service.ts';

describe('console adapter with piped input', () => {
  it('GIVEN lines piped all at once (not a terminal) THEN each line is its own message and exit is obeyed', async () => {
    const spy = createSpyService();
    const input = new PassThrough();
    let output = '';
    const exited = new Promise<void>((resolve) => {
      const adapter = createConsoleAdapter({
        input,
        output: { write: (s: string) => (output += s) },
        onExit: resolve,
      });
      void adapter.start(spy).then(() => input.end('getting 401 from stripe\nstart over\nexit\n'));
    });
    await exited;
    expect(spy.received.map((r) => r.input)).toEqual([
      { type: 'message', text: 'getting 401 from stripe' },
      { type: 'choice', choiceId: 'restart' },
    ]);
    expect(output).toMatch(/Bye/);
  });
});
