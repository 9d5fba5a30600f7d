import { describe, expect, it } from 'vitest';
import { buildEvidenceIndex, extractEvidence } from '../../src/engine/evidence/index.ts';
import { DEFAULT_KNOWLEDGE_DIR } from '../../src/knowledge/default-dir.ts';
import { loadKnowledge } from '../../src/knowledge/load.ts';
import { NOW } from './fixtures/knowledge.ts';

const knowledge = loadKnowledge(DEFAULT_KNOWLEDGE_DIR);
const index = buildEvidenceIndex(knowledge);
const extract = (text: string) => extractEvidence(index, text, NOW);

/** Strings a provider's catalogue lists that the generic catalogue lists too. */
const shared = knowledge.catalogue
  .filter((e) => e.provider !== 'generic')
  .filter((e) =>
    knowledge.catalogue.some(
      (g) => g.provider === 'generic' && g.match.toLowerCase() === e.match.toLowerCase(),
    ),
  );

describe('GIVEN an error string that several services print', () => {
  it('THEN the shipped catalogue lists such strings under generic as well', () => {
    expect(shared.map((e) => e.match)).toEqual(
      expect.arrayContaining([
        'Authentication failed',
        '401: Unauthorized',
        'UNAUTHENTICATED',
        'AccessDenied',
      ]),
    );
  });

  for (const entry of shared) {
    it(`THEN "${entry.match}" alone does not make the report about ${entry.provider}`, () => {
      const evidence = extract(`the call fails with: ${entry.match}`);
      expect(evidence.errors.map((e) => e.provider)).toEqual(['generic']);
      expect(evidence.providers).not.toContain(entry.provider);
    });
  }

  it('THEN a git "Authentication failed" is not taken for Discord', () => {
    const evidence = extract('git push: fatal: Authentication failed for https://gitlab.com/acme/app.git');
    expect(evidence.providers).toContain('gitlab');
    expect(evidence.providers).not.toContain('discord');
  });

  it("THEN the provider's own entry is used when the report names that provider", () => {
    const evidence = extract('my Discord bot logs DiscordAPIError[0]: 401: Unauthorized on client.login');
    expect(evidence.errors.map((e) => `${e.provider}: ${e.match}`)).toEqual(['discord: 401: Unauthorized']);
    expect(evidence.providers).toContain('discord');
  });
});

describe('GIVEN a pull request number in parentheses, as changelogs write it', () => {
  it("THEN it is not taken for Meta's (#200) permission error", () => {
    expect(extract('401 since I upgraded: fix login flow (#200), bump deps (#201)').errors).toEqual([]);
    expect(
      extract('(#200) Requires either publish_actions permission, or manage_pages').errors.map(
        (e) => e.match,
      ),
    ).toEqual(['(#200) Requires']);
  });
});

describe('GIVEN a catalogued phrase inside a longer word', () => {
  const matches = (text: string) => extract(text).errors.map((e) => e.match);

  it('THEN a phrase does not match where its last word runs on ("authenticate you" in "your")', () => {
    expect(matches('401 {"message": "Unable to authenticate your request"}')).not.toContain(
      'Unable to authenticate you',
    );
    expect(matches('GET /v2/account: 401 Unable to authenticate you')).toContain(
      'Unable to authenticate you',
    );
    expect(matches('hcloud: unable to authenticate your token (unauthorized)')).toContain(
      'unable to authenticate your token',
    );
  });

  it('THEN a plural still matches, and an identifier stays a prefix (AccessDenied in AccessDeniedException)', () => {
    expect(matches('400 invalid scopes requested')).toContain('invalid scope');
    expect(matches('botocore AccessDeniedException: not authorized')).toContain('AccessDenied');
  });
});
