import { describe, expect, it } from 'vitest';
import { buildEvidenceIndex, extractEvidence } from '../../src/engine/evidence/index.ts';
import { redactSecrets } from '../../src/redaction/redact.ts';
import { FAKE, fakeJwt, filler } from '../engine/fixtures/fake-keys.ts';
import { fixtureKnowledge, NOW } from '../engine/fixtures/knowledge.ts';

type Case = {
  name: string;
  key: string;
  provider: string;
  kind: RegExp;
  live: boolean;
  context?: (k: string) => string;
  /** credentials expected in the text (the key id next to an AWS secret is one more) */
  count?: number;
};

const CASES: Case[] = [
  { name: 'an OpenAI project key', key: FAKE.openai(), provider: 'openai', kind: /project key/, live: true },
  {
    name: 'a legacy OpenAI secret key',
    key: FAKE.openaiLegacy(),
    provider: 'openai',
    kind: /secret key/,
    live: true,
  },
  {
    name: 'an OpenAI service account key',
    key: FAKE.openaiService(),
    provider: 'openai',
    kind: /service account/,
    live: true,
  },
  { name: 'an OpenAI admin key', key: FAKE.openaiAdmin(), provider: 'openai', kind: /admin key/, live: true },
  { name: 'an Anthropic API key', key: FAKE.anthropic(), provider: 'anthropic', kind: /API key/, live: true },
  {
    name: 'an Anthropic admin key',
    key: FAKE.anthropicAdmin(),
    provider: 'anthropic',
    kind: /admin key/,
    live: true,
  },
  {
    name: 'a Stripe live secret key',
    key: FAKE.stripeLive(),
    provider: 'stripe',
    kind: /live secret key/,
    live: true,
  },
  {
    name: 'a Stripe test secret key',
    key: FAKE.stripeTest(),
    provider: 'stripe',
    kind: /test secret key/,
    live: false,
  },
  {
    name: 'a Stripe restricted key',
    key: FAKE.stripeRestricted(),
    provider: 'stripe',
    kind: /restricted key/,
    live: true,
  },
  {
    name: 'a Stripe publishable key',
    key: FAKE.stripePublishable(),
    provider: 'stripe',
    kind: /publishable key/,
    live: false,
  },
  {
    name: 'a Stripe webhook secret',
    key: FAKE.stripeWebhook(),
    provider: 'stripe',
    kind: /webhook secret/,
    live: true,
  },
  { name: 'an AWS access key id', key: FAKE.awsKeyId(), provider: 'aws', kind: /access key id/, live: false },
  {
    name: 'an AWS secret access key after its name',
    key: FAKE.awsSecret(),
    provider: 'aws',
    kind: /secret access key/,
    live: true,
    context: (k) => `aws_secret_access_key = ${k}`,
  },
  { name: 'a Google API key', key: FAKE.google(), provider: 'google', kind: /API key/, live: true },
  {
    name: 'a GitHub classic token',
    key: FAKE.githubClassic(),
    provider: 'github',
    kind: /personal access token/,
    live: true,
  },
  {
    name: 'a GitHub OAuth token',
    key: FAKE.githubOauth(),
    provider: 'github',
    kind: /OAuth token/,
    live: true,
  },
  {
    name: 'a GitHub fine-grained token',
    key: FAKE.githubFineGrained(),
    provider: 'github',
    kind: /fine-grained/,
    live: true,
  },
  { name: 'a Slack bot token', key: FAKE.slackBot(), provider: 'slack', kind: /bot token/, live: true },
  { name: 'a Slack user token', key: FAKE.slackUser(), provider: 'slack', kind: /user token/, live: true },
  {
    name: 'a Slack app-level token',
    key: FAKE.slackApp(),
    provider: 'slack',
    kind: /app-level token/,
    live: true,
  },
  {
    name: 'a Slack refresh token',
    key: FAKE.slackRefresh(),
    provider: 'slack',
    kind: /refresh token/,
    live: true,
  },
  { name: 'a Discord bot token', key: FAKE.discordBot(), provider: 'discord', kind: /bot token/, live: true },
  {
    name: 'a JWT',
    key: fakeJwt({ sub: 'u1', exp: NOW / 1000 + 3600 }),
    provider: 'jwt',
    kind: /JWT/,
    live: true,
  },
  {
    name: 'a Twilio API key SID',
    key: FAKE.twilioKeySid(),
    provider: 'twilio',
    kind: /API key SID/,
    live: true,
  },
  {
    name: 'a Twilio auth token after its name',
    key: FAKE.twilioAuthToken(),
    provider: 'twilio',
    kind: /auth token/,
    live: true,
    context: (k) => `TWILIO_AUTH_TOKEN=${k}`,
  },
  { name: 'a SendGrid API key', key: FAKE.sendgrid(), provider: 'sendgrid', kind: /API key/, live: true },
  {
    name: "a Plaid sandbox public token (not live: the sandbox's)",
    key: ['public', 'sandbox', 'e7d961b5', '8e41', '4bdd', '9616', '038211293a10'].join('-'),
    provider: 'plaid',
    kind: /public token/,
    live: false,
  },
  {
    name: 'a Plaid production access token',
    key: ['access', 'production', 'c41a7e02', '5b9d', '4f3e', 'a816', '7d20e9b4c5f1'].join('-'),
    provider: 'plaid',
    kind: /access token/,
    live: true,
  },
  {
    name: 'a Hugging Face token',
    key: FAKE.huggingface(),
    provider: 'huggingface',
    kind: /access token/,
    live: true,
  },
  {
    name: 'a generic Bearer value',
    key: filler(32),
    provider: 'generic',
    kind: /bearer token/,
    live: true,
    context: (k) => `Authorization: Bearer ${k}`,
  },
  {
    name: 'a generic Basic value',
    key: filler(28),
    provider: 'generic',
    kind: /basic/,
    live: true,
    context: (k) => `Authorization: Basic ${k}`,
  },
  {
    name: 'a generic Token value',
    key: filler(28),
    provider: 'generic',
    kind: /token/,
    live: true,
    context: (k) => `Authorization: Token ${k}`,
  },
  {
    name: 'an x-api-key header value',
    key: filler(30),
    provider: 'generic',
    kind: /API key/,
    live: true,
    context: (k) => `x-api-key: ${k}`,
  },
  {
    name: 'an api-key header value',
    key: filler(30),
    provider: 'generic',
    kind: /API key/,
    live: true,
    context: (k) => `api-key: ${k}`,
  },
  {
    name: 'an api_key= parameter',
    key: filler(30),
    provider: 'generic',
    kind: /API key/,
    live: true,
    context: (k) => `api_key=${k}`,
  },
  {
    name: 'a ?key= query parameter',
    key: filler(30),
    provider: 'generic',
    kind: /API key/,
    live: true,
    context: (k) => `https://x.example/v1?key=${k}&q=1`,
  },
  {
    name: 'a token= parameter',
    key: filler(30),
    provider: 'generic',
    kind: /token/,
    live: true,
    context: (k) => `token=${k}`,
  },
  {
    name: 'a password= value',
    key: 'Tr0ub4dor&3xyz',
    provider: 'generic',
    kind: /password/,
    live: true,
    context: (k) => `password=${k}`,
  },
  {
    name: 'a KEY=value line of a .env file',
    key: filler(30),
    provider: 'generic',
    kind: /secret/,
    live: true,
    context: (k) => `PORT=3000\nMY_SERVICE_SECRET=${k}\nDEBUG=true`,
  },
  {
    name: 'a Google OAuth access token',
    key: FAKE.googleOauth(),
    provider: 'google',
    kind: /OAuth access token/,
    live: true,
  },
  {
    name: 'a GitLab personal access token',
    key: FAKE.gitlab(),
    provider: 'gitlab',
    kind: /personal access token/,
    live: true,
  },
  { name: 'an npm access token', key: FAKE.npm(), provider: 'npm', kind: /access token/, live: true },
  {
    name: 'an AWS secret access key right after its key id',
    key: FAKE.awsSecret(),
    provider: 'aws',
    kind: /secret access key/,
    live: true,
    context: (k) => `Access key ID,Secret access key\n${FAKE.awsKeyId()},${k}`,
    count: 2,
  },
  {
    name: 'a password inside a URL',
    key: 'Zq7pLm2Vt8',
    provider: 'generic',
    kind: /password/,
    live: true,
    context: (k) => `DATABASE_URL=postgres://app:${k}@db.internal:5432/app`,
  },
];

describe('redactSecrets', () => {
  for (const c of CASES) {
    it(`replaces ${c.name} with a fingerprint label and never returns the value`, () => {
      const text = `before ${(c.context ?? ((k: string) => k))(c.key)} after`;
      const out = redactSecrets(text);
      expect(out.text).not.toContain(c.key);
      expect(out.credentials).toHaveLength(c.count ?? 1);
      const cred = out.credentials.find((x) => c.kind.test(x.kind));
      expect(cred?.provider).toBe(c.provider);
      expect(cred?.kind).toMatch(c.kind);
      expect(cred?.live).toBe(c.live);
      expect(out.text).toContain(cred?.label);
      expect(JSON.stringify(out.credentials)).not.toContain(c.key);
    });
  }

  it('shows the last four characters of a long key and nothing more', () => {
    const key = FAKE.openai();
    const [cred] = redactSecrets(key).credentials;
    expect(cred?.last4).toBe(key.slice(-4));
    expect(cred?.label).toBe(`[openai project key …${key.slice(-4)}]`);
  });

  it('shows no characters of a short credential', () => {
    const [cred] = redactSecrets('password=Tr0ub4dor&3').credentials;
    expect(cred?.last4).toBe('');
    expect(cred?.label).toBe('[password]');
  });

  it('marks an obviously fake key as not live', () => {
    const [cred] = redactSecrets(`sk-test-FAKE${'x'.repeat(30)}`).credentials;
    expect(cred?.live).toBe(false);
  });

  it('leaves placeholders such as YOUR_API_KEY and Bearer undefined visible', () => {
    const text = 'Authorization: Bearer undefined\napi_key=YOUR_API_KEY_HERE\nx-api-key: <token>';
    expect(redactSecrets(text)).toEqual({ text, credentials: [] });
  });

  it('does not call a URL password spelled "password" live', () => {
    const [cred] = redactSecrets('postgres://user:password@localhost/db').credentials;
    expect(cred?.live ?? false).toBe(false);
  });

  it('leaves a wordy setting after a vague name visible', () => {
    const text = '{"key": "production-east-1", "token": "refresh_on_expiry"}';
    expect(redactSecrets(text).credentials).toEqual([]);
  });

  it('leaves ordinary prose untouched', () => {
    const text = 'My key stopped working yesterday and I get 401 Unauthorized from the API.';
    expect(redactSecrets(text)).toEqual({ text, credentials: [] });
  });

  it('finds a key split by a zero-width character', () => {
    const key = FAKE.openai();
    const out = redactSecrets(`${key.slice(0, 20)}\u200B${key.slice(20)}`);
    expect(out.text).not.toContain(key.slice(20));
    expect(out.credentials[0]?.provider).toBe('openai');
  });

  it('finds several credentials in one text', () => {
    const out = redactSecrets(`${FAKE.stripeLive()} and ${FAKE.githubClassic()}`);
    expect(out.credentials.map((c) => c.provider)).toEqual(['stripe', 'github']);
  });

  it('returns on a 100 KB adversarial key prefix', () => {
    const out = redactSecrets(`sk-${'a-'.repeat(50_000)}`);
    expect(out.text.length).toBeGreaterThan(0);
  });

  it("returns on a certificate constructor's arguments of many verbatim strings and no password", () => {
    // each @"..." could be read two ways if "@" were both a lone character and a string's prefix
    const out = redactSecrets(`new X509Certificate2(${'@"a"'.repeat(150)})`);
    expect(out.credentials).toEqual([]);
  });

  it('returns on a Bearer followed by 100 KB of spaces', () => {
    const out = redactSecrets(`Bearer ${' '.repeat(100_000)}`);
    expect(out.credentials).toEqual([]);
  });

  it('returns on 100 KB of almost-JWT and almost-Discord-token text', () => {
    const out = redactSecrets(`eyJ${'a'.repeat(30_000)}.eyJ${'.a'.repeat(20_000)}${'Ab1.'.repeat(10_000)}`);
    expect(typeof out.text).toBe('string');
  });

  it('finds every one of 20,000 tokens in one text', () => {
    const token = FAKE.slackBot();
    expect(redactSecrets(`${token} `.repeat(20_000)).credentials).toHaveLength(20_000);
  });

  it('redacts two different keys glued together', () => {
    const a = FAKE.slackBot();
    const b = FAKE.stripeLive();
    const out = redactSecrets(`${a}${b}`);
    expect(out.text).not.toContain(a.slice(0, 20));
    expect(out.text).not.toContain(b);
  });

  it('returns on 100 KB of key=value noise', () => {
    const out = redactSecrets('key=value&token=x '.repeat(6_000));
    expect(typeof out.text).toBe('string');
  });
});

describe('GIVEN one key that the text shows twice (pasted, then quoted back by an error)', () => {
  const key = `${filler(8)}Q7${filler(10)}`;
  const text = `X-API-KEY: ${key}\n{"detail":"API-KEY '${key}' is invalid."}`;

  it('THEN both places are hidden, and the evidence names the key once', () => {
    const { text: out } = redactSecrets(text);
    expect(out).not.toContain(key.slice(0, 8));
    expect(out.match(/\[API key/g)).toHaveLength(2);
    const evidence = extractEvidence(buildEvidenceIndex(fixtureKnowledge()), text, NOW);
    expect(evidence.credentials).toHaveLength(1);
  });
});
