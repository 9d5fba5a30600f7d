/**
 * Credentials known by where they sit, not by their shape: after an auth scheme or a header name,
 * in a URL, after a name that says key/token/secret/password in code, config files, command lines
 * and prose, and, last, any long random run. They run after the provider shapes, which name a key
 * more precisely. Every repetition is bounded, so each runs in linear time on any input.
 */
import { B, type CredentialPattern } from './pattern-types.ts';
import {
  classCount,
  isPasswordPlaceholder,
  isSchemeValue,
  looksIssuedAfterBreak,
  looksRandom,
  nameValueDescribe,
  PASSWORD_MESSAGE_WORD,
  proseValueDescribe,
  isWordyValue,
  randomAlnum,
} from './value-judges.ts';

const SCHEME_KINDS: Record<string, string> = {
  bearer: 'bearer token',
  basic: 'basic credentials',
  token: 'token',
  bot: 'bot token',
  apikey: 'API key',
  'api-key': 'API key',
  ssws: 'API token',
  'deepl-auth-key': 'API key',
};

/**
 * What stands in front of public material or an id that is not a secret: an integrity hash's
 * algorithm, an SSH key type or fingerprint, a data URL, a public key or certificate block, a JWK's
 * modulus, a request-id header, and the ids of API objects (OpenAI completions and messages, Stripe
 * checkout sessions, payment intents and events, Vercel deployments and projects, Clerk users and
 * organisations), and a playlist id in a query (?list=...).
 */
const PUBLIC_BLOB = [
  'h1:',
  '<HostId>',
  'sha(?:256|384|512)-',
  'SHA256:',
  'MD5:',
  'ssh-(?:ed25519|rsa|dss) ',
  'ecdsa-sha2-nistp\\d{3} ',
  ';base64,',
  '-----BEGIN (?:PUBLIC KEY|RSA PUBLIC KEY|CERTIFICATE|PGP PUBLIC KEY BLOCK)-----\\s{0,4}',
  '"(?:n|x5c|x5t|kid)"[ \\t]{0,3}:[ \\t]{0,3}\\[?"',
  '(?:[Xx]-[Aa]mz-(?:[Ii]d-2|[Cc]f-[Ii]d)|[Xx]-[Rr]equest-[Ii][Dd])[ \\t]{0,3}:[ \\t]{0,3}',
  '(?<![A-Za-z0-9_-])(?:chatcmpl-|msg_|asst_|thread_|run_|resp_|batch_|cs_(?:test|live)_|pi_|evt_|req_|dpl_|prj_|user_|org_)',
  '[?&]list=',
].join('|');
const PUBLIC_BLOB_RE = `(?:${PUBLIC_BLOB})`;
const PUBLIC_START = new RegExp(`^${PUBLIC_BLOB_RE}`);
/** Path segments after which a random one is a document's or a content's address, not a key. */
const PUBLIC_PATH_SEGMENT = /^(?:d|e|ipfs|ipns|commit|commits|blob|tree|sha256:?|folders|drive)$/i;
/** Where a last-resort run may start: not inside a word. */
const LAST_RESORT_START = B;
/** Hex digits a dash-grouped run needs to be a key rather than an id (a UUID has 32). */
const MIN_HEX_GROUPED_KEY = 40;
/** A number, then a UUID: the name GitHub gives an uploaded image. */
const NUMBERED_UUID = /^\d{1,12}-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Passwords given to tools as a flag's short form or a positional argument, one regex each (the
 * value is group 1): zip -P, openssl -k / -pass pass:, security add-generic-password -w, smbclient
 * -U user%..., lftp -u user,..., mc alias set NAME URL USER SECRET, vault login TOKEN, aws configure
 * set aws_secret_access_key|aws_session_token VALUE.
 */
const TOOL_ARGUMENT_PATTERNS: readonly CredentialPattern[] = (
  [
    [/\bzip\b[^\n]{0,100}?[ \t]-P[ \t]{1,3}(\S{3,200})/g, 'password'],
    [/\bopenssl\b[^\n]{0,200}?[ \t](?:-k[ \t]{1,3}|-pass(?:in|out)?[ \t]{1,3}pass:)(\S{3,200})/g, 'password'],
    [
      /\bsecurity[ \t]{1,3}add-(?:generic|internet)-password\b[^\n]{0,200}?[ \t]-w[ \t]{1,3}(\S{3,200})/g,
      'password',
    ],
    [/[ \t]-U[ \t]{1,3}[^\s%]{1,60}%(\S{3,200})/g, 'password'],
    [/\blftp\b[^\n]{0,100}?[ \t]-u[ \t]{1,3}[^\s,]{1,60},(\S{3,200})/g, 'password'],
    [
      /\bmc[ \t]{1,3}alias[ \t]{1,3}set[ \t]{1,3}\S{1,100}[ \t]{1,3}\S{1,300}[ \t]{1,3}\S{1,100}[ \t]{1,3}(\S{3,200})/g,
      'secret',
    ],
    [/\bvault[ \t]{1,3}login[ \t]{1,3}(?!-)(\S{8,200})/g, 'token'],
    [/\bnuget[ \t]{1,3}setapikey[ \t]{1,3}(\S{8,200})/gi, 'API key'],
    // net use Z: \\srv\share PASSWORD /user:DOMAIN\name, the password positional after the share
    // or after /user: (the share's leading \\ is blanked in the scanned copy; * asks for it)
    [
      /\bnet[ \t]{1,3}use\b(?:[ \t]{1,3}[A-Za-z*]:)?[ \t]{1,5}[^\s\\]{1,100}\\\S{1,200}(?:[ \t]{1,3}\/user:\S{1,100})?[ \t]{1,3}(?![/*])(\S{3,200})/gi,
      'password',
    ],
    // Bundler's credentials for a gem host: bundle config [set] [--global] gems.example.com user:pass
    // (a build setting's flags, bundle config build.nokogiri --use-system-libraries, are not)
    [
      /\bbundle[ \t]{1,3}config[ \t]{1,3}(?:set[ \t]{1,3})?(?:--(?:global|local)[ \t]{1,3})?(?:https?:\/\/)?[a-z0-9-]{1,63}(?:\.[a-z0-9-]{1,63}){1,6}\/?[ \t]{1,3}(?!-)(\S{6,300})/gi,
      'credentials',
    ],
    // ... and as an environment variable, the host's dots doubled into underscores
    [
      /\bBUNDLE_[A-Z0-9]{1,63}(?:__[A-Z0-9-]{1,63}){1,6}[ \t]{0,3}[=:][ \t]{0,3}["']?([^\s"']{6,300})/g,
      'credentials',
    ],
    [
      /\baws[ \t]{1,3}configure[ \t]{1,3}set[ \t]{1,3}(?:[\w-]{1,40}\.)?(?:aws_secret_access_key|aws_session_token)[ \t]{1,3}(\S{8,3000})/g,
      'secret',
    ],
  ] as const
).map(([regex, kind]) => ({
  provider: 'generic',
  regex,
  group: 1,
  describe: (v: string) => (isPasswordPlaceholder(v) ? { kind: '' } : { kind }),
}));

/** A cell of a CSV header row: a short name of a few words, no sentence punctuation. */
const CSV_HEADER_CELL =
  /^[ \t]{0,2}"?[A-Za-z][A-Za-z0-9_()/-]{0,30}(?: [A-Za-z0-9_()/-]{1,20}){0,3}"?[ \t]{0,2}$/;

export const CONTEXT_PATTERNS: readonly CredentialPattern[] = [
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
    // e-mail address, and the password may hold an unencoded @: it ends at the last @ in front of
    // a host (bounded, so a long run of URLs is scanned in linear time)
    regex:
      /(?<![A-Za-z0-9+.-])[a-z][a-z0-9+.-]{1,20}:\/\/[^\s/:"'`]{0,200}:([^\s"'`]{1,200})@(?=[A-Za-z0-9.-]{1,253}(?::\d{1,5})?(?![A-Za-z0-9.@-]))/gi,
    group: 1,
    // an unencoded / may sit in a password; a port and a path before an @ (host:3000/users/@me) is not one
    describe: (v) => (/^\d{1,5}\/|\/\//.test(v) ? { kind: '' } : { kind: 'password' }),
  },
  {
    provider: 'generic',
    // the same with a password people paste in quotes or with a space in it, which no URL allows
    // unencoded but a connection string copied from a form holds: redis://user:"p@ss w0rd"@host
    regex:
      /(?<![A-Za-z0-9+.-])[a-z][a-z0-9+.-]{1,20}:\/\/[^\s/:"'`]{1,200}:("[^"\n]{1,200}"|'[^'\n]{1,200}'|[^\s"'`@]{1,100} [^\s"'`@]{1,100})@(?=[A-Za-z0-9.-]{1,253}(?::\d{1,5})?(?![A-Za-z0-9.@-]))/gi,
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
    regex:
      /(?<![^\s'"(])(?:-u|-U|--user|--proxy-user)(?:[ \t]{1,5}|=)?["']?[^\s:"']{0,200}:([^\s"']{1,500})/g,
    group: 1,
    // `-u https://host/` is a URL given to a tool's -u flag, not user:password
    describe: (v) => (v.startsWith('//') ? { kind: '' } : { kind: 'password' }),
  },
  {
    provider: 'generic',
    // A Basic credential built in the shell: echo -n user:password | base64 (or openssl base64)
    regex:
      /\b(?:echo|printf)(?:[ \t]{1,3}-[nEe]{1,2}){0,2}[ \t]{1,3}["']?[^\s:"'|]{0,100}:([^\s"'|]{4,200})["']?[ \t]{0,3}\|[ \t]{0,3}(?:openssl[ \t]{1,3})?base64\b/g,
    group: 1,
    describe: (v) => (isPasswordPlaceholder(v) ? { kind: '' } : { kind: 'password' }),
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
    // name=value pairs, or one long opaque value; not prose ("Note on cookies: they are...") nor
    // an options object (cookie: { maxAge: ... })
    describe: (v) =>
      !/^[{[]/.test(v) &&
      (/^[^\s=;]{1,100}=/.test(v) || (v.length >= 16 && !/\s/.test(v) && !isWordyValue(v)))
        ? { kind: 'cookie', hideLast4: true }
        : { kind: '' },
  },
  // Generic values: only the value after a scheme, header or parameter name is the secret.
  {
    provider: 'generic',
    // After an auth scheme, whatever the value's shape (opaque, base64, with dots or colons).
    // (the value may sit on the next line of a wrapped header)
    regex:
      /\b(Bearer|Basic|Token|Bot|ApiKey|Api-Key|SSWS|DeepL-Auth-Key)(?:[ \t]{1,10}|[ \t]{0,3}\r?\n[ \t]{0,40})["'`]?([^\s"'`<>()[\]{},;]{4,})/gi,
    group: 2,
    describe: (v, m) => {
      const scheme = m[1] ?? '';
      if (!isSchemeValue(v)) return { kind: '' };
      // ApiKey and SSWS are schemes only as written ("OPTIONS /apikey HTTP/1.1" is not one)
      if (/^(?:apikey|api-key|ssws)$/i.test(scheme) && !/^(?:ApiKey|Api-Key|APIKEY|SSWS)$/.test(scheme))
        return { kind: '' };
      // on the next line only a value that looks issued: not the next line's words
      if (m[0].includes('\n') && !looksIssuedAfterBreak(v)) return { kind: '' };
      return { kind: SCHEME_KINDS[scheme.toLowerCase()] ?? 'token' };
    },
  },
  {
    provider: 'generic',
    // The Authorization header's value, after any scheme word (Key, AWS4-HMAC-SHA256, a custom one,
    // or one glued to the value, which the scan sees blanked: "BearereyJ...")
    regex:
      /authorization["'`]?[ \t]{0,3}[:=][ \t]{0,3}["'`]?[ \t]{0,7}(?:[A-Za-z][A-Za-z0-9-]{1,20}[ \t]{1,3})?([A-Za-z0-9._~+/=:-][A-Za-z0-9_.~+/=:-]{7,})/gi,
    group: 1,
    describe: (v) => (isSchemeValue(v) ? { kind: 'credential' } : { kind: '' }),
  },
  {
    provider: 'generic',
    // Each parameter of an Authorization header with a custom scheme, whatever its name: the header
    // is where credentials sit (DiadocAuth ddauth_api_client_id=..., ddauth_token=...)
    regex:
      /(?<=authorization["'`]?[ \t]{0,3}[:=][ \t]{0,3}["'`]?[ \t]{0,7}[A-Za-z][A-Za-z0-9_-]{1,30}[ \t]{1,3}(?:[A-Za-z_][\w-]{0,40}=["']?[^\s,"']{1,300}["']?[ \t]{0,3},[ \t]{0,3}){0,6}[A-Za-z_][\w-]{0,40}=["']?)([^\s,"']{6,300})/gi,
    group: 1,
    describe: (v) =>
      // a timestamp, a version, a method name (HMAC-SHA1) or a placeholder is not a credential
      /^\d{1,13}$|^\d+(?:\.\d+)+$|^[A-Z]{2,10}(?:-[A-Z0-9]{1,10}){0,3}$/.test(v) || isPasswordPlaceholder(v)
        ? { kind: '' }
        : { kind: 'credential' },
  },
  {
    provider: 'generic',
    // A Philips Hue or deCONZ API key, which is a path segment: /api/<key>/lights,
    // /config/whitelist/<key>
    regex:
      /(?<=\/api\/)[A-Za-z0-9-]{10,64}(?=\/(?:lights|groups|config|sensors|scenes|schedules|rules|resourcelinks|capabilities|devices)\b)|(?<=\/config\/whitelist\/)[A-Za-z0-9-]{10,64}(?![A-Za-z0-9-])/g,
    describe: (v) => (/\d/.test(v) && /[A-Za-z]/.test(v) ? { kind: 'API key' } : { kind: '' }),
  },
  {
    provider: 'generic',
    // A secret in a URL query: ?token=...&, &password=..., ?token=<...> (angle brackets kept from a template);
    // a login ticket too (a CLI's ?ticket=... that the browser approves, a CAS service ticket), and the
    // bare ak= / sk= that Baidu's and other Chinese open APIs take their access key and secret key as
    regex:
      /[?&;~]([A-Za-z0-9_.-]{0,40}(?:key|token|secret|password|passwd|pwd|signature|sig|sign|hmac|auth|code|session|sessid|sid|appid|app_id|ticket)|ak|sk)=<?([^\s&#"'`<>]{6,})/gi,
    group: 2,
    describe: (v, m) => nameValueDescribe(m[1] ?? '', v),
  },
  {
    provider: 'generic',
    // A password as the p= after a u= in a query (Subsonic-style APIs: ?u=admin&p=...)
    regex: /[?&]u=[^&\s#"'`]{1,100}&p=([^&\s#"'`<>]{3,200})/g,
    group: 1,
    describe: (v) => (isPasswordPlaceholder(v) ? { kind: '' } : { kind: 'password' }),
  },
  {
    provider: 'generic',
    // A quoted password or passphrase, spaces and all: password="correct horse battery staple"
    // (not a proxy's bypass list, nor the word itself as a form's label: "password": "Mot de passe")
    regex:
      /(?<![A-Za-z0-9])[A-Za-z0-9_.-]{0,40}(?:password|passwd|passphrase|pwd|pass|mnemonic|seed[_ -]?phrase|recovery[_ -]?phrase)["']?[ \t]{0,16}(?::=|=>|[:=])[ \t]{0,16}(["'`])([^\n]{3,200}?)\1(?=[\s,;)}\]]|$)/gi,
    group: 2,
    describe: (v, m) =>
      /bypass|compass|passthrough/i.test(m[0]) || isPasswordPlaceholder(v)
        ? { kind: '' }
        : { kind: 'password' },
  },
  {
    provider: 'generic',
    // A quoted name and a quoted value as code arguments or an index: headers["x-api-key"] = "...",
    // setHeader('x-api-key', '...'), os.environ["API_KEY"] = "...", getenv("API_KEY", "...")
    regex:
      /(["'])([A-Za-z0-9_.-]{0,40}(?:keys?|tokens?|secrets?|password|passwd|pwd|_pw|pass|passphrase|credentials?|auth|authorization|signature|session(?:id)?))\1[ \t]{0,3}\]?[ \t]{0,3}(?:,|=>|:=|\|\|=|[:=])[ \t]{0,40}(?:[rbuf]?["'`])([^\s"'`]{3,})/gi,
    group: 3,
    describe: (v, m) => nameValueDescribe(m[2] ?? '', v),
  },
  {
    provider: 'generic',
    // An unquoted passphrase after a password name in YAML or INI: the rest of the line, words and all
    // (password: correct horse battery staple), not a message ("password: must be 8 characters")
    regex:
      /(?<=(?<![A-Za-z0-9])[A-Za-z0-9_.-]{0,40}(?:password|passwd|passphrase|pwd)[ \t]{0,3}[:=][ \t]{1,3})((?:[^\s#"'`]{2,40}[ \t]){2,10}[^\s#"'`]{2,40})[ \t]*(?=\r?\n|$)/gi,
    group: 1,
    describe: (v) => {
      const first = v.split(/\s/)[0] ?? '';
      if (isPasswordPlaceholder(v) || PASSWORD_MESSAGE_WORD.test(first)) return { kind: '' };
      return /^[a-z]+(?: [a-z]+){2,}$/.test(v) ? { kind: 'password' } : { kind: '' };
    },
  },
  {
    provider: 'generic',
    // A password holding a quote on an env line (DB_PASSWORD=Xy3'...): the whole value to the end
    regex:
      /^[ \t]{0,8}(?:export[ \t]{1,3})?[A-Za-z0-9_]{0,40}(?:PASSWORD|PASSWD|PWD|PASS)=([^\s#"'][^\s#]{0,200}["'][^\s#]{0,200})/gim,
    group: 1,
    describe: () => ({ kind: 'password' }),
  },
  {
    provider: 'generic',
    // name = value / name: value / "name": "value" / name: type = "value" where the name says it
    // holds a secret (with a suffix such as _PROD or _2); the name may be in Markdown emphasis or
    // backticks (**Password**: ..., `API_KEY`: ...), the separator a default-assignment (||=, ?=)
    // or a tab or a run of spaces (tables printed by vault, PowerShell and spreadsheets)
    regex:
      /(?<![A-Za-z0-9])([A-Za-z0-9_.-]{0,40}(?:keys?|tokens?|secrets?|password|passwd|pwd|_pw|(?<![A-Za-z])pw|pass|passphrase|credentials?|creds|auth|signature|session(?:id)?|_pat|mnemonic|salt)(?:[_-](?:prod|production|dev|development|test|staging|stage|live|local|base|old|new|backup|primary|secondary|main|v\d|\d{1,3}|[a-z]{2})|\d{1,2}){0,2})(?:["'`]|\*{1,2}|_{2})?[ \t]{0,16}(?::[ \t]{0,3}[&A-Za-z_][A-Za-z0-9_.[\]|<>&']{0,30}(?:[ \t]{0,2}\|[ \t]{0,2}[A-Za-z_][A-Za-z0-9_.[\]<>]{0,20}){0,3}[ \t]{0,3}=(?!=)|:=|=>|\|\|=|\?\?=|\?=|[:=]|(?<=\t|[ ]{2}))(?:[ \t]{0,3}(?:\*{1,2}|_{1,2}|\|\|)(?=[ \t]))?[ \t]{0,16}(?:(?:&[A-Za-z0-9_-]{1,30}|!!?[A-Za-z]{1,20})[ \t]{1,3})?(?:[rbuf]?(?:"""|'''|["'`“‘]))?([^\s"'`”’]{3,})/gi,
    group: 2,
    describe: (v, m) => nameValueDescribe(m[1] ?? '', v),
  },
  {
    provider: 'generic',
    // Name and value pairs in JSON (HAR files, Postman exports, ECS and Kubernetes env, AWS SSM,
    // CloudFormation): {"name": "x-api-key", "value": "..."}, {"key": "apiKey", "value": "..."}
    regex:
      /"(?:name|Name|key|Key|ParameterKey)"[ \t]{0,3}:[ \t]{0,3}"([A-Za-z0-9_./-]{0,60}(?:keys?|tokens?|secrets?|password|passwd|pwd|_pw|pass|passphrase|credentials?|auth|authorization|cookie|signature|session(?:id)?|sessid|sid|connect\.sid|jsessionid|phpsessid|asp\.net_sessionid))"[ \t]{0,3},[ \t\r\n]{0,40}"(?:value|Value|ParameterValue)"[ \t]{0,3}:[ \t]{0,3}"([^"\n]{3,})"/gi,
    group: 2,
    describe: (v, m) => nameValueDescribe(m[1] ?? '', v),
  },
  {
    provider: 'generic',
    // Kubernetes and compose env lists: - name: API_KEY / value: "...", {name: API_KEY, value: ...}
    regex:
      /\bname:[ \t]{0,3}["']?([A-Za-z0-9_.-]{0,40}(?:keys?|tokens?|secrets?|password|passwd|pwd|_pw|pass|passphrase|credentials?|auth|signature|session(?:id)?)(?:[_-](?:prod|production|dev|development|test|staging|stage|live|local|base|old|new|backup|primary|secondary|main|v\d|\d{1,3}|[a-z]{2})|\d{1,2}){0,2})["']?(?:[ \t]*\r?\n[ \t]{0,40}|[ \t]{0,3},[ \t]{0,3})value:[ \t]{0,3}["']?([^\s"']{3,})/gi,
    group: 2,
    describe: (v, m) => nameValueDescribe(m[1] ?? '', v),
  },
  {
    provider: 'generic',
    // .NET and XML settings: <add key="ApiKey" value="..." />, <password>...</password>
    regex:
      /(?:\b(?:key|name)=["']([A-Za-z0-9_.:-]{0,40}(?:keys?|tokens?|secrets?|password|passwd|pwd|_pw|pass|passphrase|credentials?|auth|signature|session(?:id)?))["'][ \t]{1,5}value=["']([^"'\s]{3,})|<([A-Za-z0-9_.:-]{0,40}(?:keys?|tokens?|secrets?|password|passwd|pwd|_pw|pass|passphrase|credentials?|auth|signature|session(?:id)?))>([^<\s]{3,})<\/)/gi,
    describe: (_v, m) => {
      const valued = m[2] !== undefined;
      // a property list's <key>...</key> holds a name; its value is in the <string> after it
      if (!valued && /^key$/i.test(m[3] ?? '')) return { kind: '' };
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
      /(?:\b(?:ENV|setx|set[ \t]{1,3}-[gxUl]{1,4})[ \t]{1,5}([A-Za-z0-9_]{0,40}(?:keys?|tokens?|secrets?|password|passwd|pwd|_pw|pass|passphrase|credentials?|auth|signature|session(?:id)?)(?:[_-](?:prod|production|dev|development|test|staging|stage|live|local|base|old|new|backup|primary|secondary|main|v\d|\d{1,3}|[a-z]{2})|\d{1,2}){0,2})[ \t]{1,5}["']?|\|[ \t]{0,5}`?((?:[A-Za-z]{1,20}[ \t])?[A-Za-z0-9_.-]{0,40}(?:keys?|tokens?|secrets?|password|passwd|pwd|_pw|pass|passphrase|credentials?|auth|signature|session(?:id)?)(?:[_-](?:prod|production|dev|development|test|staging|stage|live|local|base|old|new|backup|primary|secondary|main|v\d|\d{1,3}|[a-z]{2})|\d{1,2}){0,2})`?[ \t]{0,5}\|[ \t]{0,5}`?|\blogin[ \t]{1,5}[^\s]{1,100}[ \t]{1,5}(password)[ \t]{1,5})([^\s"'`|]{3,})/gi,
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
      /\b(?:mysql|mysqldump|mysqladmin|mariadb|sshpass|twine|psexec|vsce|ovsx|(?:docker|podman|nerdctl|buildah|skopeo|oras|(?:helm[ \t]{1,3}registry))[ \t]{1,3}login)\b[^\n|;&]{0,200}?[ \t]-p[ \t]?["']?([^\s"'-][^\s"']{2,})/g,
    group: 1,
    describe: (v) => (isPasswordPlaceholder(v) ? { kind: '' } : { kind: 'password' }),
  },
  {
    provider: 'generic',
    // In prose: "my token is ...", "the password was ...", "key: ...", "azure key <32 hex>",
    // "the key, ...", "my api key 👉 ...", "I set the token to ...", "the api key (...)"; a plain word
    // is never the value, so words between the name and the value are read past ("the webhook
    // secret I set in GitHub was ...")
    regex:
      /(?<![-_.])\b(api[ -]?key|key|token|password|passphrase|passcode|secret|pat|pass|pwd)(?:[ \t]{1,3}[A-Za-z']{1,12}){0,4}?(?:[ \t]{1,3}(?:is|was|to|=|:|->|→|-|=>|⇒|👉)|:|,)?(?:\*{1,2}|_{1,2})?(?:[ \t]{1,3}|[ \t]{0,3}\r?\n[ \t]{0,3})\(?["'`]?(?![A-Za-z]{6,}(?:[\s"'`.,;:!?)]|$))([^\s"'`]{6,})/giu,
    group: 2,
    describe: (v, m) => proseValueDescribe(m[1] ?? '', v, m[0]),
  },
  {
    provider: 'generic',
    // A secret's variable and its value in brackets after it, in prose: "The JWT_SECRET (`...`) is
    // the one that signed this key"
    regex:
      /(?<![A-Za-z0-9_])([A-Z][A-Z0-9_]{0,40}(?:KEY|TOKEN|SECRET|PASSWORD|PASS|PWD|PAT))[ \t]{1,3}\([ \t]{0,3}(["'`]?)([^\s"'`()]{6,200})\2[ \t]{0,3}\)/g,
    group: 3,
    describe: (v, m) => nameValueDescribe(m[1] ?? '', v),
  },
  {
    provider: 'generic',
    // In prose, the value first: "I am using ... as my api key", "... <- that is my token"
    regex:
      /(?<![A-Za-z0-9_+/=.-])([A-Za-z0-9_+/=.-]{16,200})[ \t]{1,3}(?:<-|←|as|is|was|=)[ \t]{1,3}(?:[A-Za-z']{1,12}[ \t]{1,3}){0,3}(api[ -]?key|key|token|password|secret|pat)\b/gi,
    group: 1,
    describe: (v, m) => nameValueDescribe(m[2] ?? '', v),
  },
  {
    provider: 'generic',
    // A key after the key emoji: "🔑 ..."
    regex: /🔑[ \t]{0,3}:?[ \t]{0,3}["'`]?([^\s"'`]{8,200})/gu,
    group: 1,
    describe: (v) => nameValueDescribe('key', v),
  },
  {
    provider: 'generic',
    // A literal default after an env lookup of a secret's name: process.env.API_KEY || "...",
    // ?? '...', os.environ.get("API_KEY") or "...", ENV.fetch("API_KEY", "...")
    regex:
      /(?:env|environ|getenv|ENV)\b[^\n]{0,40}?["'.[(]([A-Za-z0-9_]{0,40}(?:KEY|TOKEN|SECRET|PASSWORD|PASS|PWD|PW|PAT)[A-Za-z0-9_]{0,20})["'\])]{0,3}[ \t]{0,3}(?:\|\||\?\?|\bor\b|,)[ \t]{0,3}(["'`])([^"'`\s]{4,200})\2/gi,
    group: 3,
    describe: (v, m) => nameValueDescribe(m[1] ?? '', v),
  },
  {
    provider: 'generic',
    // A shell default for a secret's variable: ${API_KEY:-...}, ${DB_PASSWORD-...}
    regex:
      /\$\{([A-Za-z0-9_]{0,40}(?:KEY|TOKEN|SECRET|PASSWORD|PASS|PWD|PW|PAT)[A-Za-z0-9_]{0,20}):?[-=]([^}\s]{4,200})\}/gi,
    group: 2,
    describe: (v, m) => nameValueDescribe(m[1] ?? '', v),
  },
  {
    provider: 'generic',
    // A flag that names a secret, with its value after a space or '=': --passphrase ..., --docker-password ...,
    // --admin-secret=..., -NuGetApiKey ..., -Password ... (a file or a variable is not a value)
    regex:
      /(?<![A-Za-z0-9_-])--?((?=[A-Za-z])[A-Za-z0-9-]{0,40}(?:password|passwd|passphrase|secret|token|api-?key|apikey|master-key|secret-key|auth))(?:[ \t]{1,3}|=)(["']?)([^\s"'-][^\s"']{3,200})\2(?=[\s;|&)]|$)/gi,
    group: 3,
    describe: (v, m) => {
      const name = m[1] ?? '';
      if (/file|path|env|name|type|id$/i.test(name)) return { kind: '' };
      return nameValueDescribe(name, v);
    },
  },
  {
    provider: 'generic',
    // A user and a password in prose: "login: admin / ...", "Credentials: admin / ...", "log in with admin:..."
    regex:
      /\b(?:login|credentials|creds|log[ -]?in with)\b[ \t]{0,3}[:=]?[ \t]{1,3}([A-Za-z0-9._@-]{2,40})(?:[ \t]{1,2}\/[ \t]{1,2}|:)([^\s/:]{4,100})(?=[\s,;.)]|$)/gi,
    group: 2,
    describe: (v, m) => {
      if (/^(?:https?|ftp|ssh)$/i.test(m[1] ?? '') || /^\d{1,5}$/.test(v)) return { kind: '' };
      if (isPasswordPlaceholder(v) || /^[a-z]+$/.test(v)) return { kind: '' };
      return /\d|[^A-Za-z]/.test(v) ? { kind: 'password' } : { kind: '' };
    },
  },
  {
    provider: 'generic',
    // An identifier that ends in a secret's name, then its value after one space: "refresh_token ...",
    // "client_secret ...", "api_key ..." (as a CLI prints a setting or a person types one)
    regex:
      /(?<![A-Za-z0-9_])([A-Za-z0-9][A-Za-z0-9_]{0,30}_(?:token|secret|key|password|pat))[ \t]{1,3}([^\s"'`]{12,200})/gi,
    group: 2,
    describe: (v, m) => (looksIssuedAfterBreak(v) ? nameValueDescribe(m[1] ?? '', v) : { kind: '' }),
  },
  {
    provider: 'generic',
    // A C/C++ macro or a nginx/Apache/FPM directive that sets a secret: #define WIFI_PASSWORD "...",
    // proxy_set_header X-API-KEY "...", SetEnv DB_PASSWORD ..., fastcgi_param DB_PASSWORD ..., env[DB_PASSWORD] = ...
    regex:
      /(?:(?:#define|proxy_set_header|SetEnv|fastcgi_param)[ \t]{1,3}|env\[)([A-Za-z0-9_-]{0,40}(?:KEY|TOKEN|SECRET|PASSWORD|PASS|PWD|AUTH)[A-Za-z0-9_-]{0,20})\]?[ \t]{1,3}(?:=[ \t]{0,3})?(["']?)([^\s"';]{4,200})\2/gi,
    group: 3,
    describe: (v, m) => nameValueDescribe(m[1] ?? '', v),
  },
  {
    provider: 'generic',
    // A value put on the next line by a formatter: "apiKey":\n  "...", const webhookSecret =\n  "...",
    // api_key=(\n  "..."\n)
    regex:
      // (it starts at the line break and looks back for the name, so a long line costs nothing)
      /(?<=(?<![A-Za-z0-9])([A-Za-z0-9_.-]{0,40}(?:key|token|secret|password|passwd|pwd|passphrase|credentials?)s?)["']?[ \t]{0,3}(?::|=|=>)[ \t]{0,3}\(?[ \t]{0,3})\r?\n[ \t]{0,40}["'`]([^\s"'`]{8,200})["'`]/gi,
    group: 2,
    describe: (v, m) => nameValueDescribe(m[1] ?? '', v),
  },
  {
    provider: 'generic',
    // Each item of a list named for keys or tokens: "api_keys": ["...", "..."], API_KEYS = ['...']
    regex:
      /(?<=(?:keys|tokens|secrets|passwords)["']?[ \t]{0,3}(?::|=)[ \t]{0,3}\[(?:[ \t\r\n]{0,20}["'][^"'\n]{1,200}["'][ \t]{0,3},){0,50}[ \t\r\n]{0,20})(["'])([^"'\s,]{8,200})\1/gi,
    group: 2,
    describe: (v) => nameValueDescribe('key', v),
  },
  {
    provider: 'generic',
    // Each item of a YAML list named for keys or tokens: api_keys:\n  - ...\n  - ...
    regex:
      /(?<=(?:keys|tokens|secrets|passwords):[ \t]{0,3}\r?\n(?:[ \t]{1,20}-[ \t]{1,3}[^\n]{1,300}\r?\n){0,50}[ \t]{1,20}-[ \t]{1,3}["']?)([^\s"'#]{8,200})/gi,
    group: 1,
    describe: (v) => nameValueDescribe('key', v),
  },
  {
    provider: 'generic',
    // The password of a user:password pair that code base64-encodes or hands to curl as one string:
    // GetBytes("admin:..."), encodeToString("admin:...".getBytes()), base64_encode('admin:...'),
    // strict_encode64, EncodeToString([]byte("admin:...")), "admin:...".data(using:), CURLOPT_USERPWD,
    // btoa("admin:..."), b64encode(b"admin:..."), $pair = "admin:..."
    regex:
      /(?:GetBytes|encodeToString|encode64|base64_encode|EncodeToString|btoa|b64encode|CURLOPT_USERPWD|\$pair[ \t]{0,3}=)[^"'`\n]{0,40}(["'`])([^"'`:\s]{0,60}):([^"'`\s]{3,200})\1/g,
    group: 3,
    describe: (v) => (isPasswordPlaceholder(v) ? { kind: '' } : { kind: 'password' }),
  },
  {
    provider: 'generic',
    // The Swift form of the same: "admin:...".data(using: .utf8)!.base64EncodedString()
    regex: /(["'`])[^"'`:\s]{1,60}:([^"'`\s]{3,200})\1\.data\(using/g,
    group: 2,
    describe: (v) => (isPasswordPlaceholder(v) ? { kind: '' } : { kind: 'password' }),
  },
  {
    provider: 'generic',
    // A user and a password as two arguments of a basic-auth call: Credentials.basic("admin", "..."),
    // req.basic_auth "admin", "...", 'auth' => ['admin', '...'], auth=("admin", "...")
    regex:
      /(?:basic_?auth|Credentials\.basic|['"]auth['"][ \t]{0,3}=>[ \t]{0,3}\[|\bauth[ \t]{0,3}=[ \t]{0,3}\(|HTTPBasicAuth)[ \t(]{0,3}(["'])[^"'\n]{1,60}\1[ \t]{0,3},[ \t]{0,3}(["'])([^"'\n]{3,200})\2/gi,
    group: 3,
    describe: (v) => (isPasswordPlaceholder(v) ? { kind: '' } : { kind: 'password' }),
  },
  {
    provider: 'generic',
    // What a command that reads a secret prints on the next line: heroku config:get DB_PASSWORD,
    // vault kv get -field=password, gcloud secrets versions access, op read, kubectl get secret ...
    // | base64 -d, argocd admin initial-password; and Elasticsearch's "New value:" after a reset
    regex:
      /(?:^|\n)[ \t]{0,4}(?:\$|>|PS>|#)?[ \t]{0,3}(?:heroku config:get|vault (?:kv )?(?:get|read)|gcloud secrets versions access|op read|argocd admin initial-password|kubectl [^\n]{0,200}(?:base64 (?:-d|--decode))|aws secretsmanager get-secret-value[^\n]{0,200}--output text)[^\n]{0,300}\r?\n[ \t]{0,4}([^\s]{6,200})[ \t]*(?=\r?\n|$)/g,
    group: 1,
    describe: (v) => (isPasswordPlaceholder(v) || /^[A-Za-z]+$/.test(v) ? { kind: '' } : { kind: 'secret' }),
  },
  {
    provider: 'generic',
    // Elasticsearch's reset and first-start banners: the password on the line after "New value:" or
    // "Password for the elastic user (...):"
    regex:
      /(?:New value:|Password for the [a-z_]{1,30} user[^\n]{0,120}:)[ \t]{0,3}(?:\r?\n[ \t]{0,6})?([^\s]{6,200})/g,
    group: 1,
    describe: (v) => (isPasswordPlaceholder(v) ? { kind: '' } : { kind: 'password' }),
  },
  {
    provider: 'generic',
    // A secret piped into a command that stores or uses it: echo '...' | docker login --password-stdin,
    // echo -n "..." | gcloud secrets create, printf '%s' "..." | wrangler secret put, echo ... | vercel env add,
    // echo 'root:...' | chpasswd; and a here-string: gh auth login --with-token <<< "..."
    regex:
      /\b(?:echo(?:[ \t]{1,3}-[neE]{1,2})?|printf[ \t]{1,3}["']%s(?:\\n)?["'])[ \t]{1,3}(["']?)([^\s"'|]{6,200})\1[ \t]{0,3}\|[ \t]{0,3}[^\n|]{0,80}?(?:login|secrets?\b|env[ \t]{1,3}add|--password-stdin|--data-file|chpasswd|passwd|--with-token|set-secret)/g,
    group: 2,
    describe: (v) => (isPasswordPlaceholder(v) ? { kind: '' } : { kind: 'secret' }),
  },
  {
    provider: 'generic',
    regex: /(?:--with-token|--password-stdin|login)[^\n]{0,80}?<<<[ \t]{0,3}(["']?)([^\s"']{6,200})\1/g,
    group: 2,
    describe: (v) => (isPasswordPlaceholder(v) ? { kind: '' } : { kind: 'secret' }),
  },
  {
    provider: 'generic',
    // GitHub Actions' ::add-mask::... (the value it masks is the secret)
    regex: /::add-mask::([^\s"'`]{4,200})/g,
    group: 1,
    describe: (v) => (isPasswordPlaceholder(v) ? { kind: '' } : { kind: 'secret' }),
  },
  {
    provider: 'generic',
    // SQL that sets a password, and MySQL's first-start log line: IDENTIFIED BY ..., SET PASSWORD FOR
    // ... = '...', WITH PASSWORD '...', "A temporary password is generated for root@localhost: ..."
    regex:
      /\b(?:IDENTIFIED[ \t]{1,3}BY(?:[ \t]{1,3}PASSWORD)?|SET[ \t]{1,3}PASSWORD[ \t]{1,3}FOR[^=\n]{1,100}=(?:[ \t]{0,3}PASSWORD\()?|WITH[ \t]{1,3}(?:ENCRYPTED[ \t]{1,3})?PASSWORD|temporary password is generated for[^:\n]{1,100}:)[ \t]{0,3}(["'`]?)([^\s"'`;)]{3,200})\1/gi,
    group: 2,
    describe: (v) => (isPasswordPlaceholder(v) ? { kind: '' } : { kind: 'password' }),
  },
  ...TOOL_ARGUMENT_PATTERNS,
  {
    provider: 'generic',
    // Git's prompt for a password, answered in the paste: Password for 'https://me@github.com': ...
    regex: /Password for '[^'\n]{1,200}':[ \t]{0,3}(\S{3,200})/g,
    group: 1,
    describe: (v) => (isPasswordPlaceholder(v) ? { kind: '' } : { kind: 'password' }),
  },
  {
    provider: 'generic',
    // Composer's auth.json: {"github-oauth": {"github.com": "..."}}, {"bearer": {"host": "..."}}
    regex:
      /"(?:github-oauth|gitlab-oauth|gitlab-token|bitbucket-oauth|bearer)"[ \t]{0,3}:[ \t]{0,3}\{[ \t\r\n]{0,40}"[^"\n]{1,200}"[ \t]{0,3}:[ \t]{0,3}"([^"\n]{6,200})"/g,
    group: 1,
    describe: (v) => nameValueDescribe('token', v),
  },
  {
    provider: 'generic',
    // An object named for a secret holding its value: terraform output -json's
    // "db_password": {"sensitive": true, "type": "string", "value": "..."}
    regex:
      /"([A-Za-z0-9_.-]{0,40}(?:password|passwd|secret|token|key)s?)"[ \t]{0,3}:[ \t]{0,3}\{[^{}]{0,300}?"value"[ \t]{0,3}:[ \t]{0,3}"([^"\n]{3,200})"/gi,
    group: 2,
    describe: (v, m) => nameValueDescribe(m[1] ?? '', v),
  },
  {
    provider: 'generic',
    // A name element and a value element: Maven's <name>Private-Token</name> <value>...</value>,
    // an HTML table's <td>API_KEY</td><td>...</td>
    regex:
      /<(name|t[dh])>[ \t]{0,3}([^<\n]{0,60}(?:token|key|secret|password|passwd|auth)[^<\n]{0,20})<\/\1>[ \t\r\n]{0,200}<(?:value|td)>[ \t]{0,3}([^<\s]{4,200})[ \t]{0,3}<\/(?:value|td)>/gi,
    group: 3,
    describe: (v, m) => nameValueDescribe(m[2] ?? '', v),
  },
  {
    provider: 'generic',
    // A Markdown table row naming a secret in its first cell: | Postgres admin password | ... |
    regex:
      /\|[ \t]{0,3}([^|\n]{0,60}(?:password|passwd|secret|token|api[ _-]?key)[^|\n]{0,20}?)[ \t]{0,3}\|[ \t]{0,3}`?([^|\s`]{4,200})`?[ \t]{0,3}\|/gi,
    group: 2,
    describe: (v, m) => nameValueDescribe(m[1] ?? '', v),
  },
  {
    provider: 'generic',
    // A CSV or a two-column line: API_KEY,... / DB_PASSWORD;...
    regex: /^([A-Za-z0-9_]{0,40}(?:KEY|TOKEN|SECRET|PASSWORD))[,;]([^\s,;]{8,200})[ \t]*$/gim,
    group: 2,
    describe: (v, m) => nameValueDescribe(m[1] ?? '', v),
  },
  {
    provider: 'generic',
    // A CSV whose header row names a secret column, and the row under it (an IAM console
    // export: User name,Password,Console sign-in URL): the cell in that column of the first row.
    regex:
      /^((?:[^,\n]{0,60},){0,12})([^,\n]{0,40}(?:password|passwd|secret|token|api[ _-]?key)[^,\n]{0,20})(?:,[^\n]{0,600})?\r?\n([^\n]{3,2000})/gim,
    group: 3,
    describe: (row, m) => {
      const header = m[0].slice(0, m[0].length - row.length);
      const column = (m[1] ?? '').split(',').length - 1;
      // a header is a CSV line of short names, at least two, and the row has as many cells
      const names = header.trimEnd().split(',');
      const cells = row.split(',');
      if (names.length < 2 || cells.length !== names.length || !names.every((n) => CSV_HEADER_CELL.test(n)))
        return { kind: '' };
      const cell = cells[column];
      if (cell === undefined) return { kind: '' };
      const skip = cells.slice(0, column).join(',').length + (column > 0 ? 1 : 0);
      const value = cell.replace(/\r$/, '');
      const d = nameValueDescribe(m[2] ?? '', value.trim());
      if (!d.kind || value.trim().length < 4) return { kind: '' };
      const lead = value.length - value.trimStart().length;
      return { ...d, skip: skip + lead, trim: row.length - skip - value.trimEnd().length };
    },
  },
  {
    provider: 'generic',
    // Session cookies by their names in code, logs and PowerShell: cookies: { sid: '...' },
    // New-Object System.Net.Cookie("PHPSESSID", "...")
    regex:
      /\b(?:sid|sessid|session_id|connect\.sid|PHPSESSID|JSESSIONID|laravel_session)["']?[ \t]{0,3}[:=,][ \t]{0,3}["']([^"'\s]{12,200})["']/g,
    group: 1,
    describe: () => ({ kind: 'session cookie' }),
  },
  {
    provider: 'generic',
    // An anti-forgery token beside a session ('csrf': '...', X-CSRF-Token: ..., _xsrf=...): it is
    // bound to the session and lets whoever holds both act as the user
    regex:
      /\b(?:csrf|xsrf|_csrf|_xsrf|csrf[-_]?token|xsrf[-_]?token|x-csrf-token|x-xsrf-token|csrftoken|csrfmiddlewaretoken)["']?[ \t]{0,3}[:=,][ \t]{0,3}["']?([A-Za-z0-9_+/=.-]{8,200})(?![A-Za-z0-9_+/=.-])/gi,
    group: 1,
    describe: (v) =>
      classCount(v) >= 2 && !isWordyValue(v) ? { kind: 'CSRF token', hideLast4: true } : { kind: '' },
  },
  {
    provider: 'generic',
    // Yarn's npmAuthIdent / npmAuthToken (user:password or a token)
    regex: /\bnpmAuth(?:Ident|Token)[ \t]{0,3}:[ \t]{0,3}["']?([^"'\s]{6,200})/g,
    group: 1,
    describe: (v) => (isPasswordPlaceholder(v) ? { kind: '' } : { kind: 'credential' }),
  },
  {
    provider: 'generic',
    // Swift's setValue("...", forHTTPHeaderField: "X-Api-Key"): the value comes before the header name
    regex:
      /setValue\([ \t]{0,3}"(?:Bearer[ \t]{1,3})?([^"\s]{8,200})"[ \t]{0,3},[ \t]{0,3}forHTTPHeaderField:[ \t]{0,3}"[^"\n]{0,40}(?:key|token|auth|secret)[^"\n]{0,20}"/gi,
    group: 1,
    describe: (v) => nameValueDescribe('key', v),
  },
  {
    provider: 'generic',
    // JDBC Oracle thin URLs carry user/password before the @: jdbc:oracle:thin:scott/...@host
    regex: /jdbc:oracle:thin:[^/\s@:]{1,60}\/([^@\s]{3,200})@/g,
    group: 1,
    describe: (v) => (isPasswordPlaceholder(v) ? { kind: '' } : { kind: 'password' }),
  },
  {
    provider: 'generic',
    // openssl passwd '...' (the password it hashes), and the response of an HTTP Digest header
    regex: /\bopenssl[ \t]{1,3}passwd\b[^\n'"]{0,40}(["'])([^"'\n]{3,200})\1/g,
    group: 2,
    describe: (v) => (isPasswordPlaceholder(v) ? { kind: '' } : { kind: 'password' }),
  },
  {
    provider: 'generic',
    regex: /\bDigest[ \t][^\n]{0,400}?\bresponse="([0-9a-f]{16,128})"/g,
    group: 1,
    describe: () => ({ kind: 'digest response' }),
  },
  {
    provider: 'generic',
    // A random segment of a URL path, judged on its own: APIs that take the key in the path
    // (https://eth-mainnet.g.alchemy.com/v2/<key>, .../macros/s/<id>/exec) put it between words
    // that make the whole run look like a path. Document and content ids (/file/d/<id>, /ipfs/<cid>)
    // are addresses, not keys.
    regex: /(?<=\/)[A-Za-z0-9_-]{32,200}(?![A-Za-z0-9_-])/g,
    describe: (v, m) => {
      const before = m.input.slice(Math.max(0, m.index - 12), m.index - 1);
      const previous = before.slice(before.lastIndexOf('/') + 1);
      return !PUBLIC_PATH_SEGMENT.test(previous) && !PUBLIC_START.test(v) && looksRandom(v)
        ? { kind: 'possible secret', live: false }
        : { kind: '' };
    },
  },
  {
    provider: 'generic',
    // Hex groups joined by dashes, more of them than a UUID has (a Guild Wars 2 key is two UUIDs in
    // one, 8-4-4-4-20-4-4-4-12): issued, not an id. A UUID (five groups) and a bare hash stay shown.
    regex: /(?<![A-Za-z0-9_-])[0-9A-Fa-f]{8}(?:-[0-9A-Fa-f]{4,20}){5,10}(?![A-Za-z0-9_-])/g,
    // (a number before a UUID is an upload's name: user-images.githubusercontent.com/1/60428188-<uuid>.png)
    describe: (v) =>
      v.replace(/-/g, '').length >= MIN_HEX_GROUPED_KEY && !NUMBERED_UUID.test(v)
        ? { kind: 'possible secret', live: false }
        : { kind: '' },
  },
  {
    provider: 'generic',
    // A password's hash where the API takes it as the credential (NAV's passwordHash), as code sets
    // it or a log prints it: passwordHash: ..., request:passwordHash - ..., hashed_password=...
    regex:
      /(?<![A-Za-z0-9])((?:password|passwd|pwd)[_-]?hash|hashed[_-]?password)(?:[ \t][^<>\n]{0,80}>|>|["'`]?(?:[ \t]{0,3}[:=][ \t]{0,3}|[ \t]{1,3}-[ \t]{1,3}|[ \t]{1,3})["'`]?)([A-Za-z0-9+/=$.]{8,512})/gi,
    group: 2,
    // not an XML attribute's name (cryptoType=) nor a word
    describe: (v) =>
      isPasswordPlaceholder(v) || isWordyValue(v) || /^[A-Za-z]+(?:=|$)/.test(v)
        ? { kind: '' }
        : { kind: 'password hash' },
  },
  {
    provider: 'generic',
    // An OAuth authorization code in a token request's JSON ("code": "..."): it buys the tokens.
    // An error's code is a word, a name or a number, never a random run.
    regex: /"code"[ \t]{0,3}:[ \t]{0,3}"([A-Za-z0-9_.~+/=-]{16,512})"/g,
    group: 1,
    describe: (v) => (looksRandom(v) || randomAlnum(v) ? { kind: 'authorization code' } : { kind: '' }),
  },
  {
    provider: 'generic',
    // A client id that is a long random run, as APIs that take it as their key issue it (Trakt's
    // 64 hex digits): nothing to diagnose in it. A UUID, a number or a Google client id stays shown.
    regex:
      /(?<![A-Za-z0-9])client[ _-]?id["'`]?(?:[ \t]{0,3}[:=][ \t]{0,3}|[ \t]{1,3})["'`]?([A-Za-z0-9]{32,128})(?![A-Za-z0-9._-])/gi,
    group: 1,
    describe: (v) =>
      /^[0-9a-f]+$/i.test(v) || looksRandom(v) || randomAlnum(v) ? { kind: 'client id' } : { kind: '' },
  },
  {
    provider: 'generic',
    // Last resort, in any context: a long run mixing lower case, upper case and digits is issued,
    // not typed (a bare AWS secret, an unknown provider's key). Hex ids and paths are left alone.
    // Public material is taken whole and left alone: subresource and lock-file integrity hashes,
    // SSH public keys, base64 data URLs.
    regex: new RegExp(
      `${PUBLIC_BLOB_RE}[A-Za-z0-9+/_-]{32,}={0,2}|${LAST_RESORT_START}[A-Za-z0-9+/_-]{32,}={0,2}`,
      'g',
    ),
    describe: (v) =>
      !PUBLIC_START.test(v) && looksRandom(v) ? { kind: 'possible secret', live: false } : { kind: '' },
  },
];
