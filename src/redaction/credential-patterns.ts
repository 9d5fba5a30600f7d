/**
 * Shapes of credentials, most specific first. Every repetition is bounded and no quantified group
 * overlaps another, so each pattern runs in linear time on any input (no catastrophic backtracking).
 */

export type KeyShape = 'test' | 'live' | 'restricted' | 'publishable';

/** What a pattern says about a value it found; an empty `kind` means "not a credential after all". */
export interface Described {
  kind: string;
  shape?: KeyShape;
  live?: boolean;
  /** show no last four characters (a PEM block or cookie ends in structure, not in secret) */
  hideLast4?: boolean;
  /** characters at the start of the match in front of the value (a word the value is glued to) */
  skip?: number;
  /** characters at the end of the match that are punctuation around the value, not part of it */
  trim?: number;
}

export interface CredentialPattern {
  provider: string;
  /** global regex; when `group` is set only that capture group is the secret */
  regex: RegExp;
  group?: number;
  /** describes the value found: its kind, shape and whether it could work in production */
  describe(value: string, match: RegExpExecArray): Described;
}

// A boundary as a fixed-length lookbehind: a key is not part of a longer word. Shapes with a long,
// distinctive prefix (sk-proj-, xoxb-, ghp_...) go without it, so a key glued to a word
// ("locallysk-proj-...") is still caught; short prefixes (sk-, hf_) keep it. Every value takes the
// longest run of key characters with no upper length, so no part of a long value survives.
const B = '(?<![A-Za-z0-9_-])';

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

/** A value made of lowercase words and separators: a name or setting, not an issued secret. */
const WORDY_VALUE = /^[a-z]{2,}(?:[-_.:/][a-z0-9]{1,})*$/;

const SCHEME_KINDS: Record<string, string> = {
  bearer: 'bearer token',
  basic: 'basic credentials',
  token: 'token',
  bot: 'bot token',
  apikey: 'API key',
  'api-key': 'API key',
  ssws: 'API token',
};

/** One prefixed token family (gitleaks-style): prefix and body, a boundary in front when the prefix is short. */
function family(
  provider: string,
  kind: string,
  body: string,
  opts: { live?: boolean } = {},
): CredentialPattern {
  return {
    provider,
    regex: new RegExp(`${B}${body}`, 'g'),
    describe: () => ({ kind, ...(opts.live === false ? { live: false } : {}) }),
  };
}

/** Prefixed token families a secret scanner knows, beyond the big ones above. */
const PREFIXED_FAMILIES: readonly CredentialPattern[] = [
  family('twilio', 'account SID', 'AC[0-9a-f]{32}(?![0-9A-Za-z])', { live: false }),
  family('mailchimp', 'API key', '[0-9a-f]{32}-us\\d{1,2}(?![0-9A-Za-z])'),
  family('braintree', 'access token', 'access_token\\$(?:production|sandbox)\\$[a-z0-9]{16}\\$[a-f0-9]{32}'),
  family('google', 'OAuth client secret', 'GOCSPX-[A-Za-z0-9_-]{20,}'),
  family('pypi', 'upload token', 'pypi-AgEIcHlwaS5vcmc[A-Za-z0-9_-]{20,}'),
  family('shopify', 'access token', 'shp(?:at|ca|pa|ss)_[a-fA-F0-9]{32,}'),
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
  family(
    'slack',
    'webhook URL',
    'https://hooks\\.slack\\.com/(?:services|workflows|triggers)/[A-Za-z0-9/_+-]{20,}',
  ),
  family(
    'discord',
    'webhook URL',
    'https://(?:canary\\.|ptb\\.)?discord(?:app)?\\.com/api/webhooks/\\d+/[A-Za-z0-9_-]{20,}',
  ),
];

/** What stands in front of public base64: an integrity hash's algorithm, an SSH key type, a data URL. */
const PUBLIC_BLOB = '(?:sha(?:256|384|512)-|ssh-(?:ed25519|rsa|dss) |ecdsa-sha2-nistp\\d{3} |;base64,)';
const PUBLIC_START = new RegExp(`^${PUBLIC_BLOB}`);

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
    provider: 'slack',
    regex: /xox[abprseocd]-[A-Za-z0-9-]{10,}/g,
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
      if (at < 0 || dot - at < 7 || !v.startsWith('eyJ', dot + 1)) return { kind: '' };
      return { kind: 'JWT', skip: at };
    },
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
  {
    provider: 'generic',
    // A PEM private key, whole or cut short: everything from its BEGIN line to its END line.
    regex:
      /-----BEGIN[ A-Z0-9]{0,40}PRIVATE KEY(?: BLOCK)?-----(?:[A-Za-z0-9+/=\s:,]|\\[nr]|-(?!----END))*(?:-----END[ A-Z0-9]{0,40}PRIVATE KEY(?: BLOCK)?-----)?/g,
    describe: () => ({ kind: 'private key', hideLast4: true }),
  },
  {
    provider: 'generic',
    // user:password@ in a URL (database, proxy or basic-auth URLs); the user may be empty or an
    // e-mail address, and the password may hold an unencoded @: it ends at the @ before the host
    regex:
      /(?<![A-Za-z0-9+.-])[a-z][a-z0-9+.-]{1,20}:\/\/[^\s/:"'`]{0,200}:([^\s"'`]+?)@(?=[A-Za-z0-9.-]{1,253}(?::\d{1,5})?(?:[/\s"'`),;]|$))/gi,
    group: 1,
    describe: () => ({ kind: 'password' }),
  },
  {
    provider: 'azure',
    // Connection strings: AccountKey=...;, SharedAccessKey=...;, SharedAccessSignature=sv=...&sig=...
    regex:
      /\b(AccountKey|SharedAccessKey|SharedAccessSignature|AccessKey)[ \t]{0,3}=[ \t]{0,3}([^;"'`\s]+)/gi,
    group: 2,
    describe: (_v, m) => ({
      kind: /signature/i.test(m[1] ?? '') ? 'shared access signature' : 'storage account key',
    }),
  },
  {
    provider: 'generic',
    // curl -u user:password, --user, -U / --proxy-user (Twilio's -u SID:TOKEN): the part after ':'
    regex: /(?<![^\s'"(])(?:-u|-U|--user|--proxy-user)(?:[ \t]{1,5}|=)?["']?[^\s:"']*:([^\s"']+)/g,
    group: 1,
    describe: () => ({ kind: 'password' }),
  },
  {
    provider: 'generic',
    // requests / httpx auth=(user, password), HTTPBasicAuth(user, password): the second value
    regex:
      /(?:\bauth[ \t]{0,3}=[ \t]{0,3}\(|(?:HTTP(?:Basic|Digest)Auth|BasicAuth|DigestAuth)\()[ \t]{0,3}[^,()\n]{0,200},[ \t]{0,3}(?:[rbuf]?["'])?([^"'()\s,]+)/g,
    group: 1,
    describe: (v) =>
      /^[A-Za-z_][A-Za-z0-9_.]*$/.test(v) && !/\d/.test(v) ? { kind: '' } : { kind: 'password' },
  },
  {
    provider: 'generic',
    // Basic credentials built in code or a shell: btoa('user:password'), b64encode(b"user:password"),
    // Buffer.from('user:password'), echo -n 'user:password' | base64: the password
    regex:
      /(?:btoa|b64encode|encodebytes|EncodeToString|Buffer\.from|echo[ \t]{1,3}-n)[ \t]{0,3}\(?[ \t]{0,3}\(?(?:[rbuf]?["'`])([^:"'`\s]{0,100}):([^"'`\s]{3,})["'`]/g,
    group: 2,
    describe: () => ({ kind: 'password' }),
  },
  {
    provider: 'generic',
    // Cookie: / Set-Cookie: header values, whatever their shape (a session cookie is a credential)
    regex: /\b(?:set-)?cookies?["'`]?[ \t]{0,3}[:=][ \t]{0,3}["'`]?([^\r\n"'`]+)/gi,
    group: 1,
    describe: (v) =>
      v.includes('=') || (v.length >= 16 && !WORDY_VALUE.test(v))
        ? { kind: 'cookie', hideLast4: true }
        : { kind: '' },
  },
  // Generic values: only the value after a scheme, header or parameter name is the secret.
  {
    provider: 'generic',
    // After an auth scheme, whatever the value's shape (opaque, base64, with dots or colons).
    // (the value may sit on the next line of a wrapped header)
    regex:
      /\b(Bearer|Basic|Token|Bot|ApiKey|Api-Key|SSWS)(?:[ \t]{1,10}|[ \t]{0,3}\r?\n[ \t]{0,40})["'`]?([^\s"'`<>()[\]{},;]{4,})/gi,
    group: 2,
    describe: (v, m) =>
      isSchemeValue(v) ? { kind: SCHEME_KINDS[(m[1] ?? '').toLowerCase()] ?? 'token' } : { kind: '' },
  },
  {
    provider: 'generic',
    // The Authorization header's value, after any scheme word (Key, AWS4-HMAC-SHA256, a custom one)
    regex:
      /authorization["'`]?[ \t]{0,3}[:=,][ \t]{0,3}["'`]?(?:[A-Za-z][A-Za-z0-9-]{1,20}[ \t]{1,3})?([A-Za-z0-9._~+/=:-]{8,})/gi,
    group: 1,
    describe: (v) => (isSchemeValue(v) ? { kind: 'credential' } : { kind: '' }),
  },
  {
    provider: 'generic',
    // A secret in a URL query: ?token=...&, &password=...
    regex:
      /[?&;]([A-Za-z0-9_.-]{0,40}(?:key|token|secret|password|passwd|pwd|signature|sig|auth|code|session))=([^\s&#"'`<>]{6,})/gi,
    group: 2,
    describe: (v, m) => nameValueDescribe(m[1] ?? '', v),
  },
  {
    provider: 'generic',
    // A quoted password or passphrase, spaces and all: password="correct horse battery staple"
    regex:
      /(?<![A-Za-z0-9])[A-Za-z0-9_.-]{0,40}(?:password|passwd|passphrase|pwd)["']?[ \t]{0,16}(?::=|=>|[:=])[ \t]{0,16}(["'`])([^\n]{3,200}?)\1(?=[\s,;)}\]]|$)/gi,
    group: 2,
    describe: () => ({ kind: 'password' }),
  },
  {
    provider: 'generic',
    // A quoted name and a quoted value as code arguments or an index: headers["x-api-key"] = "...",
    // setHeader('x-api-key', '...'), os.environ["API_KEY"] = "...", getenv("API_KEY", "...")
    regex:
      /(["'`])([A-Za-z0-9_.-]{0,40}(?:key|token|secret|password|passwd|pwd|pass|passphrase|credentials?|auth|authorization|signature|session(?:id)?))\1[ \t]{0,3}\]?[ \t]{0,3}(?:,|=>|:=|[:=])[ \t]{0,3}(?:[rbuf]?["'`])([^\s"'`]{3,})/gi,
    group: 3,
    describe: (v, m) => nameValueDescribe(m[2] ?? '', v),
  },
  {
    provider: 'generic',
    // name = value / name: value / "name": "value" / name: type = "value" where the name says it
    // holds a secret (with a suffix such as _PROD or _2)
    regex:
      /(?<![A-Za-z0-9])([A-Za-z0-9_.-]{0,40}(?:key|token|secret|password|passwd|pwd|pass|passphrase|credentials?|auth|signature|session(?:id)?)(?:[_-](?:prod|production|dev|development|test|staging|stage|live|local|base|old|new|backup|primary|secondary|main|v\\d|\\d{1,3})){0,2})["']?[ \t]{0,16}(?::[ \t]{0,3}[A-Za-z_][A-Za-z0-9_.[\]|<>]{0,30}[ \t]{0,3}=(?!=)|:=|=>|[:=])[ \t]{0,16}(?:[rbuf]?["'`“‘])?([^\s"'`”’]{3,})/gi,
    group: 2,
    describe: (v, m) => nameValueDescribe(m[1] ?? '', v),
  },
  {
    provider: 'generic',
    // Kubernetes and compose env lists: - name: API_KEY / value: "..."
    regex:
      /\bname:[ \t]{0,3}["']?([A-Za-z0-9_.-]{0,40}(?:key|token|secret|password|passwd|pwd|pass|passphrase|credentials?|auth|signature|session(?:id)?)(?:[_-](?:prod|production|dev|development|test|staging|stage|live|local|base|old|new|backup|primary|secondary|main|v\\d|\\d{1,3})){0,2})["']?[ \t]*\r?\n[ \t]{0,40}value:[ \t]{0,3}["']?([^\s"']{3,})/gi,
    group: 2,
    describe: (v, m) => nameValueDescribe(m[1] ?? '', v),
  },
  {
    provider: 'generic',
    // .NET and XML settings: <add key="ApiKey" value="..." />, <password>...</password>
    regex:
      /(?:\b(?:key|name)=["']([A-Za-z0-9_.:-]{0,40}(?:key|token|secret|password|passwd|pwd|pass|passphrase|credentials?|auth|signature|session(?:id)?))["'][ \t]{1,5}value=["']([^"'\s]{3,})|<([A-Za-z0-9_.:-]{0,40}(?:key|token|secret|password|passwd|pwd|pass|passphrase|credentials?|auth|signature|session(?:id)?))>([^<\s]{3,})<\/)/gi,
    describe: (_v, m) => {
      const valued = m[2] !== undefined;
      const value = (valued ? m[2] : m[4]) ?? '';
      const d = nameValueDescribe((valued ? m[1] : m[3]) ?? '', value);
      if (!d.kind) return d;
      // the value is the secret: skip what stands in front of it, drop what follows
      const at = m[0].lastIndexOf(value);
      return { ...d, skip: at, trim: m[0].length - at - value.length };
    },
  },
  {
    provider: 'generic',
    // A value after a space where the format has no = or :: Dockerfile ENV, setx, fish set -gx,
    // a markdown table cell, a .netrc entry
    regex:
      /(?:\b(?:ENV|setx|set[ \t]{1,3}-[gxUl]{1,4})[ \t]{1,5}([A-Za-z0-9_]{0,40}(?:key|token|secret|password|passwd|pwd|pass|passphrase|credentials?|auth|signature|session(?:id)?)(?:[_-](?:prod|production|dev|development|test|staging|stage|live|local|base|old|new|backup|primary|secondary|main|v\\d|\\d{1,3})){0,2})[ \t]{1,5}["']?|\|[ \t]{0,5}`?([A-Za-z0-9_.-]{0,40}(?:key|token|secret|password|passwd|pwd|pass|passphrase|credentials?|auth|signature|session(?:id)?)(?:[_-](?:prod|production|dev|development|test|staging|stage|live|local|base|old|new|backup|primary|secondary|main|v\\d|\\d{1,3})){0,2})`?[ \t]{0,5}\|[ \t]{0,5}`?|\blogin[ \t]{1,5}[^\s]{1,100}[ \t]{1,5}(password)[ \t]{1,5})([^\s"'`|]{3,})/gi,
    group: 4,
    describe: (v, m) => nameValueDescribe(m[1] ?? m[2] ?? m[3] ?? '', v),
  },
  {
    provider: 'generic',
    // Command-line flags: --password X, --api-key X, --client-secret=X
    regex:
      /(?<![^\s'"(])--(api[-_]?key|apikey|token|access[-_]token|auth[-_]token|secret|client[-_]secret|password|passwd|pass)(?:[ \t]{1,5}|=)["']?([^\s"'-][^\s"']{2,})/gi,
    group: 2,
    describe: (v, m) => nameValueDescribe(m[1] ?? '', v),
  },
  {
    provider: 'generic',
    // -p PASSWORD for the tools where -p is the password (not a port, not mkdir -p)
    regex:
      /\b(?:mysql|mysqldump|mysqladmin|mariadb|sshpass|(?:docker|podman|nerdctl|buildah|skopeo)[ \t]{1,3}login)\b[^\n|;&]{0,200}?[ \t]-p[ \t]?["']?([^\s"'-][^\s"']{2,})/g,
    group: 1,
    describe: (v) => (isPasswordPlaceholder(v) ? { kind: '' } : { kind: 'password' }),
  },
  {
    provider: 'generic',
    // In prose: "my token is ...", "the password was ...", "key: ...", "azure key <32 hex>"
    regex:
      /\b(api[ -]?key|key|token|password|passphrase|passcode|secret|pat)(?:[ \t]{1,3}(?:is|was|=|:)|:)?[ \t]{1,3}["'`]?([^\s"'`]{6,})/gi,
    group: 2,
    describe: (v, m) => proseValueDescribe(m[1] ?? '', v, m[0]),
  },
  {
    provider: 'generic',
    // Last resort, in any context: a long run mixing lower case, upper case and digits is issued,
    // not typed (a bare AWS secret, an unknown provider's key). Hex ids and paths are left alone.
    // Public material is taken whole and left alone: subresource and lock-file integrity hashes,
    // SSH public keys, base64 data URLs.
    regex: new RegExp(`${PUBLIC_BLOB}[A-Za-z0-9+/_-]{32,}={0,2}|${B}[A-Za-z0-9+/_-]{32,}={0,2}`, 'g'),
    describe: (v) =>
      !PUBLIC_START.test(v) && looksRandom(v) ? { kind: 'possible secret', live: false } : { kind: '' },
  },
];

/** Three character classes, few slashes, no path shape, capitals and small letters mixed: random. */
function looksRandom(v: string): boolean {
  if (classCount(v) < 3 || v.includes('//')) return false;
  const slashes = v.length - v.replaceAll('/', '').length;
  // CamelCase identifiers have a capital per word; random strings about as many capitals as small.
  const upper = v.length - v.replace(/[A-Z]/g, '').length;
  const lower = v.length - v.replace(/[a-z]/g, '').length;
  return slashes * 10 <= v.length && upper * 4 >= lower && lower * 4 >= upper;
}

/** A value after a scheme word that is a credential, not prose ("Bearer token is wrong"). */
function isSchemeValue(v: string): boolean {
  if (WORDY_VALUE.test(v) || PROSE_AFTER_SCHEME.test(v) || SINGLE_WORD.test(v)) return false;
  return v.length >= 8 || classCount(v) >= 2;
}

/** One word of prose, capitalised or not ("Expired", "OpenAI"): not an issued value. */
const SINGLE_WORD = /^(?=.{1,16}$)[A-Z]?[a-z]+(?:[A-Z][a-z]*){0,2}[.,:;!?]?$/;

/**
 * A password value that is obviously not the real one: a reference ($DB_PASSWORD, ${PASS},
 * %PASS%, <password>, {{ secret }}), a mask (***, xxxx), one character repeated, a deliberate
 * placeholder word, or a word everyone types in examples. Anything else after a password name is
 * redacted, whatever its shape.
 */
export function isPasswordPlaceholder(value: string): boolean {
  if (PASSWORD_REFERENCE.test(value) || PASSWORD_MASK.test(value)) return true;
  if (new Set(value).size <= 1 || PASSWORD_PLACEHOLDER_WORD.test(value)) return true;
  return /^(?:password|passw0rd|secret|pass|pwd|admin|root|test|testing|changeit|letmein|qwerty\w{0,6})$/i.test(
    value,
  );
}

const PASSWORD_REFERENCE =
  /^(?:\$\{[^}]{0,100}\}|\$\(?[A-Z_][A-Z0-9_]{0,60}\)?|\$[a-z_][a-z0-9_]{0,60}|%[A-Za-z_][A-Za-z0-9_]{0,60}%|<[^>]{0,100}>|\{\{[^}]{0,100}\}\}|\[[^\]]{0,100}\])[.,;)]?$/;
const PASSWORD_MASK = /^(?:\*+|x+|•+|\.+|…|-+|#+)$/i;
const PASSWORD_PLACEHOLDER_WORD =
  /(?:^|[^a-z])(?:your|placeholder|example|fake|dummy|sample|redacted|changeme|replace|insert|(?:my|the)[_-]?(?:password|pass|pwd|secret))(?:[^a-z]|$)/i;

const PROSE_AFTER_SCHEME =
  /^(?:auth(?:entication|orization)?|tokens?|scheme|header|prefix|keyword|format)\b/i;

function classCount(v: string): number {
  return Number(/[a-z]/.test(v)) + Number(/[A-Z]/.test(v)) + Number(/[0-9]/.test(v));
}

/**
 * A value named in prose ("my token is ..."): only one that looks issued, not a word ("the key is
 * invalid"), a variable name (OPENAI_API_KEY) or a date; without "is" or ":" it must be longer.
 */
function proseValueDescribe(
  rawName: string,
  rawValue: string,
  whole: string,
): { kind: string; trim?: number } {
  const value = rawValue.replace(TRAILING, '');
  const trim = rawValue.length - value.length;
  if (REFERENCE.test(value) || WORDY_VALUE.test(value) || SINGLE_WORD.test(value)) return { kind: '' };
  if (/^[A-Z][A-Z0-9_]*$/.test(value) || /^[\d.:/-]+$/.test(value)) return { kind: '' };
  const name = rawName.toLowerCase();
  if (/pass/.test(name)) {
    const symbol = /[^A-Za-z0-9]/.test(value) && /[A-Za-z]/.test(value);
    if (isPasswordPlaceholder(value) || (classCount(value) < 2 && !symbol)) return { kind: '' };
    return { kind: 'password', trim };
  }
  // between the name and the value: "is", "was", "=" or ":" says a value is given
  const between = whole.slice(rawName.length, whole.length - rawValue.length);
  const min = /is|was|=|:/i.test(between) ? MIN_STATED_VALUE : MIN_BARE_VALUE;
  if (value.length < min || classCount(value) < 2) return { kind: '' };
  return { kind: /token|pat/.test(name) ? 'token' : /secret/.test(name) ? 'secret' : 'API key', trim };
}

/** A value stated in prose ("my key is ...") is redacted from this length... */
const MIN_STATED_VALUE = 12;
/** ...and one right after the word ("azure key 9f3a...") from this one. */
const MIN_BARE_VALUE = 20;

/** Trailing punctuation of prose or code around a value that is not part of it. */
const TRAILING = /[)\]},;.]+$/;

/** A value that names where the secret comes from (an env lookup, a template), not the secret. */
const REFERENCE =
  /^(?:\$\{|\$(?:[A-Z_][A-Z0-9_]*|[A-Za-z_][A-Za-z_]*)[.,;)]?$|process\.env|os\.environ|os\.getenv|env\.|ENV\[|getenv|System\.getenv|Environment\.|import\.meta\.env|Deno\.env|<|\{)/;

/** Judges a value found after a name: passwords whatever their shape, vague names only when keyish. */
function nameValueDescribe(
  rawName: string,
  rawValue: string,
): { kind: string; hideLast4?: boolean; trim?: number } {
  const name = rawName.toLowerCase();
  const value = rawValue.replace(TRAILING, '');
  const trim = rawValue.length - value.length;
  if (REFERENCE.test(value) || /\($/.test(value)) return { kind: '' };
  // One word of prose is a message, not a value: "password: required", "Primary key: customerId"
  if (SINGLE_WORD.test(value) && value.length <= 12) return { kind: '' };
  if (/pass|pwd|passphrase/.test(name))
    return isPasswordPlaceholder(value) ? { kind: '' } : { kind: 'password', trim };
  if (WORDY_VALUE.test(value) || value.length < 8 || (value.length < 12 && classCount(value) < 2))
    return { kind: '' };
  if (/^[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)+$/.test(value) && !/\d/.test(value))
    return { kind: '' }; // a code expression (config.apiKey), not a value
  const kind = /token/.test(name)
    ? 'token'
    : /secret|credential/.test(name)
      ? 'secret'
      : /session|auth|sig|code/.test(name)
        ? 'credential'
        : 'API key';
  return { kind, trim };
}
