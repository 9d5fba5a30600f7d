import { describe, expect, it } from 'vitest';
import { createEngine } from '../../src/engine/index.ts';
import { capHeadAndTail } from '../../src/engine/input.ts';
import type { EngineInput } from '../../src/engine/types.ts';
import { fixtureKnowledge, NOW } from './fixtures/knowledge.ts';

const engine = createEngine(fixtureKnowledge());
const step = (input: EngineInput) => engine.step(undefined, input, { now: NOW });

const BAD_TEXTS: [string, string][] = [
  ['an empty message', ''],
  ['only whitespace', ' \n\t  '],
  ['a 1 MB message', 'my key fails with 401 '.repeat(50_000)],
  ['binary noise', Array.from({ length: 4096 }, (_, i) => String.fromCharCode(i % 256)).join('')],
  ['lone surrogates', '\uD800\uDC00\uDFFF\uD83D'],
  ['an adversarial key prefix', `sk-${'a-'.repeat(50_000)}`],
  ['Bearer and 100 KB of spaces', `Authorization: Bearer ${' '.repeat(100_000)}`],
  ['many Authorization headers', 'Authorization: '.repeat(20_000)],
  ['a deeply nested JSON body', `${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}`],
  ['many URLs', 'https://api.openai.com/?key='.repeat(5_000)],
];

describe('bounded bad input', () => {
  for (const [name, text] of BAD_TEXTS) {
    it(`answers ${name} with a reply instead of throwing`, () => {
      const r = step({ type: 'message', text });
      expect(r.reply.heading.length).toBeGreaterThan(0);
      expect(() => JSON.stringify(r.state)).not.toThrow();
    });

    it(`diagnoses ${name} one-shot without throwing`, () => {
      expect(engine.diagnose(text, { now: NOW }).reply.heading.length).toBeGreaterThan(0);
    });
  }

  it('asks for details on an empty message', () => {
    expect(step({ type: 'message', text: '' }).reply.kind).toBe('info');
  });

  it('keeps the stored text within its cap for a 1 MB message', () => {
    const r = step({ type: 'message', text: 'x'.repeat(1_000_000) });
    expect(JSON.stringify(r.state).length).toBeLessThan(40_000);
  });

  it('tolerates a non-string text at run time', () => {
    const r = step({ type: 'message', text: undefined as unknown as string });
    expect(r.reply.kind).toBe('info');
  });
});

describe('over-long input', () => {
  it('keeps the beginning and the end of a text over the cap, so a traceback keeps its last line', () => {
    const text = `${'frame line\n'.repeat(2000)}openai.AuthenticationError: Incorrect API key provided`;
    const kept = capHeadAndTail(text, 1000);
    expect(kept.length).toBeLessThanOrEqual(1000);
    expect(kept.startsWith('frame line')).toBe(true);
    expect(kept.endsWith('Incorrect API key provided')).toBe(true);
  });

  it('leaves a text within the cap untouched', () => {
    expect(capHeadAndTail('short', 1000)).toBe('short');
  });
});
