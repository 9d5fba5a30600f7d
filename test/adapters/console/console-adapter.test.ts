import { describe, expect, it } from 'vitest';
import { CONSOLE_FAILURE, CONSOLE_HANDOFF } from '../../../src/adapters/console/greeting.ts';
import { withConsoleHarness } from './console-harness.ts';
import { createSpyService, HANDOFF_REPLY, INFO_REPLY, QUESTION_REPLY } from './spy-service.ts';

describe('console adapter', () => {
  it('GIVEN a new session THEN it greets with how to answer, paste and leave', async () => {
    await withConsoleHarness(createSpyService(), async (h) => {
      expect(h.output()).toMatch(/keydoctor/);
      expect(h.output()).toMatch(/number/);
      expect(h.output()).toContain('"""');
      expect(h.output()).toMatch(/start over/);
      expect(h.output()).toMatch(/exit/);
    });
  });

  it('GIVEN a line THEN it reaches the service as a message in the console conversation', async () => {
    const spy = createSpyService();
    await withConsoleHarness(spy, async (h) => {
      await h.say('getting 401 from openai');
      expect(spy.received[0]?.input).toEqual({ type: 'message', text: 'getting 401 from openai' });
      expect(spy.received[0]?.key).toMatchObject({
        platform: 'console',
        workspace: 'local',
        channel: 'terminal',
      });
    });
  });

  it('GIVEN a pending question THEN a menu number is sent as that choice', async () => {
    const spy = createSpyService();
    await withConsoleHarness(spy, async (h) => {
      await h.say('getting 401');
      await h.say('2');
      expect(spy.received[1]?.input).toEqual({ type: 'choice', choiceId: 'answer:where:deployed' });
    });
  });

  it("GIVEN a pending question THEN an answer's label typed in other case is sent as that choice", async () => {
    const spy = createSpyService();
    await withConsoleHarness(spy, async (h) => {
      await h.say('getting 401');
      await h.say('  on my OWN machine. ');
      expect(spy.received[1]?.input).toEqual({ type: 'choice', choiceId: 'answer:where:local' });
    });
  });

  it('GIVEN no menu is open THEN a number is sent as plain text', async () => {
    const spy = createSpyService(() => ({ reply: INFO_REPLY, credentials: [] }));
    await withConsoleHarness(spy, async (h) => {
      await h.say('2');
      expect(spy.received[0]?.input).toEqual({ type: 'message', text: '2' });
    });
  });

  it('GIVEN a multi-line paste THEN it reaches the service as one message', async () => {
    const spy = createSpyService();
    await withConsoleHarness(spy, async (h) => {
      await h.type(
        'HTTP/1.1 401 Unauthorized\nwww-authenticate: Bearer error="invalid_token"\n{"error":"expired"}\n',
      );
      expect(spy.received).toHaveLength(1);
      expect(spy.received[0]?.input).toEqual({
        type: 'message',
        text: 'HTTP/1.1 401 Unauthorized\nwww-authenticate: Bearer error="invalid_token"\n{"error":"expired"}',
      });
    });
  });

  it('GIVEN lines between """ fences THEN they reach the service as one message', async () => {
    const spy = createSpyService();
    await withConsoleHarness(spy, async (h) => {
      const done = h.type('"""\nfirst line\n');
      // the block stays open however long the user takes
      await new Promise((resolve) => setTimeout(resolve, 60));
      expect(spy.received).toHaveLength(0);
      await h.type('second line\n"""\n');
      await done;
      expect(spy.received[0]?.input).toEqual({ type: 'message', text: 'first line\nsecond line' });
    });
  });

  it('GIVEN "start over" THEN the restart choice is sent', async () => {
    const spy = createSpyService();
    await withConsoleHarness(spy, async (h) => {
      await h.say('start over');
      expect(spy.received[0]?.input).toEqual({ type: 'choice', choiceId: 'restart' });
    });
  });

  it('GIVEN "help" THEN the usage is printed without asking the engine', async () => {
    const spy = createSpyService();
    await withConsoleHarness(spy, async (h) => {
      const before = h.output().length;
      await h.say('help');
      expect(spy.received).toHaveLength(0);
      expect(h.output().slice(before)).toMatch(/Commands: help, start over, exit/);
    });
  });

  it('GIVEN "exit" THEN onExit is called', async () => {
    await withConsoleHarness(createSpyService(), async (h) => {
      await h.say('exit');
      expect(h.exited()).toBe(true);
    });
  });

  it('GIVEN the input ends (Ctrl-D) THEN onExit is called', async () => {
    await withConsoleHarness(createSpyService(), async (h) => {
      h.end();
      await expect.poll(() => h.exited()).toBe(true);
    });
  });

  it('GIVEN the input ends mid-paste THEN the pasted text is still handled before leaving', async () => {
    const spy = createSpyService();
    await withConsoleHarness(spy, async (h) => {
      const handled = h.type('401 from stripe\n');
      h.end();
      await handled;
      await expect.poll(() => h.exited()).toBe(true);
      expect(spy.received[0]?.input).toEqual({ type: 'message', text: '401 from stripe' });
    });
  });

  it('GIVEN the engine fails THEN a friendly line is printed and the chat goes on', async () => {
    const spy = createSpyService((incoming) => {
      if (incoming.input.type === 'message' && incoming.input.text.includes('explode')) {
        throw new Error('service failure');
      }
      return { reply: QUESTION_REPLY, credentials: [] };
    });
    await withConsoleHarness(spy, async (h) => {
      await h.say('please explode');
      expect(h.output()).toContain(CONSOLE_FAILURE);
      expect(h.output()).not.toMatch(/service failure|^\s+at /m);
      await h.say('getting 401');
      expect(h.messages().at(-1)?.choices.length).toBeGreaterThan(1);
    });
  });

  it('GIVEN a live key was pasted THEN the console words the rotate notice', async () => {
    const credential = {
      provider: 'openai',
      kind: 'secret key',
      last4: 'abcd',
      live: true,
      label: '[openai secret key …abcd]',
    };
    await withConsoleHarness(
      createSpyService(() => ({ reply: INFO_REPLY, credentials: [credential] })),
      async (h) => {
        await h.say('my key is ...');
        expect(h.output()).toMatch(/rotate it/);
        expect(h.output()).toContain(credential.label);
      },
    );
  });

  it('GIVEN a hand-off THEN the summary is printed', async () => {
    await withConsoleHarness(
      createSpyService(() => ({
        reply: INFO_REPLY,
        credentials: [],
        handoff: { summary: ['401 from Stripe'] },
      })),
      async (h) => {
        await h.say('I want a human');
        expect(h.output()).toContain('401 from Stripe');
      },
    );
  });

  it('GIVEN a hand-off reply THEN the summary is printed once, by the console', async () => {
    await withConsoleHarness(
      createSpyService(() => ({
        reply: HANDOFF_REPLY,
        credentials: [],
        handoff: { summary: ['401 from Stripe'] },
      })),
      async (h) => {
        await h.say('still broken');
        expect(h.output().split('401 from Stripe')).toHaveLength(2);
      },
    );
  });

  it('GIVEN a hand-off reply THEN the console does not promise that someone will reply in the terminal', async () => {
    await withConsoleHarness(
      createSpyService(() => ({
        reply: HANDOFF_REPLY,
        credentials: [],
        handoff: { summary: ['401 from Stripe'] },
      })),
      async (h) => {
        await h.say('still broken');
        expect(h.output()).toContain('I have run out of likely causes');
        expect(h.output()).not.toMatch(/reply here/);
        // wrapped to the terminal's width: compare with line breaks folded
        expect(h.output().replace(/\s+/g, ' ')).toContain(CONSOLE_HANDOFF);
      },
    );
  });

  it('GIVEN a question reply THEN its answers are printed as a numbered menu', async () => {
    await withConsoleHarness(
      createSpyService(() => ({ reply: QUESTION_REPLY, credentials: [] })),
      async (h) => {
        await h.say('401');
        expect(h.output()).toMatch(/1\) On my own machine\n\s+2\) On a deployed server/);
      },
    );
  });

  it('GIVEN a message cut before analysis THEN the console says how many characters were read', async () => {
    await withConsoleHarness(
      createSpyService(() => ({ reply: INFO_REPLY, credentials: [], truncated: { analysedChars: 4000 } })),
      async (h) => {
        await h.say('a very long paste');
        expect(h.output().replace(/\s+/g, ' ')).toContain('(4000 characters in all)');
      },
    );
  });
});
