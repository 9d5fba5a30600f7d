/**
 * The leaks issue 10 found, one test each: every one of them returned part of the secret before
 * redaction read a normalised view and covered every place a credential sits.
 */
import { describe, expect, it } from 'vitest';
import { capHeadAndTail } from '../../src/redaction/cap.ts';
import { redactSecrets } from '../../src/redaction/redact.ts';
import { FAKE, filler } from '../engine/fixtures/fake-keys.ts';

/** Every run of 8 characters of `secret` that appears in `text`. */
function leakedRuns(text: string, secret: string): string[] {
  const runs: string[] = [];
  for (let i = 0; i + 8 <= secret.length; i++) {
    const run = secret.slice(i, i + 8);
    if (text.includes(run)) runs.push(run);
  }
  return runs;
}

// Secret parts assembled at run time (no key shapes in the repository).
const OPAQUE = `${filler(14)}${'Zx81'}${filler(14).split('').reverse().join('')}`;
const TWILIO_SID = ['A', 'C', 'a3f9c2e18b7d4f6a0c5e9b2d7f1a8c3e'].join('');
const TWILIO_TOKEN = FAKE.twilioAuthToken();

interface Finding {
  name: string;
  secret: string;
  text: string;
}

const FINDINGS: Finding[] = [
  {
    name: 'a non-breaking space after Bearer before an opaque token',
    secret: OPAQUE,
    text: `Authorization: Bearer\u00A0${OPAQUE}`,
  },
  { name: 'an em space after Bearer', secret: OPAQUE, text: `Authorization: Bearer\u2003${OPAQUE}` },
  {
    name: 'an ideographic space after Bearer',
    secret: OPAQUE,
    text: `-H "Authorization: Bearer\u3000${OPAQUE}"`,
  },
  {
    name: 'a key whose first letter is a Cyrillic look-alike',
    secret: FAKE.openai().slice(1),
    text: `my key \u0455${FAKE.openai().slice(1)} stopped working`,
  },
  {
    name: 'a key written in fullwidth letters',
    secret: filler(48),
    text: `\uFF53\uFF4B-proj-${filler(48)}`,
  },
  {
    name: 'a key with a percent-encoded dash',
    secret: FAKE.openai().slice(11),
    text: `https://x.test/cb?k=${FAKE.openai().slice(0, 7)}%2D${FAKE.openai().slice(8)}`,
  },
  {
    name: 'a value past the old pattern length limit',
    secret: filler(400),
    text: `token ghp_${filler(400)} is refused`,
  },
  {
    name: 'a Bearer value longer than 1000 characters',
    secret: filler(1200),
    text: `Authorization: Bearer ${filler(1200)}`,
  },
  {
    name: 'curl -u user:password',
    secret: 'Tr0ub4dor-9x',
    text: 'curl -u admin:Tr0ub4dor-9x https://a.test',
  },
  {
    name: "Twilio's -u SID:TOKEN",
    secret: TWILIO_TOKEN,
    text: `curl -X POST https://api.twilio.com/x -u ${TWILIO_SID}:${TWILIO_TOKEN}`,
  },
  {
    name: 'requests auth=(user, pw)',
    secret: 'pa55-W0rd-Qv7',
    text: `requests.get(url, auth=("me@example.test", "pa55-W0rd-Qv7"))`,
  },
  {
    name: 'a short Authorization: Basic value',
    secret: Buffer.from('u:pW9x2q').toString('base64'),
    text: `Authorization: Basic ${Buffer.from('u:pW9x2q').toString('base64')}`,
  },
  {
    name: 'a PEM private key',
    secret: filler(64),
    text: `-----BEGIN ${'PRIVATE'} KEY-----\n${filler(64)}\n${filler(64)}\n-----END ${'PRIVATE'} KEY-----`,
  },
  {
    name: 'a PEM private key inside a JSON string',
    secret: filler(64),
    text: `{"private_key": "-----BEGIN ${'RSA PRIVATE'} KEY-----\\n${filler(64)}\\n-----END ${'RSA PRIVATE'} KEY-----\\n"}`,
  },
  { name: 'a Cookie header', secret: 'q9Z-sess-77xK', text: 'Cookie: session=q9Z-sess-77xK; theme=dark' },
  {
    name: 'a Set-Cookie header',
    secret: 'q9Z-sess-77xK',
    text: 'Set-Cookie: sid=q9Z-sess-77xK; Path=/; HttpOnly',
  },
  {
    name: 'an Azure AccountKey connection string',
    secret: `${filler(86)}==`,
    text: `DefaultEndpointsProtocol=https;AccountName=x;AccountKey=${filler(86)}==;EndpointSuffix=core.windows.net`,
  },
  {
    name: 'an Azure SharedAccessKey',
    secret: `${filler(43)}=`,
    text: `Endpoint=sb://x.servicebus.windows.net/;SharedAccessKeyName=Root;SharedAccessKey=${filler(43)}=`,
  },
  {
    name: 'a key wrapped over two lines',
    secret: FAKE.openai(),
    text: `export OPENAI_API_KEY=${FAKE.openai().slice(0, 30)}\n  ${FAKE.openai().slice(30)}\nnode app.js`,
  },
  { name: 'a short password= value', secret: 'hunter2x', text: 'DB_PASSWORD=hunter2x' },
  {
    name: 'a URL with user:password@ and an empty user',
    secret: 'Zq81-pass-Wx',
    text: 'redis://:Zq81-pass-Wx@cache.test:6379',
  },
];

describe('redaction of the leaks found in issue 10', () => {
  for (const f of FINDINGS) {
    it(`GIVEN ${f.name} THEN no 8 characters of the secret remain`, () => {
      const out = redactSecrets(f.text);
      expect(leakedRuns(out.text, f.secret)).toEqual([]);
      expect(out.credentials.length).toBeGreaterThan(0);
    });
  }

  it('GIVEN prose after a scheme word THEN it stays readable', () => {
    const text = 'the Bearer token is wrong and Bearer authentication fails';
    expect(redactSecrets(text).text).toBe(text);
  });

  it('GIVEN a key straddling the length cap THEN the cut keeps none of it', () => {
    const key = FAKE.openai();
    const text = `${'a'.repeat(560)} ${key} ${'b'.repeat(2000)}`;
    const capped = capHeadAndTail(text, 1000);
    expect(capped.length).toBeLessThanOrEqual(1000);
    expect(leakedRuns(capped, key)).toEqual([]);
  });

  it('GIVEN a key straddling the start of the kept tail THEN the cut keeps none of it', () => {
    const key = FAKE.anthropic();
    const text = `${'a'.repeat(2000)} ${key} ${'b'.repeat(370)}`;
    const capped = capHeadAndTail(text, 1000);
    expect(leakedRuns(capped, key)).toEqual([]);
  });
});
