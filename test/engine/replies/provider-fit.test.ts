import { describe, expect, it } from 'vitest';
import { emptyEvidence } from '../../../src/engine/evidence/index.ts';
import { diagnosisReply } from '../../../src/engine/replies/diagnosis-reply.ts';
import { askerOf, fitText } from '../../../src/engine/replies/provider-fit.ts';
import type { Evidence } from '../../../src/engine/types.ts';
import { DEFAULT_KNOWLEDGE_DIR } from '../../../src/knowledge/default-dir.ts';
import { loadKnowledge } from '../../../src/knowledge/load.ts';
import type { Provider } from '../../../src/knowledge/schema.ts';

const knowledge = loadKnowledge(DEFAULT_KNOWLEDGE_DIR);
const providers = [...knowledge.providers.values()].filter((p) => p.id !== 'generic');
/** A bare github.com link (a repository, an issue) is about code, not about the GitHub API. */
const SHARED_HOSTS = new Set(['github.com']);

function rendered(causeId: string, evidence: Evidence): string {
  const reply = diagnosisReply(knowledge, { causeId, score: 1, confidence: 0.8, reasons: [] }, [], evidence);
  return JSON.stringify(reply.blocks);
}

/** What in `text` belongs to `other` (its hosts, variable names, documentation) once `own` material is removed. */
function foreignMaterial(text: string, own: Provider | undefined, other: Provider): string[] {
  let t = text.toLowerCase();
  for (const h of [...(own?.hosts ?? []), own?.docs ?? ''].filter(Boolean))
    t = t.split(h.toLowerCase()).join(' ');
  const found: string[] = [];
  for (const h of other.hosts) if (!SHARED_HOSTS.has(h) && t.includes(h.toLowerCase())) found.push(h);
  if (other.docs && t.includes(other.docs.toLowerCase())) found.push(other.docs);
  for (const env of other.env ?? []) {
    if (own?.env?.includes(env)) continue;
    if (new RegExp(`(?<![A-Z0-9_])${env}(?![A-Z0-9_])`).test(text)) found.push(env);
  }
  return found;
}

describe('GIVEN every cause rendered for every provider', () => {
  for (const own of providers) {
    it(`THEN a ${own.id} answer shows no other provider's host, variable name or reference`, () => {
      const problems: string[] = [];
      for (const cause of knowledge.causes.values()) {
        const text = rendered(cause.id, { ...emptyEvidence(), providers: [own.id] });
        for (const other of providers) {
          if (other.id === own.id) continue;
          const found = foreignMaterial(text, own, other);
          if (found.length > 0) problems.push(`${cause.id}: ${other.id} ${found.join(', ')}`);
        }
      }
      expect(problems).toEqual([]);
    });
  }

  it('THEN an answer with no provider detected names no provider-specific host or variable', () => {
    const problems: string[] = [];
    for (const cause of knowledge.causes.values()) {
      const text = rendered(cause.id, emptyEvidence());
      for (const other of providers) {
        const found = foreignMaterial(text, undefined, other);
        if (found.length > 0) problems.push(`${cause.id}: ${other.id} ${found.join(', ')}`);
      }
    }
    expect(problems).toEqual([]);
  });
});

describe('GIVEN a step that tells two variables apart by their names', () => {
  it('THEN no answer shows one name for both once the names are rewritten for the asker', () => {
    const problems: string[] = [];
    for (const providerIds of [[], ...providers.map((p) => [p.id])])
      for (const cause of knowledge.causes.values()) {
        const text = rendered(cause.id, { ...emptyEvidence(), providers: providerIds });
        const twice = /`([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+)`[^`]{1,30}`\1`/.exec(text);
        if (twice) problems.push(`${cause.id} (${providerIds.join() || 'none'}): ${twice[0]}`);
      }
    expect(problems).toEqual([]);
  });

  it("THEN no snippet keeps the options of a command that was replaced by the asker's own check", () => {
    const problems: string[] = [];
    for (const providerIds of [[], ...providers.map((p) => [p.id])])
      for (const cause of knowledge.causes.values()) {
        const reply = diagnosisReply(
          knowledge,
          { causeId: cause.id, score: 1, confidence: 0.8, reasons: [] },
          [],
          {
            ...emptyEvidence(),
            providers: providerIds,
          },
        );
        for (const block of reply.blocks) {
          if (block.type !== 'steps') continue;
          for (const step of block.items) {
            const lines = step.code?.code.split('\n') ?? [];
            lines.forEach((line, i) => {
              if (/^\s+-{1,2}[A-Za-z]/.test(line) && !/\\\s*$/.test(lines[i - 1] ?? ''))
                problems.push(`${cause.id} (${providerIds.join() || 'none'}): ${line.trim()}`);
            });
          }
        }
      }
    expect(problems).toEqual([]);
  });

  it('THEN a text whose two names would become one is not fitted for another provider', () => {
    const text = 'rename them (`STRIPE_SECRET_KEY` on the server, `STRIPE_PUBLISHABLE_KEY` in the browser)';
    expect(fitText(knowledge, askerOf(knowledge, emptyEvidence()), text)).toBeUndefined();
    const stripe = askerOf(knowledge, { ...emptyEvidence(), providers: ['stripe'] });
    expect(fitText(knowledge, stripe, text)).toBe(text);
    expect(fitText(knowledge, askerOf(knowledge, emptyEvidence()), 'set `OPENAI_API_KEY` in `.env`')).toBe(
      'set `API_KEY` in `.env`',
    );
  });
});

describe('GIVEN the examples from the field', () => {
  const say = (causeId: string, providerIds: string[], tools: string[] = []) =>
    rendered(causeId, { ...emptyEvidence(), providers: providerIds, tools });

  it('THEN an Anthropic key problem is tested against api.anthropic.com with x-api-key', () => {
    const text = say('key-invalid-typo', ['anthropic']);
    expect(text).not.toContain('api.openai.com');
    expect(text).toContain('x-api-key: $ANTHROPIC_API_KEY');
  });

  it('THEN an Azure OpenAI fix never shows STRIPE_SECRET_KEY', () => {
    for (const cause of knowledge.causes.keys())
      expect(say(cause, ['azure-openai'])).not.toContain('STRIPE_SECRET_KEY');
  });

  it('THEN the GitHub CLI in Actions is told about GH_TOKEN, not OPENAI_API_KEY', () => {
    const text = say('env-not-propagated', ['github'], ['gh-cli', 'github-actions']);
    expect(text).toContain('GH_TOKEN');
    expect(text).not.toContain('OPENAI_API_KEY');
  });

  it('THEN an npm publish in Actions is tested against the npm registry and told about NODE_AUTH_TOKEN', () => {
    const text = say('key-missing', ['npm', 'github'], ['github-actions']);
    expect(text).toContain('registry.npmjs.org/-/whoami');
    expect(text).toContain('NODE_AUTH_TOKEN');
    expect(text).not.toContain('OPENAI_API_KEY');
  });

  it("THEN another provider's answer keeps the dotenv page on npmjs.com and Docker's Compose documentation", () => {
    expect(say('key-missing', ['openai'])).toContain('https://www.npmjs.com/package/dotenv');
    expect(say('env-not-propagated', ['anthropic'])).toContain('https://docs.docker.com/compose/');
  });

  it('THEN a Docker Hub login problem is checked with docker login, not a curl to another API', () => {
    const text = say('key-invalid-typo', ['docker-hub']);
    expect(text).toContain('docker login -u');
    expect(text).toContain('Docker ID');
    expect(text).not.toContain('api.openai.com');
  });

  it("THEN a publishable key answer for another API neither cites Stripe's checks nor names Stripe.js", () => {
    for (const providerIds of [[], ['openai'], ['google-cloud']]) {
      const text = say('publishable-key-as-secret', providerIds);
      expect(text).not.toMatch(/Stripe says|Stripe\.js|Stripe: /);
    }
    expect(say('publishable-key-as-secret', ['stripe'])).toContain('pk_live_');
  });

  it("THEN a Google Cloud signature or clock answer does not quote AWS's errors, an AWS one does", () => {
    for (const cause of ['clock-skew', 'signature-mismatch']) {
      expect(say(cause, ['google-cloud'])).not.toMatch(/RequestTimeTooSkewed|SignatureDoesNotMatch/);
      expect(say(cause, ['aws'])).toMatch(/RequestTimeTooSkewed|SignatureDoesNotMatch/);
    }
  });

  it('THEN a step about a tool is shown only to someone using that tool', () => {
    expect(say('insufficient-scope', [])).not.toContain('gh auth refresh');
    expect(say('insufficient-scope', ['github'])).not.toContain('gh auth refresh');
    expect(say('insufficient-scope', ['github'], ['gh-cli'])).toContain('gh auth refresh');
    expect(say('insufficient-scope', [])).not.toContain('permissions:');
    expect(say('insufficient-scope', ['github'], ['github-actions'])).toContain('permissions:');
  });

  it('THEN a key in the wrong place is told to move into a header whatever the service, not only for OpenAI', () => {
    // a DeepL key sent in the form body (DeepL refuses it there since 2025) was told only to read
    // header names case-insensitively on the server
    for (const providerIds of [[], ['anthropic'], ['openai']])
      expect(say('wrong-header-name', providerIds)).toMatch(
        /rather than a query parameter or a field of the request body/,
      );
    expect(say('wrong-header-name', [])).not.toContain('OpenAI and most Bearer APIs');
  });

  it('THEN a billing or restriction answer for another provider cites no Google Maps page', () => {
    for (const cause of ['billing-quota', 'ip-referrer-restriction'])
      for (const providerIds of [[], ['openrouter']])
        expect(say(cause, providerIds)).not.toContain('developers.google.com');
    expect(say('ip-referrer-restriction', ['google-cloud'])).toContain('developers.google.com');
  });

  it("THEN a step that holds for every API is kept without its example when the example is another provider's", () => {
    // the CORS answer's first step ("move the call to your backend") has a Next.js route calling
    // OpenAI: a browser call to any other API lost the step itself, not just the example
    for (const providerIds of [[], ['anthropic'], ['stripe']]) {
      const text = say('cors-browser', providerIds);
      expect(text).toContain('Move the call to your backend');
      expect(text).not.toContain('api.openai.com');
    }
    expect(say('cors-browser', ['openai'])).toContain('api.openai.com/v1/chat/completions');
  });

  it("THEN no snippet holds another provider's key shape under the asker's variable (GH_TOKEN=sk_test_...)", () => {
    const shapes: Record<string, RegExp> = {
      stripe: /(?<![A-Za-z0-9])(?:sk|pk|rk)_(?:test|live)_/,
      github: /(?<![A-Za-z0-9])(?:ghp_|github_pat_)/,
      openrouter: /(?<![A-Za-z0-9])sk-or-/,
      sendgrid: /(?<![A-Za-z0-9])SG\./,
    };
    const problems: string[] = [];
    for (const own of providers)
      for (const cause of knowledge.causes.keys()) {
        const reply = diagnosisReply(
          knowledge,
          { causeId: cause, score: 1, confidence: 0.8, reasons: [] },
          [],
          { ...emptyEvidence(), providers: [own.id] },
        );
        const code = reply.blocks.flatMap((b) =>
          b.type === 'steps' ? b.items.flatMap((i) => (i.code ? [i.code.code] : [])) : [],
        );
        for (const [owner, shape] of Object.entries(shapes))
          if (owner !== own.id && code.some((c) => shape.test(c)))
            problems.push(`${own.id} ${cause}: ${owner}`);
      }
    expect(problems).toEqual([]);
    // the Stripe answer keeps its own example
    expect(say('wrong-environment', ['stripe'])).toContain('STRIPE_SECRET_KEY=sk_test_');
  });

  it("THEN another service's token in GitHub Actions is not told about the workflow token's permissions block", () => {
    expect(say('insufficient-scope', ['generic'], ['github-actions'])).not.toContain('permissions:');
    expect(say('insufficient-scope', ['github'], ['github-actions'])).toContain('permissions:');
  });

  it('THEN an Azure data role problem is told about data roles, not about AI models or Azure OpenAI', () => {
    const text = say('insufficient-scope', ['azure']);
    expect(text).toContain('Key Vault Secrets User');
    expect(text).not.toMatch(/For AI APIs|Azure OpenAI/);
    expect(say('insufficient-scope', ['openai'])).not.toContain('Key Vault');
  });

  it('THEN a Stripe answer cites no Azure material', () => {
    expect(say('wrong-environment', ['stripe'])).not.toMatch(/azure/i);
  });
});
