/** Two quick messages in one Discord conversation: every message of the first answer comes first. */
import { afterEach, describe, expect, it } from 'vitest';
import { createConversationService } from '../../../src/conversation/conversation-service.ts';
import { initialState } from '../../../src/engine/state.ts';
import type { Engine, Reply } from '../../../src/engine/types.ts';
import { MemoryStateStore } from '../../../src/state/memory-state.ts';
import { type Bot, startBot, textOf } from './bot-harness.ts';

const DM_CHANNEL = '1700000000000000009';

/** Answers 'long' with a reply Discord must split into several messages, anything else briefly. */
const engine: Engine = {
  step(_state, input, ctx) {
    const text = input.type === 'message' ? input.text : '';
    const reply: Reply =
      text === 'long'
        ? {
            kind: 'info',
            heading: 'first answer',
            blocks: Array.from({ length: 6 }, (_, i) => ({
              type: 'text' as const,
              text: `part ${i} `.repeat(150),
            })),
            choices: [],
          }
        : { kind: 'info', heading: 'second answer', blocks: [{ type: 'text', text: 'short' }], choices: [] };
    return { state: initialState(ctx.now), reply, credentials: [], notices: [], events: [] };
  },
  diagnose() {
    throw new Error('not used');
  },
};

describe('Discord conversation order', () => {
  let bot: Bot;
  afterEach(async () => {
    await bot.close();
  });

  it('GIVEN two quick messages in one DM THEN the whole first answer is posted before the second', async () => {
    const service = createConversationService({
      engine: () => engine,
      store: new MemoryStateStore(),
      ttlMs: 60_000,
    });
    bot = await startBot({ service });
    const before = bot.fake.snapshots.length;
    bot.fake.userDMs('long', DM_CHANNEL);
    bot.fake.userDMs('short', DM_CHANNEL);
    await bot.fake.waitFor(() => bot.fake.snapshots.some((s) => textOf(s).includes('second answer')));
    const texts = bot.fake.snapshots.slice(before).map(textOf);
    const second = texts.findIndex((t) => t.includes('second answer'));
    expect(second).toBeGreaterThan(1);
    expect(second).toBe(texts.length - 1);
    expect(texts.slice(0, second).every((t) => t.includes('part'))).toBe(true);
  });
});
