import { describe, expect, it } from 'vitest';
import { buildEvidenceIndex, extractEvidence } from '../../src/engine/evidence/index.ts';
import { MAX_ANALYSED_CHARS } from '../../src/engine/limits.ts';
import type { Evidence } from '../../src/engine/types.ts';
import { FAKE, fakeJwt } from './fixtures/fake-keys.ts';
import { fixtureKnowledge, NOW } from './fixtures/knowledge.ts';

const index = buildEvidenceIndex(fixtureKnowledge());
const extract = (text: string) => extractEvidence(index, text, NOW);
const signals = (e: Evidence) => e.signals.map((s) => s.signal);
const detailOf = (e: Evidence, signal: string) => e.signals.find((s) => s.signal === signal)?.detail ?? '';
const nowS = NOW / 1000;

describe('status extraction', () => {
  it('reads 401 from a raw HTTP status line', () => {
    expect(signals(extract('HTTP/1.1 401 Unauthorized'))).toContain('status:401');
  });

  it('reads 403 from the word Forbidden', () => {
    expect(signals(extract('the API just says Forbidden'))).toContain('status:403');
  });

  it('reads a redirect before the failure', () => {
    expect(signals(extract('first a 301 Moved Permanently then 401'))).toEqual(
      expect.arrayContaining(['status:redirect', 'status:401']),
    );
  });

  it('reads a failing preflight', () => {
    expect(signals(extract('Response to preflight request does not pass access control check'))).toContain(
      'status:preflight',
    );
  });

  it('does not read a status out of a longer number', () => {
    expect(signals(extract('order 84013 took 4030 ms'))).not.toContain('status:401');
  });
});

describe('auth header extraction', () => {
  it('sees a bare key in a curl Authorization header and explains it without the key', () => {
    const key = FAKE.openai();
    const e = extract(`curl https://api.openai.com/v1/models -H "Authorization: ${key}"`);
    expect(signals(e)).toEqual(expect.arrayContaining(['header:authorization', 'scheme:none']));
    expect(detailOf(e, 'scheme:none')).toMatch(/without `Bearer `/);
    expect(detailOf(e, 'scheme:none')).toContain('[openai project key …');
    expect(JSON.stringify(e)).not.toContain(key);
  });

  it('sees the Bearer scheme in fetch code with a template literal', () => {
    const code = [
      'await fetch(url, { headers: { Authorization: `Bearer ',
      '$',
      '{process.env.OPENAI_API_KEY}',
      '` } })',
    ];
    const e = extract(code.join(''));
    expect(signals(e)).toContain('scheme:bearer');
    expect(signals(e)).not.toContain('key:undefined');
  });

  it('sees a bare variable in python requests headers', () => {
    const e = extract('r = requests.get(url, headers={"Authorization": api_key})');
    expect(signals(e)).toContain('scheme:none');
  });

  it('sees Bearer undefined in a raw header', () => {
    const e = extract('Authorization: Bearer undefined');
    expect(signals(e)).toEqual(expect.arrayContaining(['scheme:bearer', 'key:undefined']));
  });

  it('sees Bearer None from python', () => {
    expect(signals(extract("headers = {'Authorization': 'Bearer None'}"))).toContain('key:undefined');
  });

  it('sees a $VARIABLE inside single quotes that the shell never expands', () => {
    const e = extract("curl -H 'Authorization: Bearer $OPENAI_API_KEY' https://api.openai.com/v1/models");
    expect(signals(e)).toContain('key:undefined');
  });

  it('does not flag a $VARIABLE inside double quotes in a shell command', () => {
    const e = extract('curl -H "Authorization: Bearer $OPENAI_API_KEY" https://api.openai.com/v1/models');
    expect(signals(e)).not.toContain('key:undefined');
  });

  it('sees a template placeholder in a plain quoted JS string', () => {
    const code = ["headers: { Authorization: 'Bearer ", '$', "{apiKey}' }"];
    expect(signals(extract(code.join('')))).toContain('key:undefined');
  });

  it('sees a python {variable} in a string that is not an f-string', () => {
    expect(signals(extract('headers = {"Authorization": "Bearer {api_key}"}'))).toContain('key:undefined');
  });

  it('sees the scheme glued to the key', () => {
    const e = extract(`Authorization: Bearer${FAKE.openai()}`);
    expect(signals(e)).toContain('scheme:no-space');
  });

  it('sees a lowercase bearer', () => {
    expect(signals(extract(`Authorization: bearer ${FAKE.openai()}`))).toContain('scheme:bearer-lowercase');
  });

  it('sees the Token scheme', () => {
    expect(signals(extract(`Authorization: Token ${FAKE.githubClassic()}`))).toContain('scheme:token');
  });

  it('sees an x-api-key header', () => {
    expect(signals(extract(`-H "x-api-key: ${FAKE.anthropic()}"`))).toContain('header:x-api-key');
  });

  it('sees a key in a URL query parameter', () => {
    expect(
      signals(extract('GET https://maps.example.com/api/geocode?address=x&key=abc123def456ghi789')),
    ).toContain('header:query-param');
  });

  it('sees a request with no credential at all', () => {
    expect(signals(extract('curl -i https://api.example.com/v1/items'))).toContain('header:none');
  });

  it('ignores "authorization:" used in prose', () => {
    expect(signals(extract('authorization: failed for this user'))).not.toContain('header:authorization');
  });
});

describe('key shape extraction', () => {
  it('sees quotes sent as part of the key', () => {
    const e = extract(`curl -H 'Authorization: Bearer "${FAKE.openai()}"' https://api.openai.com/v1/models`);
    expect(signals(e)).toContain('key:quoted');
  });

  it('sees an encoded newline after a key in a URL', () => {
    expect(signals(extract(`https://api.example.com/v1?key=${FAKE.google()}%0A`))).toContain(
      'key:whitespace',
    );
  });

  it('sees a literal \\n at the end of a key string', () => {
    expect(signals(extract(`api_key = "${FAKE.openai()}\\n"`))).toContain('key:whitespace');
  });

  it('sees a zero-width character inside a key', () => {
    const key = FAKE.openai();
    expect(signals(extract(`${key.slice(0, 10)}\u200B${key.slice(10)}`))).toContain('key:zero-width');
  });

  it('sees a Stripe test key', () => {
    expect(signals(extract(`using ${FAKE.stripeTest()} against live`))).toEqual(
      expect.arrayContaining(['key:test', 'key:pasted']),
    );
  });

  it('sees a Stripe restricted key', () => {
    expect(signals(extract(FAKE.stripeRestricted()))).toContain('key:restricted');
  });

  it('sees a publishable key', () => {
    expect(signals(extract(FAKE.stripePublishable()))).toContain('key:publishable');
  });

  it('sees a placeholder used as the key', () => {
    expect(signals(extract('client = OpenAI(api_key="YOUR_API_KEY")'))).toContain('key:placeholder');
  });
});

describe('provider detection', () => {
  it('detects the provider by its API host', () => {
    expect(extract('POST https://api.anthropic.com/v1/messages').providers).toContain('anthropic');
  });

  it('detects the provider by name', () => {
    expect(extract('my ChatGPT integration fails').providers).toContain('openai');
  });

  it('detects the provider by the key shape', () => {
    expect(extract(FAKE.anthropic()).providers).toContain('anthropic');
  });

  it("flags a key of one provider sent to another provider's host", () => {
    const e = extract(`curl https://api.anthropic.com/v1/messages -H "x-api-key: ${FAKE.openai()}"`);
    expect(signals(e)).toContain('key:provider-mismatch');
  });

  it('flags the wrong header for the provider (Bearer sent to Anthropic)', () => {
    const e = extract(
      `curl https://api.anthropic.com/v1/messages -H "Authorization: Bearer ${FAKE.anthropic()}"`,
    );
    expect(signals(e)).toContain('provider-auth:wrong-header');
    expect(detailOf(e, 'provider-auth:wrong-header')).toMatch(
      /Anthropic expects the key in the `x-api-key` header/,
    );
  });

  it('does not flag the expected header for the provider', () => {
    const e = extract(`curl https://api.openai.com/v1/models -H "Authorization: Bearer ${FAKE.openai()}"`);
    expect(signals(e)).not.toContain('provider-auth:wrong-header');
    expect(signals(e)).not.toContain('provider-auth:wrong-scheme');
  });
});

describe('catalogue matching', () => {
  it('matches a provider error string inside a JSON body, case-insensitively', () => {
    const e = extract(
      '{"type":"error","error":{"type":"authentication_error","message":"X-API-KEY header is required"}}',
    );
    expect(e.errors).toEqual([
      expect.objectContaining({ provider: 'anthropic', match: 'x-api-key header is required' }),
    ]);
    expect(e.providers).toContain('anthropic');
  });
});

describe('JWT time claims', () => {
  it('sees an expired token', () => {
    const e = extract(`Bearer ${fakeJwt({ sub: 'u', iat: nowS - 7200, exp: nowS - 3600 })}`);
    expect(signals(e)).toContain('jwt:expired');
    expect(detailOf(e, 'jwt:expired')).toMatch(/expired 1 hour ago/);
  });

  it('does not call an expired token live, so no rotation warning follows', () => {
    const valid = extract(`Bearer ${fakeJwt({ sub: 'u', exp: nowS + 3600 })}`);
    const expired = extract(`Bearer ${fakeJwt({ sub: 'u', exp: nowS - 3600 })}`);
    expect(valid.credentials.map((c) => c.live)).toEqual([true]);
    expect(expired.credentials.map((c) => c.live)).toEqual([false]);
  });

  it('sees a token dated in the future', () => {
    const e = extract(`Bearer ${fakeJwt({ iat: nowS + 600, nbf: nowS + 600, exp: nowS + 4200 })}`);
    expect(signals(e)).toContain('jwt:not-yet-valid');
    expect(signals(e)).not.toContain('jwt:expired');
  });

  it('sees a token within its validity window', () => {
    expect(signals(extract(fakeJwt({ iat: nowS - 60, exp: nowS + 3000 })))).toContain('jwt:valid-time');
  });

  it('reads exp from a pasted decoded payload', () => {
    expect(signals(extract(`{"sub": "42", "exp": ${nowS - 86_400}}`))).toContain('jwt:expired');
  });

  it('never echoes other claims of the token', () => {
    const e = extract(fakeJwt({ email: 'person@example.com', exp: nowS - 10_000 }));
    expect(JSON.stringify(e)).not.toContain('person@example.com');
  });
});

describe('runtime and timeline', () => {
  it.each([
    ['runtime:browser', 'calling it from my React app with NEXT_PUBLIC_OPENAI_KEY'],
    ['runtime:container', 'inside docker compose'],
    ['runtime:ci', 'fails in GitHub Actions'],
    ['runtime:serverless', 'deployed on Vercel edge functions'],
    ['runtime:deployed', 'only in production'],
    ['runtime:localhost', 'on localhost:3000'],
    ['runtime:proxy', 'behind nginx'],
    ['timeline:worked-before', 'it worked yesterday'],
    ['timeline:works-locally', 'works fine locally'],
    ['timeline:works-inline', 'works in postman'],
    ['timeline:never-worked', 'never worked'],
    ['timeline:intermittent', 'sometimes it fails'],
    ['timeline:after-relogin', 'works again after logging in again'],
    ['timeline:worked-before', 'it started failing this week, nobody touched the workflow'],
    ['runtime:browser', 'I read the key in a Next.js client component'],
    ['key:whitespace', 'the key has a newline at the end when read from the secret'],
    ['key:undefined', "I print it and it's undefined"],
    ['key:whitespace', 'the error shows the masked key as "sk_test_****abcd " with a space'],
    ['key:whitespace', "if I pipe it through tr -d '[:space:]' it works"],
    ['header:organization', 'I send X-Tenant-Id: prod-eu with the key'],
    ['timeline:after-update', 'it fails since the latest update of the plugin'],
    ['timeline:after-update', 'after upgrading to 2.4 every call is a 401'],
    ['timeline:after-update', 'I updated to the newest release and now the key is refused'],
    ['report:version', 'Version: 3.0.4 on Windows'],
    ['report:version', 'openai v1.12.0-beta.2'],
  ])('sees %s in "%s"', (signal, text) => {
    expect(signals(extract(text))).toContain(signal);
  });

  it.each([
    ['timeline:after-update', 'I have not updated anything, it just stopped'],
    ['timeline:after-update', 'please update the docs'],
    ['report:version', 'requests from 10.32.22.169 are refused'],
    ['report:version', 'it is version 2 of the API'],
  ])('does not see %s in "%s"', (signal, text) => {
    expect(signals(extract(text))).not.toContain(signal);
  });
});

describe('bounded input', () => {
  it('handles an empty message', () => {
    expect(extract('')).toEqual(
      expect.objectContaining({ signals: [], errors: [], credentials: [], truncated: false }),
    );
  });

  it('cuts a huge message to the analysis cap and says so', () => {
    const e = extract('401 '.repeat(300_000));
    expect(e.truncated).toBe(true);
    expect(e.redactedText.length).toBeLessThanOrEqual(MAX_ANALYSED_CHARS);
  });

  it('strips binary control characters', () => {
    const e = extract('\u0000\u0001\u0002401\u0007\u001b[31m');
    expect(e.redactedText).not.toMatch(/[\u0000-\u0008]/);
    expect(signals(e)).toContain('status:401');
  });

  it('replaces lone surrogates so the result stays valid JSON text', () => {
    const e = extract('bad \uD800 bytes');
    expect(e.redactedText).not.toMatch(/[\uD800-\uDFFF]/);
  });
});

describe('header values built by concatenation', () => {
  it('sees the Token scheme in "Token " + key', () => {
    const e = extractEvidence(index, 'requests.post(url, headers={"Authorization": "Token " + key})', NOW);
    expect(e.signals.map((s) => s.signal)).toContain('scheme:token');
    expect(e.signals.map((s) => s.signal)).not.toContain('key:undefined');
  });

  it('does not read a string that closes after "Authorization=" as an empty key', () => {
    const e = extractEvidence(
      index,
      '- "traefik.http.middlewares.strip.headers.customrequestheaders.Authorization="',
      NOW,
    );
    expect(e.signals.map((s) => s.signal)).not.toContain('key:undefined');
  });
});

describe('how the key is sent, told in words', () => {
  it('reads "as Authorization Bearer" as the Bearer scheme', () => {
    const e = extractEvidence(index, 'sending my anthropic key as Authorization Bearer like openai', NOW);
    expect(e.signals.map((s) => s.signal)).toEqual(
      expect.arrayContaining(['header:authorization', 'scheme:bearer']),
    );
  });

  it('reads "without Bearer" as a bare key', () => {
    expect(
      extractEvidence(index, 'I send the key without Bearer', NOW).signals.map((s) => s.signal),
    ).toContain('scheme:none');
  });

  it('reads an empty key URL parameter as a missing key', () => {
    const e = extractEvidence(
      index,
      'GET https://maps.example.com/api/geocode?address=x&key=&sensor=false',
      NOW,
    );
    expect(e.signals.map((s) => s.signal)).toContain('key:undefined');
  });

  it('finds the provider by its domain when no API host is shown', () => {
    const e = extractEvidence(
      index,
      'I created the key on platform.openai.com and send it in api-key: xxx',
      NOW,
    );
    expect(e.providers).toContain('openai');
  });
});

describe('organization and project', () => {
  it('sees an OpenAI-Organization header', () => {
    const e = extractEvidence(
      index,
      'curl https://api.openai.com/v1/models -H "OpenAI-Organization: org-abc123"',
      NOW,
    );
    expect(e.signals.map((s) => s.signal)).toContain('header:organization');
  });

  it('sees an organization passed to the client', () => {
    const e = extractEvidence(index, 'client = OpenAI(organization="org-oldcompany")', NOW);
    expect(e.signals.map((s) => s.signal)).toContain('header:organization');
  });
});

describe('negated phrases', () => {
  it('does not see a proxy in "no proxy involved"', () => {
    expect(
      extractEvidence(index, 'there is no proxy involved, 401', NOW).signals.map((s) => s.signal),
    ).not.toContain('runtime:proxy');
  });

  it('does not see docker in "not using docker"', () => {
    expect(
      extractEvidence(index, "I'm not using docker at all", NOW).signals.map((s) => s.signal),
    ).not.toContain('runtime:container');
  });

  it('does not take a NAT gateway for a proxy', () => {
    expect(
      extractEvidence(index, 'calls from our new NAT gateway get 401', NOW).signals.map((s) => s.signal),
    ).not.toContain('runtime:proxy');
  });

  it('still sees docker in "works locally but not in docker"', () => {
    expect(
      extractEvidence(index, 'works locally but not in docker', NOW).signals.map((s) => s.signal),
    ).toContain('runtime:container');
  });
});

describe('key of one provider, API of another, named in words', () => {
  it('flags an Anthropic key used with the only provider named, OpenAI', () => {
    const e = extractEvidence(index, `my ChatGPT integration fails with ${FAKE.anthropic()}`, NOW);
    expect(e.signals.map((s) => s.signal)).toContain('key:provider-mismatch');
  });

  it('does not flag a key whose own provider is the one named', () => {
    const e = extractEvidence(index, `my OpenAI call fails with ${FAKE.openai()}`, NOW);
    expect(e.signals.map((s) => s.signal)).not.toContain('key:provider-mismatch');
  });
});

describe('credential labels are not the user words', () => {
  it('does not read a status out of the last four characters of a key', () => {
    const key = ['sk', '-proj-', 'Kd9ZqW7pLm2Vt8RyHs4Nc6Bx3Gj5Fw1Kd9ZqW7p', 'x401'].join('');
    expect(extractEvidence(index, `my key is ${key}`, NOW).signals.map((s) => s.signal)).not.toContain(
      'status:401',
    );
  });

  it('does not take the provider in a label for a provider the user named', () => {
    const e = extractEvidence(index, `my ChatGPT integration fails with ${FAKE.anthropic()}`, NOW);
    expect(e.signals.map((s) => s.signal)).toContain('key:provider-mismatch');
  });
});
