/** The "the API says ..." reason reads as a sentence for every string in the shipped catalogue. */
import { describe, expect, it } from 'vitest';
import { createEngine } from '../../../src/engine/index.ts';
import { apiSays } from '../../../src/engine/replies/api-says.ts';
import { DEFAULT_KNOWLEDGE_DIR } from '../../../src/knowledge/default-dir.ts';
import { loadKnowledge } from '../../../src/knowledge/load.ts';

const knowledge = loadKnowledge(DEFAULT_KNOWLEDGE_DIR);
const NOW = Date.parse('2026-12-01T12:00:00Z');

describe('the API-says reason', () => {
  const entries = knowledge.catalogue;

  it('GIVEN every catalogue string THEN no reason starts its quote mid-sentence or names the generic provider', () => {
    expect(entries.length).toBeGreaterThan(100);
    const bad = entries
      .map((e) => apiSays(e.match, e.provider))
      .filter((r) => /says `[a-z,;:.)\]'"-]/.test(r) || r.includes('(generic)') || r.includes('``'));
    expect(bad).toEqual([]);
  });

  it('GIVEN a fragment of a longer message THEN it is quoted as part of it', () => {
    expect(apiSays('but a test mode key was used to make this request', 'stripe')).toBe(
      "the API's message includes `…but a test mode key was used to make this request` (stripe)",
    );
  });

  it('GIVEN a whole message THEN it is what the API says, with its provider', () => {
    expect(apiSays('Incorrect API key provided', 'openai')).toBe(
      'the API says `Incorrect API key provided` (openai)',
    );
  });

  it('GIVEN "403 Forbidden" THEN the diagnosis does not repeat Forbidden as a second reason', () => {
    const { outcome } = createEngine(knowledge).diagnose('HTTP 403 Forbidden from our partner API', {
      now: NOW,
    });
    for (const cause of outcome.ranked) {
      const forbidden = cause.reasons.filter((r) => /forbidden/i.test(r));
      expect(forbidden.length).toBeLessThanOrEqual(1);
    }
  });
});
