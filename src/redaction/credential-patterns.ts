/**
 * Shapes of credentials, most specific first. Every repetition is bounded and no quantified group
 * overlaps another, so each pattern runs in linear time on any input (no catastrophic backtracking).
 */

export type KeyShape = 'test' | 'live' | 'restricted' | 'publishable';

export interface CredentialPattern {
  provider: string;
  /** global regex; when `group` is set only that capture group is the secret */
  regex: RegExp;
  group?: number;
  /** describes the value found: its kind, shape and whether it could work in production */
  describe(value: string, match: RegExpExecArray): { kind: string; shape?: KeyShape; live?: boolean };
}

// Boundaries as fixed-length lookarounds: a key is not part of a longer word. Shapes with a long,
// distinctive prefix (sk-proj-, xoxb-, ghp_, eyJ...) go without the leading one, so a key glued to
// a word ("locallysk-proj-...") is still caught, and take the longest run of key characters without
// a trailing boundary, so a key glued to the next word is still covered; short prefixes (sk-, hf_)
// keep both boundaries.
const B = '(?<![A-Za-z0-9_-])';
const E = '(?![A-Za-z0-9_-])';

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

/** A value made of lowercase words and separators: a name or setting, not an issued secret. */
const WORDY_VALUE = /^[a-z]{2,}(?:[-_.:/][a-z0-9]{1,})*$/;

const SCHEME_KINDS: Record<string, string> = {
  bearer: 'bearer token',
  basic: 'basic credentials',
  token: 'token',
  bot: 'bot token',
};

export const CREDENTIAL_PATTERNS: readonly CredentialPattern[] = [
  {
    provider: 'anthropic',
    regex: /sk-ant-[A-Za-z0-9_-]{20,250}/g,
    describe: (v) => ({ kind: v.startsWith('sk-ant-admin') ? 'admin key' : 'API key' }),
  },
  {
    provider: 'openai',
    regex: /sk-(?:proj|svcacct|admin)-[A-Za-z0-9_-]{20,250}/g,
    describe: (v) => ({ kind: openaiKind(v) }),
  },
  {
    provider: 'openai',
    regex: new RegExp(`${B}sk-[A-Za-z0-9_-]{20,250}${E}`, 'g'),
    describe: (v) => ({ kind: openaiKind(v) }),
  },
  {
    provider: 'stripe',
    regex: /(?:sk|rk|pk)_(?:live|test)_[A-Za-z0-9]{8,250}/g,
    describe: stripeDescribe,
  },
  {
    provider: 'stripe',
    regex: /whsec_[A-Za-z0-9+/=]{20,100}/g,
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
    regex: /(?<![A-Z0-9])(?:AKIA|ASIA)[A-Z0-9]{16}[\s,;:|"']{1,5}([A-Za-z0-9/+=]{40})(?![A-Za-z0-9/+=])/g,
    group: 1,
    describe: () => ({ kind: 'secret access key' }),
  },
  {
    provider: 'aws',
    regex: /(?<![A-Z0-9])(?:AKIA|ASIA)[A-Z0-9]{16}(?![A-Z0-9])/g,
    // An access key id alone cannot sign a request; the secret next to it is what must be rotated.
    describe: (v) => ({
      kind: v.startsWith('ASIA') ? 'temporary access key id' : 'access key id',
      live: false,
    }),
  },
  {
    provider: 'google',
    regex: /AIza[0-9A-Za-z_-]{35}/g,
    describe: () => ({ kind: 'API key' }),
  },
  {
    provider: 'github',
    regex: /(gh[pousr])_[A-Za-z0-9]{30,255}/g,
    describe: (v) => ({ kind: GITHUB_KINDS[v.slice(0, 3)] ?? 'token' }),
  },
  {
    provider: 'github',
    regex: /github_pat_[A-Za-z0-9_]{22,255}/g,
    describe: () => ({ kind: 'fine-grained personal access token' }),
  },
  {
    provider: 'slack',
    regex: /xoxe\.xox[bp]-[A-Za-z0-9-]{10,250}/g,
    describe: () => ({ kind: 'refresh token' }),
  },
  {
    provider: 'slack',
    regex: /xox[abprse]-[A-Za-z0-9-]{10,250}/g,
    describe: (v) => ({ kind: SLACK_KINDS[v.slice(0, 4)] ?? 'token' }),
  },
  {
    provider: 'slack',
    regex: /xapp-[A-Za-z0-9-]{10,250}/g,
    describe: () => ({ kind: 'app-level token' }),
  },
  {
    provider: 'jwt',
    regex: /eyJ[A-Za-z0-9_-]{4,2000}\.eyJ[A-Za-z0-9_-]{4,8000}\.[A-Za-z0-9_-]{0,2000}/g,
    describe: () => ({ kind: 'JWT' }),
  },
  {
    provider: 'discord',
    regex: new RegExp(`${B}([A-Za-z0-9_-]{18,30})\\.[A-Za-z0-9_-]{5,8}\\.[A-Za-z0-9_-]{25,45}${E}`, 'g'),
    describe: (_v, m) => (decodesToSnowflake(m[1] ?? '') ? { kind: 'bot token' } : { kind: '', live: false }),
  },
  {
    provider: 'sendgrid',
    regex: new RegExp(`${B}SG\\.[A-Za-z0-9_-]{16,32}\\.[A-Za-z0-9_-]{16,64}${E}`, 'g'),
    describe: () => ({ kind: 'API key' }),
  },
  {
    provider: 'huggingface',
    regex: new RegExp(`${B}(?:hf|api_org)_[A-Za-z0-9]{30,40}${E}`, 'g'),
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
    regex: /(?<![A-Za-z0-9])SK[0-9a-fA-F]{32}(?![A-Za-z0-9])/g,
    describe: () => ({ kind: 'API key SID' }),
  },
  {
    provider: 'google',
    regex: /ya29\.[A-Za-z0-9_-]{20,400}/g,
    describe: () => ({ kind: 'OAuth access token' }),
  },
  {
    provider: 'gitlab',
    regex: /glpat-[A-Za-z0-9_-]{20,50}/g,
    describe: () => ({ kind: 'personal access token' }),
  },
  {
    provider: 'npm',
    regex: new RegExp(`${B}npm_[A-Za-z0-9]{36}${E}`, 'g'),
    describe: () => ({ kind: 'access token' }),
  },
  {
    provider: 'generic',
    // user:password@ in a URL (database, proxy or basic-auth URLs)
    regex: /[a-z][a-z0-9+.-]{1,20}:\/\/[^\s/:@]{1,100}:([^\s/@]{3,200})@/gi,
    group: 1,
    describe: () => ({ kind: 'password' }),
  },
  // Generic values: only the value after a scheme, header or parameter name is the secret.
  {
    provider: 'generic',
    regex: /\b(Bearer|Basic|Token|Bot)[ \t]{1,10}([A-Za-z0-9._~+/=-]{16,1000})(?![A-Za-z0-9._~+/=-])/gi,
    group: 2,
    describe: (_v, m) => ({ kind: SCHEME_KINDS[(m[1] ?? '').toLowerCase()] ?? 'token' }),
  },
  {
    provider: 'generic',
    regex:
      /authorization["']?[ \t]{0,3}[:=][ \t]{0,3}["'`]?([A-Za-z0-9._~+/=-]{20,1000})(?![A-Za-z0-9._~+/=-])/gi,
    group: 1,
    describe: () => ({ kind: 'credential' }),
  },
  {
    provider: 'generic',
    regex:
      /(?<![A-Za-z0-9_])(x-api-key|api-key|x-auth-token|apikey|api_key|access_token|auth_token|client_secret|secret|token|key|password|passwd)["']?[ \t]{0,3}[:=][ \t]{0,3}["']?([^\s"'`&,;<>{}()$]{8,500})/gi,
    group: 2,
    describe: (v, m) => {
      const name = (m[1] ?? '').toLowerCase();
      if (name.startsWith('pass')) return { kind: 'password' };
      // Short values after a vague name like `key=` are usually not secrets (`key=value` prose),
      // nor are lowercase words joined by dashes (`"key": "production-east-1"`).
      if (v.length < 12 || WORDY_VALUE.test(v)) return { kind: '', live: false };
      return {
        kind: name.includes('token')
          ? 'token'
          : name === 'secret' || name === 'client_secret'
            ? 'secret'
            : 'API key',
      };
    },
  },
  {
    provider: 'generic',
    // KEY=value lines of a pasted .env file whose name says it holds a secret
    regex:
      /^[ \t]{0,10}(?:export[ \t]{1,5})?[A-Za-z][A-Za-z0-9_]{0,60}(?:KEY|TOKEN|SECRET|PASSWORD|PASS|PWD|AUTH|CREDENTIALS?)[A-Za-z0-9_]{0,30}[ \t]{0,3}=[ \t]{0,3}["']?([^\s"'#]{8,500})/gim,
    group: 1,
    describe: (v) => (WORDY_VALUE.test(v) ? { kind: '', live: false } : { kind: 'secret' }),
  },
];
