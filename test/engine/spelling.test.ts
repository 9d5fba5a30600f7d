import { describe, expect, it } from 'vitest';
import { buildSpellingIndex, correctWord, editDistance } from '../../src/engine/text/spelling.ts';

const index = buildSpellingIndex([
  'environment',
  'revoked',
  'unauthorized',
  'systemd',
  'name',
  'permission',
  'container',
]);

describe('spelling correction', () => {
  it.each([
    ['enviroment', 'environment'],
    ['revokd', 'revoked'],
    ['permision', 'permission'],
    ['contianer', 'container'],
  ])('reads "%s" as "%s"', (typed, meant) => {
    expect(correctWord(index, typed)).toBe(meant);
  });

  it('does not take a real shorter word inside a longer one for a typo', () => {
    expect(correctWord(index, 'system')).toBeUndefined();
  });

  it('does not take a short word one letter longer than a known one for a typo', () => {
    expect(correctWord(index, 'named')).toBeUndefined();
  });

  it('leaves short words and identifiers alone', () => {
    expect(correctWord(index, 'nam')).toBeUndefined();
    expect(correctWord(index, 'vite_gcp_key')).toBeUndefined();
  });

  it('counts an adjacent swap as one edit', () => {
    expect(editDistance('contianer', 'container', 2)).toBe(1);
  });
});
