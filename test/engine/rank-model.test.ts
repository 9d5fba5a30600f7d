import { describe, expect, it } from 'vitest';
import { createEngine } from '../../src/engine/index.ts';
import { fromVersion1 } from '../../src/engine/model/scorer-model.ts';
import { RANKING } from '../../src/engine/ranking-constants.ts';
import { fixtureKnowledge, NOW } from './fixtures/knowledge.ts';

/** A model over the fixture base: `bias` weights per cause, plus one evidence weight. */
function withModel(bias: Record<string, number>, evidence: Record<string, Record<string, number>> = {}) {
  const knowledge = fixtureKnowledge();
  const causes = [...knowledge.causes.keys()];
  const weights = Object.fromEntries(
    causes.map((id) => [
      id,
      { ...(bias[id] !== undefined ? { bias: bias[id] } : {}), ...(evidence[id] ?? {}) },
    ]),
  );
  const features = [...new Set(Object.values(weights).flatMap((w) => Object.keys(w)))];
  const { model } = fromVersion1({
    format: 'keydoctor-scorer',
    version: 1,
    training: { hash: `sha256:${'0'.repeat(64)}`, cases: 1, seed: 1, l2: 0.01, minDocumentFrequency: 2 },
    temperature: 1,
    textScale: 3,
    causes,
    shared: {},
    features,
    weights,
  });
  return createEngine({ ...knowledge, model });
}

const diagnose = (engine: ReturnType<typeof withModel>, text: string) =>
  engine.diagnose(text, { now: NOW }).outcome;

describe('GIVEN a learned model (calibrated confidences)', () => {
  it('THEN a cause clearly ahead at high confidence is matched', () => {
    const outcome = diagnose(withModel({ 'key-missing': 8 }), 'Authorization: Bearer undefined');
    expect(outcome.kind).toBe('matched');
    expect(outcome.ranked[0]?.confidence).toBeGreaterThanOrEqual(RANKING.calibratedMatchConfidence);
  });

  it('THEN two causes close together are ambiguous, so the dialogue asks', () => {
    const outcome = diagnose(
      withModel({ 'key-missing': 8, 'env-not-propagated': 7.9 }),
      'Authorization: Bearer undefined',
    );
    expect(outcome.kind).toBe('ambiguous');
    const [a, b] = outcome.ranked;
    expect((a?.confidence ?? 0) - (b?.confidence ?? 0)).toBeLessThan(RANKING.calibratedMatchMargin);
  });

  it('THEN a message with nothing to go on is none', () => {
    expect(diagnose(withModel({ 'key-missing': 8 }), 'hello').kind).toBe('none');
  });

  it('THEN a reason names the evidence that helps the cause, and not evidence that counts against it', () => {
    const helps = withModel({}, { 'key-missing': { 'sig:key:undefined': 3 } });
    const hurts = withModel({}, { 'key-missing': { 'sig:key:undefined': -30 } });
    const text = 'Authorization: Bearer undefined';
    const reasonsOf = (engine: ReturnType<typeof withModel>) =>
      engine.diagnose(text, { now: NOW }).outcome.ranked.find((r) => r.causeId === 'key-missing')?.reasons ??
      [];
    expect(reasonsOf(helps).join('\n')).toMatch(/undefined/);
    expect(reasonsOf(hurts).join('\n')).not.toMatch(/undefined/);
  });

  it('THEN the words that speak for a cause are quoted as written, and words that speak against it are not', () => {
    const engine = withModel(
      {},
      { 'clock-skew': { 'w:skew': 4, 'w:clock': 3 }, 'key-missing': { 'w:skew': -4 } },
    );
    const reasonsOf = (id: string) =>
      engine
        .diagnose('The clock SKEW breaks every signed call', { now: NOW })
        .outcome.ranked.find((r) => r.causeId === id)
        ?.reasons.join('\n') ?? '';
    expect(reasonsOf('clock-skew')).toContain('your message says "skew", "clock"');
    expect(reasonsOf('key-missing')).not.toMatch(/your message says/);
  });

  it('THEN a pasted key is never quoted as a word, even when the model knows it', () => {
    const key = ['sk', 'test', 'FAKEq7Zr2LmW9xKp4TnV8sHd'].join('-');
    const engine = withModel({}, { 'clock-skew': { [`w:${key.toLowerCase()}`]: 9, 'w:clock': 3 } });
    const reasons = engine
      .diagnose(`clock drift? my key is ${key}`, { now: NOW })
      .outcome.ranked.flatMap((r) => r.reasons)
      .join('\n');
    expect(reasons).toContain('"clock"');
    expect(reasons).not.toContain('FAKEq7Zr');
    expect(reasons.toLowerCase()).not.toContain('fakeq7zr');
  });
});
