/**
 * Shapes of credentials, most specific first: provider key families, then credentials handed to
 * code and commands (code-patterns.ts), in tools' output (tool-output-patterns.ts), named in other
 * languages (label-words.ts), then the context patterns (context-patterns.ts), last base64 that
 * decodes to a credential (encoded-credentials.ts). Every repetition is
 * bounded and no quantified group overlaps another, so
 * each pattern runs in linear time on any input (no catastrophic backtracking).
 */
import { CODE_PATTERNS } from './code-patterns.ts';
import { CONTEXT_PATTERNS } from './context-patterns.ts';
import { ENCODED_CREDENTIAL_PATTERNS } from './encoded-credentials.ts';
import { LABEL_WORD_PATTERNS } from './label-words.ts';
import { B, type CredentialPattern, type KeyShape } from './pattern-types.ts';
import { TOOL_OUTPUT_PATTERNS } from './tool-output-patterns.ts';

export type { CredentialPattern, Described, KeyShape } from './pattern-types.ts';
export { isPasswordPlaceholder } from './value-judges.ts';

function openaiKind(value: string): string {
  if (value.startsWith('sk-proj-')) return 'project key';
  if (value.startsWith('sk-svcacct-')) return 'service account key';
  if (value.startsWith('sk-admin-')) return 'admin key';
  return 'secret key';
}

function stripeDescribe(value: string): { kind: string; shape: KeyShape; live: boolean } {
  const live = value.includes('_live_');
  if (value.startsWith('pk_')) return { kind: 'publishable key', shape: 'publishable', live: false };
  if (value.startsWith('rk_')) return { kind: 'restricted key', shape: 'restricted', live };
  return { kind: live ? 'live secret key' : 'test secret key', shape: live ? 'live' : 'test', live };
}

const GITHUB_KINDS: Record<string, string> = {
  ghp: 'personal access token',
  gho: 'OAuth token',
  ghu: 'user-to-server token',
  ghs: 'installation token',
  ghr: 'refresh token',
};

const SLACK_KINDS: Record<string, string> = {
  xoxb: 'bot token',
  xoxp: 'user token',
  xoxa: 'app token',
  xoxr: 'refresh token',
  xoxs: 'session token',
  xoxe: 'refresh token',
  xoxc: 'client token',
  xoxd: 'cookie token',
};

/** True when base64url `part` decodes to a Discord snowflake (an all-digit id). */
function decodesToSnowflake(part: string): boolean {
  try {
    const decoded = Buffer.from(part, 'base64url').toString('latin1');
    return /^\d{15,21}$/.test(decoded);
  } catch {
    return false;
  }
}

/** One prefixed token family (gitleaks-style): prefix and body, a boundary in front when the prefix is short. */
function family(
  provider: string,
  kind: string,
  body: string,
  opts: { live?: boolean; secretInLastSegment?: boolean } = {},
): CredentialPattern {
  return {
    provider,
    regex: new RegExp(`${B}${body}`, 'g'),
    describe: (value) => ({
      kind,
      ...(opts.live === false ? { live: false } : {}),
      ...(opts.secretInLastSegment ? { judgeFrom: value.lastIndexOf('/') + 1 } : {}),
    }),
  };
}

/** Prefixed token families a secret scanner knows, beyond the big ones above. */
const PREFIXED_FAMILIES: readonly CredentialPattern[] = [
  family('twilio', 'account SID', 'AC[0-9a-f]{32}(?![0-9A-Za-z])', { live: false }),
  family('azure-devops', 'personal access token', '[a-z2-7]{52}(?![A-Za-z0-9])'),
  family('mailchimp', 'API key', '[0-9a-f]{32}-us\\d{1,2}(?![0-9A-Za-z])'),
  family('braintree', 'access token', 'access_token\\$(?:production|sandbox)\\$[a-z0-9]{16}\\$[a-f0-9]{32}'),
  family('google', 'OAuth client secret', 'GOCSPX-[A-Za-z0-9_-]{20,}'),
  family('pypi', 'upload token', 'pypi-AgEIcHlwaS5vcmc[A-Za-z0-9_-]{20,}'),
  // issued as 32 hex digits; a token cut short by a narrow column or a paste keeps its prefix
  family('shopify', 'access token', 'shp(?:at|ca|pa|ss)_[A-Za-z0-9]{16,}'),
  family('digitalocean', 'access token', 'do[opr]_v1_[a-f0-9]{64,}'),
  family('mailgun', 'API key', 'key-[0-9a-zA-Z]{32}(?![0-9A-Za-z])'),
  family('databricks', 'access token', 'dapi[a-h0-9]{32,}'),
  family('doppler', 'token', 'dp\\.(?:pt|st|sa|ct|scim|audit)\\.[A-Za-z0-9]{40,}'),
  family('linear', 'API key', 'lin_(?:api|oauth)_[A-Za-z0-9]{40,}'),
  family('postman', 'API key', 'PMAK-[a-f0-9]{24}-[a-f0-9]{34,}'),
  family('vault', 'token', 'hv[sbr]\\.[A-Za-z0-9_-]{24,}'),
  family('age', 'secret key', 'AGE-SECRET-KEY-1[QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L]{58}'),
  family('square', 'access token', '(?:EAAA|sq0atp-|sq0csp-)[A-Za-z0-9_-]{22,}'),
  family('atlassian', 'API token', 'ATATT3[A-Za-z0-9_=-]{100,}'),
  family('grafana', 'token', 'gl(?:c|sa)_[A-Za-z0-9_=+/-]{32,}'),
  family('groq', 'API key', 'gsk_[A-Za-z0-9]{40,}'),
  // A secret key under the common sk_ prefix without Stripe's live/test part (Pagar.me v5 and
  // others): letters and digits mixed, so snake_case names (sk_transaction_id) stay visible.
  family(
    'generic',
    'secret key',
    'sk_(?=[A-Za-z0-9]{0,200}\\d)(?=[A-Za-z0-9]{0,200}[A-Za-z])[A-Za-z0-9]{16,200}(?![A-Za-z0-9_-])',
  ),
  // Keys named by mode after a short prefix, as Stripe's are (Pagar.me ak_test_, Paystack, Omise,
  // and many payment APIs after them); Stripe's own come first and keep their kinds, and its
  // Checkout Session ids (cs_test_...) are ids, not keys.
  family(
    'generic',
    'API key',
    '(?!cs_)[a-z]{2,6}_(?:live|test|prod|sandbox)_(?=[A-Za-z0-9]{0,200}\\d)[A-Za-z0-9]{16,200}(?![A-Za-z0-9_-])',
  ),
  // Flutterwave: FLWPUBK-<32>-X and FLWSECK-<32>-X (with _TEST in test mode); the public key
  // names the merchant beside the secret one, so both are hidden
  family(
    'flutterwave',
    'API key',
    'FLW(?:PUB|SEC)K(?:_TEST)?-[A-Za-z0-9]{20,}(?:-[A-Za-z0-9])?(?![A-Za-z0-9])',
  ),
  family('xai', 'API key', 'xai-[A-Za-z0-9]{60,}'),
  family('perplexity', 'API key', 'pplx-[A-Za-z0-9]{40,}'),
  family('replicate', 'API token', 'r8_[A-Za-z0-9]{30,}'),
  family('heroku', 'API key', 'HRKU-[A-Za-z0-9_-]{30,}'),
  family('newrelic', 'API key', 'NR(?:AK|AA|II)-[A-Z0-9]{27,}'),
  family('pulumi', 'access token', 'pul-[a-f0-9]{40,}'),
  family('supabase', 'secret key', '(?:sbp_[a-f0-9]{40,}|sb_secret_[A-Za-z0-9_-]{20,})'),
  family('notion', 'integration token', '(?:ntn_[A-Za-z0-9]{40,}|secret_[A-Za-z0-9]{43,})'),
  family('sentry', 'auth token', 'sntr[ysu]_[A-Za-z0-9_=+/-]{40,}'),
  family('azure', 'client secret', '[A-Za-z0-9_~.]{3}\\dQ~[A-Za-z0-9_~.-]{31,}'),
  family('telegram', 'bot token', '\\d{8,10}:AA[A-Za-z0-9_-]{33,}'),
  // DeepL: a UUID with ":fx" for the free API, sent as "DeepL-Auth-Key <key>" (a Pro key has no suffix)
  family(
    'deepl',
    'API key',
    '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}:fx(?![0-9A-Za-z])',
  ),
  {
    provider: 'deepl',
    regex:
      /(?<=\bDeepL-Auth-Key[ \t]{1,3}\{?)[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}(?::fx)?(?![0-9A-Za-z])/gi,
    describe: () => ({ kind: 'API key' }),
  },
  {
    provider: 'telegram',
    // the Bot API takes the token in the path, glued to "bot": api.telegram.org/bot<token>/getMe
    regex: /(?<=\/bot)\d{8,10}:AA[A-Za-z0-9_-]{33,}/g,
    describe: () => ({ kind: 'bot token' }),
  },
  {
    provider: 'plaid',
    // access, public (exchanged for an access token) and link tokens name their environment
    regex: new RegExp(
      `${B}(?:access|public|link|processor)-(?:sandbox|development|production)-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}(?![0-9A-Za-z])`,
      'g',
    ),
    describe: (value) => ({
      kind: `${value.slice(0, value.indexOf('-'))} token`,
      ...(value.includes('-production-') ? {} : { live: false }),
    }),
  },
  // Mapbox: a secret token (sk.) is a JWT-like pair after its prefix; a public one (pk.) is meant to be seen
  family('mapbox', 'secret token', 'sk\\.eyJ[A-Za-z0-9_-]{20,}\\.[A-Za-z0-9_-]{16,}'),
  family('docker', 'personal access token', 'dckr_(?:pat|oat)_[A-Za-z0-9_-]{20,}'),
  family('figma', 'access token', 'figd_[A-Za-z0-9_-]{30,}'),
  // YouTrack: a permanent token is perm: (or perm-), then base64 of the user, of an id, and a random part
  family(
    'youtrack',
    'permanent token',
    'perm[:-][A-Za-z0-9+/_-]{2,}={0,2}\\.[A-Za-z0-9+/_-]{2,}={0,2}\\.[A-Za-z0-9]{20,}',
  ),
  family('rubygems', 'API key', 'rubygems_[a-f0-9]{48}'),
  family('fly', 'access token', 'FlyV1 fm[12]_[A-Za-z0-9+/=_,-]{40,}'),
  family(
    'proxmox',
    'API token',
    'PVEAPIToken=[^\\s!]{1,100}![A-Za-z0-9_.-]{1,64}=[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}',
  ),
  // a Proxmox API token written as USER@REALM!TOKENID=SECRET, without the PVEAPIToken= in front
  family(
    'proxmox',
    'API token',
    '(?<=[\\s"\'`=:]|^)[A-Za-z0-9_.-]{1,64}@[A-Za-z0-9_.-]{1,32}(?:![A-Za-z0-9_.-]{1,64}){1,2}[=:][0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}',
  ),
  family(
    'slack',
    'webhook URL',
    // with or without the scheme, slashes escaped in JSON or not
    '(?:https?:(?:\\\\?/){2})?hooks\\.slack\\.com(?:\\\\?/)(?:services|workflows|triggers)(?:\\\\?/[A-Za-z0-9_+-]{1,60}){2,4}',
  ),
  family(
    'microsoft',
    'Teams webhook URL',
    'https://[A-Za-z0-9-]{1,60}\\.webhook\\.office\\.com/webhookb2/[A-Za-z0-9@/_-]{40,400}',
  ),
  family(
    'generic',
    'webhook URL',
    // Mattermost, Make, IFTTT and Feishu/Lark incoming webhooks: the path is the credential
    'https?://(?:[A-Za-z0-9.-]{1,200}/hooks/[a-z0-9]{20,40}|hook\\.[a-z0-9]{2,6}\\.make\\.com/[a-z0-9]{20,60}|maker\\.ifttt\\.com/trigger/[^/\\s]{1,80}/with/key/[A-Za-z0-9_-]{16,60}|open\\.(?:feishu\\.cn|larksuite\\.com)/open-apis/bot/v2/hook/[A-Za-z0-9-]{20,60})',
    // a host renamed to chat.example.com leaves the hook's secret path as real as it was
    { secretInLastSegment: true },
  ),
  family(
    'discord',
    'webhook URL',
    'https://(?:canary\\.|ptb\\.)?discord(?:app)?\\.com/api/webhooks/\\d+/[A-Za-z0-9_-]{20,}',
  ),
];

/** The shortest JWT header that names its algorithm: base64url of `{"alg":".."}` is 16 characters or more. */
const JWT_HEADER_MIN = 16;

export const CREDENTIAL_PATTERNS: readonly CredentialPattern[] = [
  {
    provider: 'anthropic',
    regex: /sk-ant-[A-Za-z0-9_-]{20,}/g,
    describe: (v) => ({ kind: v.startsWith('sk-ant-admin') ? 'admin key' : 'API key' }),
  },
  {
    provider: 'openai',
    regex: /sk-(?:proj|svcacct|admin)-[A-Za-z0-9_-]{20,}/g,
    describe: (v) => ({ kind: openaiKind(v) }),
  },
  {
    provider: 'openai',
    regex: new RegExp(`${B}sk-[A-Za-z0-9_-]{20,}`, 'g'),
    describe: (v) => ({ kind: openaiKind(v) }),
  },
  {
    // a shorter sk- value (a key cut by the reporter, a gateway's own key): letters and digits
    // mixed and no hyphen, so a name like sk-learn-contrib stays visible
    provider: 'openai',
    regex: new RegExp(
      `${B}sk-(?=[A-Za-z0-9]{0,19}\\d)(?=[A-Za-z0-9]{0,19}[A-Za-z])[A-Za-z0-9]{16,19}(?![A-Za-z0-9_-])`,
      'g',
    ),
    describe: (v) => ({ kind: openaiKind(v) }),
  },
  {
    provider: 'stripe',
    regex: /(?:sk|rk|pk)_(?:live|test|prod)_[A-Za-z0-9]{8,}/g,
    describe: stripeDescribe,
  },
  {
    provider: 'stripe',
    regex: /whsec_[A-Za-z0-9+/=]{20,}/g,
    describe: () => ({ kind: 'webhook secret' }),
  },
  {
    provider: 'aws',
    regex:
      /(?:aws_secret_access_key|secret_access_key|secretaccesskey)["']?[ \t]{0,5}[:=][ \t]{0,5}["']?([A-Za-z0-9/+=]{40})(?![A-Za-z0-9/+=])/gi,
    group: 1,
    describe: () => ({ kind: 'secret access key' }),
  },
  {
    provider: 'aws',
    // A secret access key pasted right after its access key id (CSV export, "id secret" pairs).
    regex:
      /(?<![A-Z0-9])(?:AKIA|ASIA|ABIA|ACCA|A3T[A-Z0-9])[A-Z0-9]{16}[\s,;:|"']{1,5}([A-Za-z0-9/+=]{40})(?![A-Za-z0-9/+=])/g,
    group: 1,
    describe: () => ({ kind: 'secret access key' }),
  },
  {
    provider: 'aws',
    regex: /(?<![A-Z0-9])(?:AKIA|ASIA|ABIA|ACCA|A3T[A-Z0-9])[A-Z0-9]{16}(?![A-Z0-9])/g,
    // An access key id alone cannot sign a request; the secret next to it is what must be rotated.
    describe: (v) => ({
      kind: v.startsWith('ASIA') ? 'temporary access key id' : 'access key id',
      live: false,
    }),
  },
  {
    provider: 'generic',
    // Alibaba Cloud (LTAI...) and Tencent Cloud (AKID...) access key ids, as AWS's are: the id alone
    // cannot sign, but it names the account and sits beside the secret in signed query strings
    regex: /(?<![A-Za-z0-9])(?:LTAI[A-Za-z0-9]{12,28}|AKID[A-Za-z0-9]{13,40})(?![A-Za-z0-9])/g,
    describe: (v) => ({
      kind: v.startsWith('LTAI') ? 'Alibaba Cloud access key id' : 'Tencent Cloud secret id',
      live: false,
    }),
  },
  {
    provider: 'generic',
    // An Adyen API key: AQE, then base64 parts joined by "=-" (AQEyhmfx...=-v1CSQ...=-i1iX...), as
    // PHP and Java configs pass it, even under a name that says nothing (a 'username' field)
    regex: /(?<![A-Za-z0-9+/])AQE[A-Za-z0-9+/]{16,}={0,2}-[A-Za-z0-9+/]{8,}={0,2}-[^\s"'`,;)\]}]{3,}/g,
    describe: () => ({ kind: 'Adyen API key' }),
  },
  {
    provider: 'google',
    regex: /AIza[0-9A-Za-z_-]{35,}/g,
    describe: () => ({ kind: 'API key' }),
  },
  {
    provider: 'github',
    regex: /(gh[pousr])_[A-Za-z0-9]{30,}/g,
    describe: (v) => ({ kind: GITHUB_KINDS[v.slice(0, 3)] ?? 'token' }),
  },
  {
    provider: 'github',
    regex: /github_pat_[A-Za-z0-9_]{22,}/g,
    describe: () => ({ kind: 'fine-grained personal access token' }),
  },
  {
    provider: 'slack',
    regex: /xoxe\.xox[bp]-[A-Za-z0-9-]{10,}/g,
    describe: () => ({ kind: 'refresh token' }),
  },
  {
    // real tokens run to 50 characters or more; 8 keep a token the reporter cut short
    // ("xoxb-ZqRr-Mbha, it's invalid now") hidden
    provider: 'slack',
    regex: /xox[abprseocd]-[A-Za-z0-9-]{8,}/g,
    describe: (v) => ({ kind: SLACK_KINDS[v.slice(0, 4)] ?? 'token' }),
  },
  {
    provider: 'slack',
    regex: /xapp-[A-Za-z0-9-]{10,}/g,
    describe: () => ({ kind: 'app-level token' }),
  },
  {
    provider: 'jwt',
    // Any dotted run of three base64url parts, from the start of the run only (so `eyJ` repeated
    // 100 KB long is one scan, not one per copy); the JWT starts at its first `eyJ`, which may be
    // glued to a word in front ("ForbiddeneyJ...").
    regex: /(?<![A-Za-z0-9_-])[A-Za-z0-9_-]{7,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*/g,
    describe: (v) => {
      const dot = v.indexOf('.');
      const at = v.indexOf('eyJ');
      if (at < 0 || dot - at < 7) return { kind: '' };
      // a payload is JSON too (eyJ...); a whole header ({"alg":..., 16 characters or more) makes it a
      // JWT whatever follows, so a token whose payload was edited or cut by hand is hidden whole
      if (!v.startsWith('eyJ', dot + 1) && dot - at < JWT_HEADER_MIN) return { kind: '' };
      return { kind: 'JWT', skip: at };
    },
  },
  {
    // Sign in with Apple's authorization code: c, 32 hex digits, .0., a short part, then the secret
    provider: 'apple',
    regex: new RegExp(`${B}c[0-9a-f]{32}\\.0\\.[a-z0-9]{3,6}\\.[A-Za-z0-9_-]{6,}`, 'g'),
    describe: () => ({ kind: 'authorization code' }),
  },
  {
    provider: 'discord',
    regex: new RegExp(`${B}([A-Za-z0-9_-]{18,30})\\.[A-Za-z0-9_-]{5,8}\\.[A-Za-z0-9_-]{25,}`, 'g'),
    describe: (_v, m) => (decodesToSnowflake(m[1] ?? '') ? { kind: 'bot token' } : { kind: '', live: false }),
  },
  {
    provider: 'sendgrid',
    regex: new RegExp(`${B}SG\\.[A-Za-z0-9_-]{16,}\\.[A-Za-z0-9_-]{16,}`, 'g'),
    describe: () => ({ kind: 'API key' }),
  },
  {
    provider: 'huggingface',
    regex: new RegExp(`${B}(?:hf|api_org)_[A-Za-z0-9]{30,}`, 'g'),
    describe: () => ({ kind: 'access token' }),
  },
  {
    provider: 'twilio',
    regex: /(?:twilio_auth_token|auth_?token)["']?[ \t]{0,5}[:=][ \t]{0,5}["']?([0-9a-f]{32})(?![0-9a-z])/gi,
    group: 1,
    describe: () => ({ kind: 'auth token' }),
  },
  {
    provider: 'twilio',
    // An auth token next to its account SID (Client("AC...", "token"), AC...:token)
    regex: /AC[0-9a-f]{32}["'`]?[ \t]{0,5}[,:][ \t]{0,5}["'`]?([0-9a-f]{32})(?![0-9A-Za-z])/g,
    group: 1,
    describe: () => ({ kind: 'auth token' }),
  },
  {
    provider: 'twilio',
    regex: /(?<![A-Za-z0-9])SK[0-9a-fA-F]{32}(?![A-Za-z0-9])/g,
    describe: () => ({ kind: 'API key SID' }),
  },
  {
    provider: 'google',
    regex: /ya29\.[A-Za-z0-9_-]{20,}/g,
    describe: () => ({ kind: 'OAuth access token' }),
  },
  {
    provider: 'gitlab',
    regex: /gl(?:pat|dt|rt|ptt|soat|cbt|ffct|imt|oas|agent)-[A-Za-z0-9_-]{20,}/g,
    describe: () => ({ kind: 'personal access token' }),
  },
  {
    provider: 'npm',
    regex: new RegExp(`${B}npm_[A-Za-z0-9]{36,}`, 'g'),
    describe: () => ({ kind: 'access token' }),
  },
  ...PREFIXED_FAMILIES,
  ...CODE_PATTERNS,
  ...TOOL_OUTPUT_PATTERNS,
  ...LABEL_WORD_PATTERNS,
  ...CONTEXT_PATTERNS,
  ...ENCODED_CREDENTIAL_PATTERNS,
];
