/**
 * Credentials handed to code, commands and services without a name beside them: the arguments of
 * calls that take one (`login(user, "...")`, `new AzureKeyCredential("...")`, `setPassword("...")`,
 * `jwt.sign(payload, "...")`), DSNs, database and cache commands, CLI setters, and a value alone on
 * its line (a key pasted on its own, in a code fence or a spoiler). They run after the provider
 * shapes and before the context patterns. Every repetition is bounded (lookbehinds included), so
 * each runs in linear time on any input.
 */
import { B, type CredentialPattern } from './pattern-types.ts';
import {
  classCount,
  isCodeOrPath,
  isPasswordPlaceholder,
  nameValueDescribe,
  isWordyValue,
} from './value-judges.ts';

/** Names that say a value is a secret, for the patterns below. */
const SECRET_NAME =
  '(?:key|token|secret|password|passwd|pwd|pass|passphrase|credentials?|auth|authorization|signature)';

/** A literal argument: a password or key unless it is a placeholder, a reference or code. */
function literalDescribe(kind: string): (v: string) => { kind: string } {
  return (v) => {
    if (isPasswordPlaceholder(v) || isCodeOrPath(v) || /^[{$<%]/.test(v)) return { kind: '' };
    // a key argument that is a name (x-api-token, API_KEY), not a key
    if (
      kind !== 'password' &&
      (isWordyValue(v) || /^[a-z]+(?:[-_][a-z]+)+$/.test(v) || /^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*$/.test(v))
    )
      return { kind: '' };
    return { kind };
  };
}

/**
 * A literal handed to an SDK client: a key when it looks issued (two character classes, or a UUID
 * or long hex key), not a URL, host, path, model or setting name.
 */
function sdkArgumentDescribe(v: string): { kind: string } {
  if (isPasswordPlaceholder(v) || isCodeOrPath(v) || /[./:\\]/.test(v)) return { kind: '' };
  if (/^[a-z]+(?:[-_][a-z0-9]+)+$/.test(v) || /^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*$/.test(v)) return { kind: '' };
  const classes = Number(/[a-z]/.test(v)) + Number(/[A-Z]/.test(v)) + Number(/\d/.test(v));
  return classes >= 2 ? { kind: 'API key' } : { kind: '' };
}

/** A value alone on its line: issued-looking (two character classes, long), not a word, id or hash. */
function lineValueDescribe(v: string): { kind: string; live?: boolean } {
  const classes = Number(/[a-z]/.test(v)) + Number(/[A-Z]/.test(v)) + Number(/\d/.test(v));
  if (classes < 2 || isCodeOrPath(v)) return { kind: '' };
  // identifiers (SignatureDoesNotMatch, Coinbase_ApiException) and names with versions
  // (claude-3-5-sonnet-20240620) are words, not secrets
  if (!/\d/.test(v) && /^[A-Za-z_]+$/.test(v)) return { kind: '' };
  // a CamelCase name with a version (CompassTokenV2Backup), or a path with words (/usr/lib/x86_64-linux-gnu)
  if (/^(?:[A-Z][a-z]{2,}|[A-Z]{1,4}\d{0,2}|\d{1,3}){3,}$/.test(v)) return { kind: '' };
  if (v.includes('/') && v.split('/').some((part) => /^[a-z]{3,}$|^[a-z]+(?:[-_][a-z0-9]+)+$/.test(part)))
    return { kind: '' };
  if (/^[a-z]{2,}(?:[-_.][a-z0-9]+)+$/.test(v)) return { kind: '' };
  // commit ids (40 hex), short hashes and UUIDs are ids, not secrets
  if (/^[0-9a-f]{40}$/.test(v) || /^[0-9a-f]{8}-[0-9a-f]{4}-/i.test(v)) return { kind: '' };
  if (/^[0-9a-f]+$/i.test(v) && v.length < 32) return { kind: '' };
  return { kind: 'possible secret', live: false };
}

/** A property or array key that holds a secret in PHP's dumps (not `auth`, which `author` starts with). */
const DUMP_NAME =
  '[A-Za-z0-9_]{0,40}(?:key|token|secret|password|passwd|pwd|passphrase|credentials?|signature)[A-Za-z0-9_]{0,20}';

/** A dumped value under such a name is the secret itself, whatever its shape, unless it is a placeholder or code. */
function dumpedValueDescribe(v: string): { kind: string } {
  return literalDescribe('password')(v).kind ? { kind: 'secret' } : { kind: '' };
}

/** Go's flag.String("iam-token", / flag.StringVar(&v, "api-key", : a flag named for a secret, up to its default's comma. */
const GO_SECRET_FLAG =
  '\\bflag\\.(?:String|StringVar)[ \\t]{0,3}\\((?:[^,()\\n]{1,100},[ \\t]{0,3})?["\'][\\w-]{0,40}(?:token|key|secret|password|passwd|pwd|secret[-_]id|key[-_]id)["\'][ \\t]{0,3},';

export const CODE_PATTERNS: readonly CredentialPattern[] = [
  {
    provider: 'generic',
    // The key itself passed where the name of its variable belongs: getenv('sandbox_pkn9...'),
    // os.environ.get("sk9..."), process.env["..."]: no variable is named like an issued key
    regex:
      /(?:\bgetenv|\bos\.environ\.get|\bos\.environ|\bprocess\.env|\bENV\.fetch|\bENV|\bSystem\.getenv|\bEnvironment\.GetEnvironmentVariable)[ \t]{0,3}[([][ \t]{0,3}["']([A-Za-z0-9_.+/=-]{16,200})["']/g,
    group: 1,
    describe: (v) =>
      /[a-z]/.test(v) &&
      /[A-Z]/.test(v) &&
      /\d.*\d/.test(v) &&
      !/^[A-Z][A-Z0-9_]*$/.test(v) &&
      !isWordyValue(v)
        ? { kind: 'API key' }
        : { kind: '' },
  },
  {
    provider: 'generic',
    // Calls whose later string arguments are a password or token: login(user, "pw"),
    // NetworkCredential(user, pw), mysqli_connect(host, user, pw, db), new PDO(dsn, user, pw),
    // keyring.set_password(svc, user, pw), AuthenticationHeaderValue("Bearer", tok),
    // basic_auth("u", Some("pw")), jwt.sign(payload, "secret"), createHmac("sha256", "key")
    regex:
      /(?<=\b(?:login|NetworkCredential|UsernamePasswordCredentials|PasswordAuthentication|PasswordCredential|basic_auth|BasicAuth|mysqli_connect|mysql_connect|PDO|set_password|AuthenticationHeaderValue|jwt\.sign|jwt\.verify|jwt\.encode|createHmac|hmac\.new|Hmac(?:SHA256|Sha256)?)[ \t]{0,3}\([^()\n]{0,200}?,[ \t]{0,3}(?:Some\()?)["']([^"'\n]{3,200})["']/g,
    group: 1,
    describe: literalDescribe('password'),
  },
  {
    provider: 'generic',
    // Calls and builders taking the key itself: new AzureKeyCredential("..."), setPassword("..."),
    // .apiKey("..."), option.WithAPIKey("..."), .bearer_auth("..."), setToken("...")
    regex:
      /\b(?:AzureKeyCredential|AzureNamedKeyCredential|ApiKeyCredential|KeyCredential|AzureSasCredential|bearer_auth|bearerAuth|With(?:API|Api)Key|WithToken|WithCredentials|set_?(?:password|api_?key|apikey|token|secret|access_?token|auth_?token)|with_(?:api_?key|token|bearer_token|auth_token|secret)|api_?key|apiKey|accessToken|authToken)[ \t]{0,3}\([ \t]{0,3}["']([^"'\s]{3,200})["']/gi,
    group: 1,
    describe: literalDescribe('API key'),
  },
  {
    provider: 'generic',
    // A key passed as the only or first argument of an SDK client: cohere.Client("..."),
    // openai.NewClient("..."), new StripeClient("..."), OpenAI::client('...'), Anthropic("...")
    regex:
      /\b(?:new[ \t]{1,3})?(?:[A-Za-z_]\w{0,40}(?:\.|::))?(?:[A-Z]\w{0,40})?(?:Client|client|NewClient|Api|API|Sdk|SDK|OpenAI|Anthropic|Groq|Mistral|Cohere)[ \t]{0,3}\([ \t]{0,3}["']([^"'\s]{16,200})["'][ \t]{0,3}[,)]/g,
    group: 1,
    describe: (v) => sdkArgumentDescribe(v),
  },
  {
    provider: 'generic',
    // A command-line option that names a secret, defined with its value as the default: Go's
    // flag.String("iam-token", "...", usage), argparse's add_argument("--api-key", default="..."),
    // click.option("--token", default="...")
    regex: new RegExp(
      `(?:${GO_SECRET_FLAG}|\\b(?:add_argument|option)[ \\t]{0,3}\\([^()\\n]{0,100}?["']-{1,2}[\\w-]{0,40}(?:token|key|secret|password|passwd)["'][^()\\n]{0,200}?\\bdefault[ \\t]{0,3}=)[ \\t]{0,3}["']([^"'\\n]{3,200})["']`,
      'gi',
    ),
    group: 1,
    describe: literalDescribe('secret'),
  },
  {
    provider: 'generic',
    // ...and the same value written again as the Go flag's usage text: flag.String("secret-id",
    // "e6q...", "e6q...") (the usage of a real flag is a sentence, which stays)
    regex: new RegExp(
      `${GO_SECRET_FLAG}[ \\t]{0,3}["'][^"'\\n]{0,200}["'][ \\t]{0,3},[ \\t]{0,3}["']([^"'\\s]{8,200})["']`,
      'gi',
    ),
    group: 1,
    describe: (v) => sdkArgumentDescribe(v),
  },
  {
    provider: 'generic',
    // PHP's var_dump of an array or object: ["password":protected]=> string(9) "...",
    // ["api_key"]=> string(32) "...", ["secret":"Client":private]=> string(40) "..."
    regex: new RegExp(
      `\\["${DUMP_NAME}"(?::"[^"\\]\\n]{1,100}")?(?::(?:protected|private|public))?\\]=>[ \\t\\r\\n]{0,20}string\\(\\d{1,6}\\)[ \\t]{0,3}"([^"\\n]{3,500})"`,
      'gi',
    ),
    group: 1,
    describe: dumpedValueDescribe,
  },
  {
    provider: 'generic',
    // ...and print_r's: [password] => ..., [api_key:protected] => ... (up to the line's end)
    regex: new RegExp(
      `\\[${DUMP_NAME}(?::[A-Za-z0-9_\\\\]{1,100})?(?::(?:protected|private|public))?\\][ \\t]{0,3}=>[ \\t]{0,3}(?!(?:Array|[A-Za-z_\\\\]{1,100}[ \\t]Object|NULL)\\b)([^\\s]{3,300})`,
      'gi',
    ),
    group: 1,
    describe: dumpedValueDescribe,
  },
  {
    provider: 'generic',
    // JDBC: DriverManager.getConnection(url, "user", "password"): the third argument
    regex:
      /\bgetConnection[ \t]{0,3}\([^,()\n]{1,200},[ \t]{0,3}[^,()\n]{1,100},[ \t]{0,3}["']([^"'\n]{3,200})["']/g,
    group: 1,
    describe: literalDescribe('password'),
  },
  {
    provider: 'generic',
    // Tools that take a secret as a plain argument: cargo login X, poetry config http-basic.R user X,
    // composer config github-oauth.github.com X, htpasswd -b file user X, az keyvault secret set
    // ... --value X, sqlplus user/X@db
    regex:
      /(?:\bcargo[ \t]{1,3}login[ \t]{1,3}|\bpoetry[ \t]{1,3}config[ \t]{1,3}http-basic\.\S{1,100}[ \t]{1,3}\S{1,100}[ \t]{1,3}|\bpoetry[ \t]{1,3}config[ \t]{1,3}pypi-token\.\S{1,100}[ \t]{1,3}|\bcomposer[ \t]{1,3}config[ \t]{1,3}(?:--global[ \t]{1,3})?(?:github-oauth|gitlab-token|bearer)\.\S{1,100}[ \t]{1,3}|\bhtpasswd[ \t]{1,3}(?:-\w{1,4}[ \t]{1,3}){0,4}\S{1,200}[ \t]{1,3}\S{1,100}[ \t]{1,3}|\baz[ \t]{1,3}keyvault[ \t]{1,3}secret[ \t]{1,3}set\b[^\n|;&]{0,300}?--value[ \t]{1,3}|\bsqlplus[ \t]{1,3}[A-Za-z0-9_$#]{1,30}\/(?=[^\s@/]{3,200}@))["']?([^\s"'@]{3,200})/g,
    group: 1,
    describe: literalDescribe('secret'),
  },
  {
    provider: 'generic',
    // PowerShell: ConvertTo-SecureString "pw" -AsPlainText
    regex: /ConvertTo-SecureString[ \t]{1,3}(?:-String[ \t]{1,3})?["']([^"'\n]{3,200})["']/gi,
    group: 1,
    describe: literalDescribe('password'),
  },
  {
    provider: 'generic',
    // .NET: a PFX certificate's password as the literal after its bytes or path,
    // new X509Certificate2(File.ReadAllBytes(path), "pw", flags) or X509CertificateLoader.LoadPkcs12(bytes, "pw")
    regex:
      /\b(?:X509Certificate2|LoadPkcs12(?:FromFile)?)[ \t]{0,3}\((?:@?"[^"\n]{0,200}"|[^()"'\n@]|@(?!")|\([^()"'\n]{0,200}\)){1,300},[ \t]{0,3}@?"([^"\n]{3,200})"/g,
    group: 1,
    describe: literalDescribe('password'),
  },
  {
    provider: 'generic',
    // Android Gradle: buildConfigField("String", "API_KEY", "\"...\"") and the Groovy form without
    // parentheses (the scan copy blanks the escaped quote to two spaces)
    regex: new RegExp(
      `buildConfigField(?:[ \\t]{0,3}\\(|[ \\t]{1,3})[ \\t]{0,3}"[^"]{1,40}"[ \\t]{0,3},[ \\t]{0,3}"[A-Za-z0-9_]{0,40}${SECRET_NAME}[A-Za-z0-9_]{0,20}"[ \\t]{0,3},[ \\t]{0,3}"(?:\\\\"|  )?([^"\\\\\\s]{3,200})`,
      'gi',
    ),
    group: 1,
    describe: literalDescribe('API key'),
  },
  {
    provider: 'generic',
    // Go MySQL DSN without a scheme: user:password@tcp(host:port)/db
    regex: /(?<![A-Za-z0-9_.-])[A-Za-z0-9_.-]{1,64}:([^\s@"'`]{1,200})@(?:tcp|unix|udp)\(/g,
    group: 1,
    describe: literalDescribe('password'),
  },
  {
    provider: 'generic',
    // a token as a URL's user, with no password: https://<token>@host
    regex: /\bhttps?:\/\/([A-Za-z0-9_-]{20,200})@/g,
    group: 1,
    describe: (v) => lineValueDescribe(v),
  },
  {
    provider: 'generic',
    // .pgpass: host:port:database:user:password
    regex: /^[ \t]*[^\s:]{1,100}:(?:\d{1,5}|\*):[^\s:]{1,100}:[^\s:]{1,100}:(\S{3,200})[ \t]*$/gm,
    group: 1,
    describe: literalDescribe('password'),
  },
  {
    provider: 'generic',
    // Redis: requirepass / masterauth in redis.conf, AUTH in redis-cli, redis-cli -a
    regex:
      /(?:\b(?:requirepass|masterauth)[ \t]{1,5}["']?|^[ \t]*(?:>[ \t]*)?AUTH[ \t]{1,5}(?:[^\s]{1,64}[ \t]{1,5}(?=\S{3,}[ \t]*$))?|\bredis-cli\b[^\n|;&]{0,200}?[ \t]-a[ \t]{1,3}["']?)([^\s"']{3,200})/gm,
    group: 1,
    describe: literalDescribe('password'),
  },
  {
    provider: 'generic',
    // SQL: CREATE USER ... IDENTIFIED BY 'pw', ALTER USER ... IDENTIFIED WITH plugin BY 'pw'
    regex:
      /\bIDENTIFIED[ \t]{1,3}(?:WITH[ \t]{1,3}\w{1,40}[ \t]{1,3})?BY[ \t]{1,3}["']([^"'\n]{3,200})["']/gi,
    group: 1,
    describe: literalDescribe('password'),
  },
  {
    provider: 'generic',
    // CLI setters: npm/yarn config set ..._authToken X, dotnet user-secrets set "ApiKey" "X",
    // gh secret set NAME --body "X"
    regex: new RegExp(
      `(?:\\b(?:config|user-secrets)[ \\t]{1,3}set[ \\t]{1,3}["']?([^\\s"']{0,100}${SECRET_NAME})["']?(?:[ \\t]{1,3}|=)["']?|\\bgh[ \\t]{1,3}secret[ \\t]{1,3}set[ \\t]{1,3}\\S{1,100}[ \\t]{1,3}(?:--body|-b)[ \\t]{1,3}["']?)([^\\s"']{3,200})`,
      'gi',
    ),
    group: 2,
    describe: (v, m) => (m[1] ? nameValueDescribe(m[1], v) : literalDescribe('secret')(v)),
  },
  {
    provider: 'generic',
    // Password flags of other tools: mongosh -p, oc/az login -p, sqlcmd -P, ldapsearch -w,
    // keytool -storepass/-keypass, HTTPie -a user:pw
    regex:
      /\b(?:mongo|mongosh|mongodump|mongorestore|mongoexport|mongoimport|oc[ \t]{1,3}login|az[ \t]{1,3}login|sqlcmd|bcp|ldapsearch|ldapmodify|ldapadd|ldapdelete|keytool|jarsigner|http|https)\b[^\n|;&]{0,200}?[ \t](?:-p|-P|-w|-storepass|-keypass|-a|--auth)[ \t]{1,3}["']?(?:[^\s:"']{1,64}:)?([^\s"'-][^\s"']{2,200})/g,
    group: 1,
    describe: literalDescribe('password'),
  },
  {
    provider: 'generic',
    // curl -b / --cookie 'a=b; c=d' (Chrome's "Copy as cURL")
    regex: /(?<![^\s'"(])(?:-b|--cookie)[ \t]{1,3}["']([^"'\n]{3,2000})["']/g,
    group: 1,
    describe: (v) => (v.includes('=') ? { kind: 'cookie', hideLast4: true } : { kind: '' }),
  },
  {
    provider: 'generic',
    // Terraform: variable "db_password" { default = "..." }
    regex: new RegExp(
      `\\bvariable[ \\t]{1,3}"[A-Za-z0-9_-]{0,60}${SECRET_NAME}[A-Za-z0-9_-]{0,20}"[ \\t]{0,3}\\{[^}]{0,300}?\\bdefault[ \\t]{0,3}=[ \\t]{0,3}"([^"\\n]{3,200})"`,
      'gi',
    ),
    group: 1,
    describe: literalDescribe('secret'),
  },
  {
    provider: 'generic',
    // Gmail and Apple app passwords, four groups of four letters, unquoted after a password name
    regex:
      /(?<![A-Za-z0-9_])[A-Za-z0-9_]{0,40}?(?:pass|password|passwd|pwd)\w{0,20}["']?[ \t]{0,3}[:=][ \t]{0,3}([a-z]{4} [a-z]{4} [a-z]{4} [a-z]{4})\b/gi,
    group: 1,
    describe: () => ({ kind: 'password' }),
  },
  {
    provider: 'generic',
    // A literal that goes on with another, concatenated: "sk-proj-abc..." + "def...": the key was
    // split to fit a line, so what follows an issued-looking literal is the rest of it
    regex:
      /(?<=["'`]([A-Za-z0-9_+/=-]{12,200})["'`][ \t]{0,3}\+[ \t]{0,3}(?:\r?\n[ \t]{0,40})?)(["'`])([A-Za-z0-9_+/=-]{4,200})\2/g,
    group: 3,
    describe: (_v, m) => {
      const head = m[1] ?? '';
      return classCount(head) >= 2 && /\d/.test(head) && !isWordyValue(head) && !isCodeOrPath(head)
        ? { kind: 'secret' }
        : { kind: '' };
    },
  },
  {
    provider: 'generic',
    // A value alone on its line (pasted on its own, in a code fence, a quote or a spoiler), not
    // the body of a public key or certificate block
    regex: new RegExp(
      `^(?<!-----BEGIN [A-Z ]{0,30}(?:PUBLIC KEY|CERTIFICATE|PUBLIC KEY BLOCK)-----\\r?\\n)[ \\t>]{0,10}(?:\`{1,3}|\\|\\||\\*\\*)?${B}([A-Za-z0-9_+/-]{20,200}={0,2})(?:\`{1,3}|\\|\\||\\*\\*)?[ \\t]*$`,
      'gm',
    ),
    group: 1,
    describe: (v) => lineValueDescribe(v),
  },
];
