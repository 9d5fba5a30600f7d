/**
 * The ReDoS checks of the credential patterns (bench/redos-attacks.json, written by `npm run
 * bench:attacks`, timed by `npm run bench`): every pattern has been checked as it is now, and each
 * input the checker built against one is redacted to the end (a pattern that backtracked
 * exponentially on it would never return). Timing is the benchmark's job; here each must only finish.
 */
import { describe, expect, it } from 'vitest';
import { attackInputs, patternId, recordedAttacks } from '../../bench/redos-attacks.ts';
import { CREDENTIAL_PATTERNS } from '../../src/redaction/credential-patterns.ts';
import { redactSecrets } from '../../src/redaction/redact.ts';

describe('GIVEN the credential patterns and the ReDoS checks recorded for them', () => {
  const recorded = recordedAttacks();

  it('THEN every pattern was checked as it is now (else run npm run bench:attacks)', () => {
    const checked = new Set(recorded.checked);
    const unchecked = CREDENTIAL_PATTERNS.map((p) => p.regex).filter((r) => !checked.has(patternId(r)));
    expect(
      unchecked.map((r) => r.source.slice(0, 80)),
      'patterns added or changed since their ReDoS check: run npm run bench:attacks',
    ).toEqual([]);
  });

  it('THEN none of them backtracks exponentially', () => {
    expect(recorded.attacks.filter((a) => a.degree === null).map((a) => a.pattern)).toEqual([]);
  });

  for (const { name, text } of attackInputs())
    it(`THEN redaction returns on the ${name} at the HTTP cap`, () => {
      expect(typeof redactSecrets(text).text).toBe('string');
    });
});
