/**
 * The real-report corpus replaces every secret by a same-shaped fake holding FAKE. Here each fake is
 * given a random body of its shape again (seeded per report, so the run is the same every time), the
 * report is redacted, and no 8-character run of any body may survive: the shapes real people paste
 * secrets in, tried with values nothing but their place marks as secret. The few values left visible
 * are not secrets (ids, request ids, signatures, public client ids) and are listed with the reason.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { redactSecrets } from '../../src/redaction/redact.ts';
import { seededRandom, seedOf } from '../support/seeded-random.ts';

interface Report {
  text: string;
  source: string;
}

const reports: Report[] = readFileSync(
  fileURLToPath(new URL('../eval/real/corpus.jsonl', import.meta.url)),
  'utf8',
)
  .split('\n')
  .filter((l) => l.trim() !== '')
  .map((l) => JSON.parse(l) as Report);

/** Values shown on purpose, by report: none of them is a credential. */
const NOT_SECRETS: Record<string, string> = {
  'zhayujie/CowAgent#1934': 'a chat user id (receiver=@...)',
  'mikumifa/QChatGPT-Docker-Installer#4': 'an OpenAI request id',
  'Aider-AI/aider#604': 'an OpenAI project id in an error message',
  'continuedev/continue#10120': 'an OpenAI project id in an error message',
  'LongNgn204/local-coding-agent#1': 'an OpenAI organization id',
  'stripe-samples/connect-onboarding-for-standard#4': 'a Stripe request id',
  'tidbyt/tidbyt.dev#148': "the first characters of a JWT's header, cut by the reporter",
  'Chanzhaoyu/chatgpt-web#321': 'an OpenAI organization id in a rate-limit message',
  'vcatalano/py-authorize#63': 'an API login id beside the transaction key (the key is hidden)',
  'yakovkhalinsky/backblaze-b2#114':
    "a Backblaze application key id, the key's public half (key ids stay visible)",
  'patcher454/TranslateCmdPal#2': 'a value the reporter cut down (six characters deleted), not a key shape',
  'FluentRead/FluentRead#39':
    "an example of a key's shape, with a suffix DeepL does not issue (:p6, not :fx)",
  'domainaware/parsedmarc#582': 'the key id before the colon of id:secret (the secret is hidden)',
  'swiftyspiffy/twitch-token-generator#10': "a Twitch app's public client id",
  'nozzlegear/Shopify-Prime#2': 'an HMAC signature of a webhook, public once sent',
  'allegro/allegro-api#12760': 'an OAuth client id',
  'openshiye/edgeone-webhook-pusher#46': 'a WeChat open id',
  'allegro/allegro-api#13074': 'an OAuth client id',
  'BTCTrader/broker-api-docs#154': 'two quoted values whose names come only after them in Turkish',
  'kcolemangt/llm-router#10': 'a key the reporter masked, showing five characters',
  'aspnet/WebHooks#65': 'a value written as "something like" with an xxxx mask in front',
  'mollie/mollie-api-ruby#119': 'a Mollie customer id',
  'semashkinvg/Bitmex.NET#1': 'a computed signature printed as bytes',
  'LoeiFy/Mirror#31': "the documentation's example value (a number and #), not the reporter's token",
  'renovatebot/config-help#29': "a value encrypted with Renovate's public key",
  'VulnPlanet/l3x#5': 'an OpenAI organization id',
  'sorenkrabbe/Chrome-Salesforce-inspector#227': 'a fragment of a session hash quoted in an error',
  'apache/superset#20035':
    "a Mapbox token masked by the reporter: its fixed prefix and the user name's start",
  'pusher/pusher-js#238': 'a Pusher app key, public by design (the browser client carries it)',
  'plaid/plaid-node#149': 'a Plaid client id and legacy public key (the secret and the token are hidden)',
  'allegro/allegro-api#10558': 'the login name of a sandbox account',
  'stripe/stripe-node#2246': 'a Stripe account id and request id in an error (the restricted key is masked)',
  'tylerjrichards/st-paywall#45': 'a Stripe account id in an error (the restricted key is masked)',
  'teslamotors/vehicle-command#21': 'a Tesla account id (a UUID) in an error message',
  'diadoc/diadocsdk-java#199': 'a Diadoc mailbox id (a UUID)',
  'LBSTECH/naver_map_plugin#26': "an application's id in a Naver developer-console address",
  'ssheduardo/sermepa#46': "the Redsys sandbox's published test signing key (qwertyasdf...), quoted as such",
  'root-gg/plik#187': "a plik upload id in a log line's prefix",
  'shadowsocks/shadowsocks-manager#456': 'an Alipay response signature, already cut by the reporter',
  'OpenCCU/OpenCCU#1388': 'example passwords made up to show which letters break the login',
  'fzlee/alipay#21': "a payment QR code link and the signature on Alipay's response, neither a credential",
  'codeswholesale/codeswholesale-sdk-php#13':
    "the SDK's documented public sandbox secret (a bcrypt-style hash)",
  'hashicorp/vault#2078':
    "a Vault secret id's accessor, a handle that cannot log in (the secret id is hidden)",
  'cloudreve/Cloudreve#959': "an S3-style error's HostId, a request's trace for the provider's support",
  'tencentyun/cos-nodejs-sdk-v5#38': "a COS error's TraceId, a request's trace for the provider's support",
  'oracle/oci-java-sdk#356': "an OCI error's opc-request-id, a request's trace for the provider's support",
  'Bounceapp/render-action#129': 'a Render service id (srv-...), which names the service the token deploys',
  'Homas/ioc2rpz#37':
    "a TSIG key's name, the user part of curl -u (the key's secret after the colon is hidden)",
  'airsonic-advanced/airsonic-advanced#413':
    'a Subsonic salt (s=), random per request and sent in clear beside the token t=, which is hidden',
  'codeswholesale/codeswholesale-sdk-php#2':
    "an OAuth client id quoted by the error, and the SDK README's public sandbox client id",
};

const UPPER = 'ABCDEFGHJKLMNPQRSTUVWXYZ';
const LOWER = 'abcdefghijkmnpqrstuvwxyz';
const DIGITS = '0123456789';
const HEX = '0123456789abcdef';

/** A run holding FAKE: the fake value with whatever prefix and suffix it was given, less a sentence's final `.` or `:`. */
const FAKE_RUN = /[A-Za-z0-9_\-./+=:]*FAKE(?:[A-Za-z0-9_\-./+=:]*[A-Za-z0-9_\-/+=])?/gi;

/** A random body in the shape of `fake` (hex stays hex, capitals-and-digits stay so); the prefix before FAKE is kept. */
function randomBody(fake: string, r: () => number): string {
  const at = fake.toUpperCase().indexOf('FAKE');
  const rest = fake.slice(at).replace(/FAKE/gi, 'QxZw');
  const others = fake.replace(/FAKE/gi, '').replace(/[^A-Za-z0-9]/g, '');
  const pick = (from: string) => from[Math.floor(r() * from.length)]!;
  // a UUID's shape (8-4-4-4-12) is written in hex, as every issuer writes it
  const uuidShaped = /[A-Za-z0-9]{8}-[A-Za-z0-9]{4}-[A-Za-z0-9]{4}-[A-Za-z0-9]{4}-[A-Za-z0-9]{12}/.test(rest);
  const alphabet =
    uuidShaped || (others.length >= 4 && /^[0-9a-f]+$/.test(others))
      ? HEX
      : others.length >= 4 && /^[0-9A-Z]+$/.test(others)
        ? UPPER + DIGITS
        : undefined;
  const body = [...rest]
    .map((c) =>
      !/[A-Za-z0-9]/.test(c)
        ? c
        : alphabet
          ? pick(alphabet)
          : /[A-Z]/.test(c)
            ? pick(UPPER + LOWER + DIGITS)
            : /[a-z]/.test(c)
              ? pick(LOWER + DIGITS)
              : pick(DIGITS + LOWER),
    )
    .join('');
  return fake.slice(0, at) + body;
}

/** The first 8-character run of `secret`'s letters and digits found in `text`. */
function leakedRun(text: string, secret: string): string | undefined {
  const core = secret.replace(/^[^A-Za-z0-9]+|[^A-Za-z0-9]+$/g, '');
  for (let i = 0; i + 8 <= core.length; i++)
    if (text.includes(core.slice(i, i + 8))) return core.slice(i, i + 8);
  return undefined;
}

describe('GIVEN the real reports with their fake secrets given random bodies again', () => {
  const leaks = new Map<string, string>();
  let tried = 0;
  for (const report of reports) {
    const fakes = [...new Set(report.text.match(FAKE_RUN) ?? [])];
    if (fakes.length === 0) continue;
    const r = seededRandom(seedOf(report.source));
    // one body per fake value, whatever prefix a run gives it ("UserName:FAKE..." and "FAKE..." are
    // one password, as they were in the report)
    const bodyOf = new Map<string, string>();
    const replaced = new Map(
      fakes.map((fake) => {
        const at = fake.toUpperCase().indexOf('FAKE');
        const suffix = fake.slice(at);
        if (!bodyOf.has(suffix)) bodyOf.set(suffix, randomBody(fake, r).slice(at));
        return [fake, fake.slice(0, at) + bodyOf.get(suffix)!];
      }),
    );
    const text = report.text.replace(FAKE_RUN, (fake) => replaced.get(fake) ?? fake);
    const bodies = fakes.map((fake) =>
      (replaced.get(fake) ?? fake).slice(fake.toUpperCase().indexOf('FAKE')),
    );
    tried += bodies.length;
    const out = redactSecrets(text).text;
    for (const body of bodies) {
      const run = leakedRun(out, body);
      if (run !== undefined) leaks.set(report.source, run);
    }
  }

  it('THEN enough of them are tried to mean something', () => {
    expect(tried).toBeGreaterThan(200);
  });

  it('THEN none of a secret survives redaction, only the values listed as not secret', () => {
    const unexpected = [...leaks].filter(([source]) => NOT_SECRETS[source] === undefined);
    expect(unexpected, unexpected.map(([s, run]) => `${s}: ${run}`).join('\n')).toEqual([]);
  });

  it('THEN every value listed as not secret is still shown (the list shrinks when one gets hidden)', () => {
    const stale = Object.keys(NOT_SECRETS).filter((source) => !leaks.has(source));
    expect(stale).toEqual([]);
  });
});
