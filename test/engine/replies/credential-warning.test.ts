import { describe, expect, it } from 'vitest';
import { credentialWarning } from '../../../src/engine/replies/credential-warning.ts';
import type { CredentialFingerprint } from '../../../src/engine/types.ts';

function cred(provider: string, kind: string, last4: string): CredentialFingerprint {
  return { provider, kind, last4, live: true, label: `[${provider} ${kind} …${last4}]` };
}

function warningText(credentials: CredentialFingerprint[]): string {
  const block = credentialWarning(credentials);
  if (block?.type !== 'warning') throw new Error('expected a warning block');
  return block.text;
}

describe('credentialWarning', () => {
  it('GIVEN a kind that already names its provider THEN the provider is not said twice', () => {
    expect(warningText([cred('jwt', 'JWT', 'FrZQ')])).toContain('a live **JWT** ending in `FrZQ`');
  });

  it('GIVEN a kind that already says live THEN "live" is not said twice', () => {
    const text = warningText([cred('stripe', 'live secret key', 'Cl7B')]);
    expect(text).toContain('what looks like a **stripe live secret key** ending in `Cl7B`');
  });

  it('GIVEN two credentials THEN the warning speaks of them in the plural', () => {
    const text = warningText([
      cred('openai', 'project key', 'ab12'),
      cred('github', 'personal access token', 'cd34'),
    ]);
    expect(text).toContain('I did not store them, but treat them as leaked');
    expect(text).toContain('1. Revoke (delete or roll) them now');
    expect(text).not.toMatch(/\bit\b(?! as `sk)/);
  });
});
