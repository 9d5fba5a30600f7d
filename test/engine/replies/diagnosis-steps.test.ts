import { describe, expect, it } from 'vitest';
import { diagnosisReply } from '../../../src/engine/replies/diagnosis-reply.ts';
import type { Signal } from '../../../src/engine/signals.ts';
import type { Evidence, ReplyBlock } from '../../../src/engine/types.ts';
import { causeSchema } from '../../../src/knowledge/schema.ts';
import { FIXTURE_CAUSES, fixtureKnowledge } from '../fixtures/knowledge.ts';

function evidence(opts: { providers?: string[]; signals?: Signal[] } = {}): Evidence {
  return {
    signals: (opts.signals ?? []).map((signal) => ({ signal, detail: signal })),
    providers: opts.providers ?? [],
    errors: [],
    credentials: [],
    redactedText: '',
    truncated: false,
  };
}

/** The texts of the "How to fix it" steps of the diagnosis of `causeId`, in order. */
function stepTexts(causeId: string, ev: Evidence, knowledge = fixtureKnowledge()): string[] {
  const top = { causeId, score: 1, confidence: 0.9, reasons: ['because'] };
  const steps = diagnosisReply(knowledge, top, [], ev).blocks.find(
    (b): b is Extract<ReplyBlock, { type: 'steps' }> => b.type === 'steps',
  );
  return steps?.items.map((s) => s.text) ?? [];
}

describe('GIVEN a cause whose fix steps are tagged with providers or runtimes', () => {
  it('WHEN OpenAI was detected THEN the Anthropic-only step is left out and the rest stay in order', () => {
    expect(stepTexts('key-missing', evidence({ providers: ['openai'] }))).toEqual([
      'Print whether the key is set before the call.',
      'Test the key against OpenAI.',
    ]);
  });

  it('WHEN no provider was detected THEN every step is shown', () => {
    expect(stepTexts('key-missing', evidence())).toHaveLength(3);
  });

  it('WHEN a container runtime was detected THEN the serverless-only step is left out', () => {
    expect(stepTexts('env-not-propagated', evidence({ signals: ['runtime:container'] }))).toEqual([
      'List the variables the running process sees.',
      'Pass the variable to the container.',
    ]);
  });

  it('WHEN only a vague place like production was detected THEN no runtime-specific step is hidden', () => {
    expect(
      stepTexts('env-not-propagated', evidence({ signals: ['runtime:deployed', 'runtime:localhost'] })),
    ).toEqual(stepTexts('env-not-propagated', evidence({})));
  });

  it('WHEN a detected runtime is not one the steps name THEN only the untagged step is shown', () => {
    expect(stepTexts('env-not-propagated', evidence({ signals: ['runtime:ci'] }))).toEqual([
      'List the variables the running process sees.',
    ]);
  });

  it('WHEN every step would be left out THEN all steps are shown instead of none', () => {
    const onlyTagged = causeSchema.parse({
      ...FIXTURE_CAUSES.find((c) => c.id === 'key-revoked'),
      fix: [
        { text: 'Rotate the key in the Anthropic console.', providers: ['anthropic'] },
        { text: 'Rotate the key in the Stripe dashboard.', providers: ['stripe'] },
      ],
    });
    const knowledge = fixtureKnowledge(FIXTURE_CAUSES.map((c) => (c.id === 'key-revoked' ? onlyTagged : c)));
    expect(stepTexts('key-revoked', evidence({ providers: ['openai'] }), knowledge)).toEqual([
      'Rotate the key in the Anthropic console.',
      'Rotate the key in the Stripe dashboard.',
    ]);
  });
});
