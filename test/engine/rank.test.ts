import { describe, expect, it } from 'vitest';
import { createEngine } from '../../src/engine/index.ts';
import { FAKE, fakeJwt } from './fixtures/fake-keys.ts';
import { fixtureKnowledge, NOW } from './fixtures/knowledge.ts';

const engine = createEngine(fixtureKnowledge());
const diagnose = (text: string) => engine.diagnose(text, { now: NOW });
const top = (text: string) => diagnose(text).outcome.ranked[0];

describe('ranking', () => {
  it('ranks missing-bearer-prefix first for "Authorization: sk-..." and says why', () => {
    const r = diagnose(`curl https://api.openai.com/v1/models -H "Authorization: ${FAKE.openai()}" -> 401`);
    expect(r.outcome.kind).toBe('matched');
    expect(r.outcome.ranked[0]?.causeId).toBe('missing-bearer-prefix');
    expect(r.outcome.ranked[0]?.reasons.join('\n')).toMatch(
      /your header is `Authorization: \[openai project key …\w{4}\]` without `Bearer `/,
    );
  });

  it('ranks key-missing first for Bearer undefined', () => {
    expect(top('Authorization: Bearer undefined')?.causeId).toBe('key-missing');
  });

  it('ranks env-not-propagated first for "works locally, fails in docker"', () => {
    expect(top('it works locally but fails in docker')?.causeId).toBe('env-not-propagated');
  });

  it('ranks token-expired-refresh first for an expired JWT', () => {
    expect(top(`401 with Bearer ${fakeJwt({ exp: NOW / 1000 - 7200 })}`)?.causeId).toBe(
      'token-expired-refresh',
    );
  });

  it('ranks clock-skew first for a JWT dated in the future', () => {
    expect(top(`rejected: ${fakeJwt({ iat: NOW / 1000 + 900, exp: NOW / 1000 + 4500 })}`)?.causeId).toBe(
      'clock-skew',
    );
  });

  it('uses a provider error string from the catalogue', () => {
    const r = diagnose('{"error":{"message":"x-api-key header is required"}}');
    expect(r.outcome.ranked[0]?.causeId).toBe('wrong-header-name');
    expect(r.outcome.ranked[0]?.reasons.join('\n')).toContain('x-api-key header is required');
  });

  it('understands misspelt words', () => {
    expect(top('the key was revokd')?.causeId).toBe('key-revoked');
  });

  it('finds the cause in a long message full of unrelated words', () => {
    const filler =
      'We are building an internal dashboard for our sales team with charts and exports. '.repeat(12);
    expect(top(`${filler} Since yesterday it stopped working with 401, it worked yesterday.`)?.causeId).toBe(
      'key-revoked',
    );
  });

  it('gives confidences that sum to at most 1 and are sorted', () => {
    const ranked = diagnose('401 after deploying to docker').outcome.ranked;
    const sum = ranked.reduce((s, c) => s + c.confidence, 0);
    expect(sum).toBeLessThanOrEqual(1.001);
    expect(ranked.map((c) => c.confidence)).toEqual(
      [...ranked.map((c) => c.confidence)].sort((a, b) => b - a),
    );
  });

  it('says none when nothing matches', () => {
    const r = diagnose('hello there');
    expect(r.outcome.kind).toBe('none');
    expect(r.reply.kind).toBe('info');
    expect(r.reply.blocks.some((b) => b.type === 'code')).toBe(true);
  });

  it('says ambiguous when only a bare status is known', () => {
    expect(diagnose('401').outcome.kind).toBe('ambiguous');
  });

  it('puts a rotation warning first in the reply when a live key was pasted', () => {
    const key = FAKE.stripeLive();
    const r = diagnose(`401 with ${key}`);
    expect(r.reply.blocks[0]?.type).toBe('warning');
    expect(JSON.stringify(r)).not.toContain(key);
  });

  it('does not warn about a test key', () => {
    const r = diagnose(`401 with ${FAKE.stripeTest()}`);
    expect(r.reply.blocks.some((b) => b.type === 'warning')).toBe(false);
  });
});
