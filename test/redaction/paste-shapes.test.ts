/**
 * Shapes in which people paste credentials, found leaking by three adversarial audits (2026-12-02):
 * each is fed opaque random values, which nothing but the shape around them marks as secret, and
 * no 8-character run of a value may survive redaction. Values are built at run time (seeded).
 */
import { describe, expect, it } from 'vitest';
import { capHeadAndTail } from '../../src/redaction/cap.ts';
import { redactDeep, redactedJson } from '../../src/redaction/redact-json.ts';
import { redactSecrets } from '../../src/redaction/redact.ts';
import { Writable } from 'node:stream';
import { createLogger } from '../../src/log/logger.ts';
import { seededRandom } from '../support/seeded-random.ts';

const r = seededRandom(0x5eed_2026);
const UPPER = 'ABCDEFGHJKLMNPQRSTUVWXYZ';
const LOWER = 'abcdefghjkmnpqrstuvwxyz';
const DIGITS = '23456789';
const pick = (from: string) => from[Math.floor(r() * from.length)]!;
const chars = (n: number, from: string) => Array.from({ length: n }, () => pick(from)).join('');
/** An opaque token below the length at which a bare run counts as "possible secret" (32). */
function opaque(n = 24): string {
  for (;;) {
    const s = chars(n, UPPER + LOWER + DIGITS);
    if (/[a-z]/.test(s) && /[A-Z]/.test(s) && /\d/.test(s)) return s;
  }
}
/** A password as people choose them: a capital, small letters, digits and a symbol. */
const password = () =>
  `${pick(UPPER)}${chars(4, LOWER)}${chars(2, DIGITS)}${pick('!#%+')}${chars(3, LOWER)}${pick(DIGITS)}`;
const hex = (n: number) => chars(n, '0123456789abcdef');
const deeplKey = () => `${hex(8)}-${hex(4)}-${hex(4)}-${hex(4)}-${hex(12)}:fx`;
/** Capitals and digits only, as some providers issue key ids (at least three digits). */
function capitalsAndDigits(): string {
  for (;;) {
    const s = chars(18, UPPER + DIGITS);
    if (s.replace(/\D/g, '').length >= 3 && s.replace(/\d/g, '').length >= 3) return s;
  }
}
/** Small letters and digits, as many issued tokens are (at least three digits). */
function lowerAndDigits(): string {
  for (;;) {
    const s = chars(40, LOWER + DIGITS);
    if (s.replace(/\D/g, '').length >= 3) return s;
  }
}
const j = (...parts: string[]) => parts.join('');
const b64 = (s: string) => Buffer.from(s).toString('base64');

/** The first 8-character run of `secret` found in `text`, or undefined. */
function leakedRun(text: string, secret: string): string | undefined {
  for (let i = 0; i + 8 <= secret.length; i++)
    if (text.includes(secret.slice(i, i + 8))) return secret.slice(i, i + 8);
  return undefined;
}

const SHAPES: [string, (secret: string) => string, () => string][] = [
  ['a Bearer value in inline code', (t) => `I send Authorization: Bearer \`${t}\` and get 401`, opaque],
  ['a Bearer value wrapped onto the next line', (t) => `Authorization: Bearer\n  ${t}`, opaque],
  ['a header set by index', (t) => `headers["x-api-key"] = "${t}"`, opaque],
  ['a header set by a call', (t) => `req.setHeader('x-api-key', '${t}')`, opaque],
  ['a header in a builder', (t) => `.header("X-Api-Key", "${t}")`, opaque],
  ['os.environ by index', (t) => `os.environ["OPENAI_API_KEY"] = "${t}"`, opaque],
  ['a getenv default', (t) => `api_key = os.getenv("API_KEY", "${t}")`, opaque],
  ['a Kubernetes env list', (t) => `env:\n  - name: API_KEY\n    value: "${t}"`, opaque],
  ['a typed Python field', (t) => `openai_api_key: str = "${t}"`, opaque],
  ['a typed TypeScript const', (t) => `const apiKey: string = "${t}";`, opaque],
  ['a name with a suffix', (t) => `OPENAI_API_KEY_PROD=${t}`, opaque],
  ['aligned assignment', (t) => `API_KEY      = ${t}`, opaque],
  ['smart quotes', (t) => `{“api_key”: “${t}”}`, opaque],
  ['a Dockerfile ENV', (t) => `ENV API_KEY ${t}`, opaque],
  ['setx', (t) => `setx OPENAI_API_KEY "${t}"`, opaque],
  ['fish set -gx', (t) => `set -gx OPENAI_API_KEY ${t}`, opaque],
  ['a markdown table', (t) => `| API_KEY | ${t} |`, opaque],
  ['a .NET setting', (t) => `<add key="ApiKey" value="${t}" />`, opaque],
  ['an XML password', (t) => `<password>${t}</password>`, password],
  ['a .netrc entry', (t) => `machine api.example.test login me password ${t}`, password],
  ['a --password flag', (t) => `mycli connect --user me --password ${t}`, password],
  ['an --api-key flag', (t) => `tool deploy --api-key ${t}`, () => hex(32)],
  ['mysql -p', (t) => `mysql -h db -u root -p${t} app`, password],
  ['docker login -p', (t) => `docker login -u me -p ${t} registry.example.test`, password],
  ['sshpass -p', (t) => `sshpass -p '${t}' ssh me@host`, password],
  ['a password holding $', (t) => `DB_PASSWORD=${t.slice(0, 5)}$${t.slice(5)}`, password],
  ['a password starting with $', (t) => `password=$${t}`, password],
  ['a password holding a placeholder-like word', (t) => `MYSQL_PASSWORD=Resample${t}`, password],
  [
    'a password made of few characters',
    (t) => `DB_PASSWORD=${t.slice(0, 4).repeat(2)}`,
    () => chars(4, DIGITS) + chars(4, DIGITS),
  ],
  ['a password starting with r, b, u or f', (t) => `password=b${t}`, password],
  ['a quoted passphrase', (t) => `password="${t} ${t.split('').reverse().join('')}"`, password],
  ['a password with a quote inside', (t) => `password="${t.slice(0, 4)}'${t.slice(4)}"`, password],
  [
    'a URL password with an @',
    (t) => `postgres://app:${t.slice(0, 4)}@${t.slice(4)}@db.example.test:5432/app`,
    password,
  ],
  ['a URL with an e-mail user', (t) => `https://me@example.test:${t}@git.example.test/repo.git`, password],
  ['basic auth built with btoa', (t) => `Authorization: 'Basic ' + btoa('admin:${t}')`, password],
  ['basic auth built with b64encode', (t) => `"Basic " + base64.b64encode(b"admin:${t}")`, password],
  [
    'basic auth built in a shell',
    (t) => `-H "Authorization: Basic $(echo -n 'admin:${t}' | base64)"`,
    password,
  ],
  ['aiohttp BasicAuth', (t) => `aiohttp.BasicAuth("admin", "${t}")`, password],
  ['a short raw Authorization value', (t) => `Authorization: ${t}`, () => opaque(16)],
  ['Authorization: ApiKey', (t) => `Authorization: ApiKey ${t}`, opaque],
  ['Authorization: SSWS', (t) => `Authorization: SSWS 00${t}`, opaque],
  ['Authorization: Key', (t) => `Authorization: Key ${t}`, () => `${hex(8)}-${hex(4)}:${hex(32)}`],
  [
    'a SigV4 signature',
    (t) =>
      `Authorization: AWS4-HMAC-SHA256 Credential=x/20260101/us-east-1/s3/aws4_request, SignedHeaders=host, Signature=${t}`,
    () => hex(64),
  ],
  [
    'a cookie beside a JWT',
    (t) =>
      `Cookie: PHPSESSID=${t}; auth=${j('eyJ', 'hbGciOiJIUzI1NiJ9')}.${j('eyJ', 'zdWIiOiIxIn0')}.${opaque(43)}`,
    () => hex(26),
  ],
  ['a Twilio client', (t) => `Client("AC${hex(32)}", "${t}")`, () => hex(32)],
  ['a Slack client token', (t) => `${j('xo', 'xc')}-${chars(12, DIGITS)}-${t}`, () => hex(64)],
  ['a key stated in prose', (t) => `my token is ${t} and it fails`, opaque],
  ['a password stated in prose', (t) => `the password is ${t} but login fails`, password],
  ['a hex key after the word', (t) => `my azure openai key ${t} gives 401`, () => hex(32)],
  [
    'a shell line continuation',
    (t) => `export OPENAI_API_KEY=${j('sk', '-proj-')}${t.slice(0, 22)}\\\n${t.slice(22)}`,
    () => opaque(48),
  ],
  [
    'Python implicit string concatenation',
    (t) => `api_key = ("${j('sk', '-proj-')}${t.slice(0, 22)}"\n           "${t.slice(22)}")`,
    () => opaque(48),
  ],
  [
    'a JavaScript string concatenation',
    (t) => `const key = '${j('sk', '-proj-')}${t.slice(0, 22)}' +\n  '${t.slice(22)}';`,
    () => opaque(48),
  ],
  [
    'a quoted mail line',
    (t) => `> OPENAI_API_KEY=${j('sk', '-proj-')}${t.slice(0, 22)}\n> ${t.slice(22)}`,
    () => opaque(48),
  ],
  [
    'a deep indent',
    (t) => `"key": "${j('sk', '-proj-')}${t.slice(0, 22)}\n${' '.repeat(44)}${t.slice(22)}"`,
    () => opaque(48),
  ],
  // round 2 of the audit (2026-12-02)
  ['a single-word password', (t) => `DB_PASSWORD=${t}`, () => `${pick(UPPER)}${chars(7, LOWER)}`],
  ['a URL password before a query', (t) => `mongodb://admin:${t}@localhost:27017?authSource=admin`, password],
  ['a URL in angle brackets', (t) => `<postgres://app:${t}@db.example.test>`, password],
  ['a password wrapped in percent signs', (t) => `DB_PASSWORD=%${t}%`, password],
  ['a key alone on its line', (t) => `here is my key\n${t}\nthanks`, opaque],
  ['a hex key in a code fence', (t) => `my azure key\n\`\`\`\n${t}\n\`\`\``, () => hex(32)],
  ['a key on the line after "key:"', (t) => `here is my API key:\n${t}`, opaque],
  ['a name suffixed with a digit', (t) => `API_KEY_2=${t}`, opaque],
  ['a name suffixed with a region', (t) => `API_KEY_EU=${t}`, opaque],
  ['a HAR header', (t) => `{"name": "x-api-key", "value": "${t}"}`, opaque],
  ['a Postman variable', (t) => `{"key":"apiKey","value":"${t}"}`, opaque],
  ['a CloudFormation parameter', (t) => `{"ParameterKey": "DbPassword", "ParameterValue": "${t}"}`, password],
  ['an OpenWeather appid', (t) => `/data/2.5/weather?q=London&appid=${t}`, () => hex(32)],
  ['a Go MySQL DSN', (t) => `sql.Open("mysql", "root:${t}@tcp(127.0.0.1:3306)/app")`, password],
  ['smtplib login', (t) => `server.login("me@example.test", "${t}")`, password],
  ['mysqli_connect', (t) => `mysqli_connect("localhost", "root", "${t}", "app")`, password],
  ['an AzureKeyCredential', (t) => `new AzureKeyCredential("${t}")`, () => hex(32)],
  ['a setter', (t) => `config.setPassword("${t}")`, password],
  ['a bearer header value object', (t) => `new AuthenticationHeaderValue("Bearer", "${t}")`, opaque],
  ['a JWT signing secret', (t) => `jwt.sign({ sub: 1 }, "${t}")`, opaque],
  ['ConvertTo-SecureString', (t) => `ConvertTo-SecureString "${t}" -AsPlainText -Force`, password],
  ['a token as the URL user', (t) => `git clone https://${t}@git.example.test/r.git`, opaque],
  ['a .pgpass line', (t) => `db.example.test:5432:app:app:${t}`, password],
  ['Redis requirepass', (t) => `requirepass ${t}`, password],
  ['MySQL IDENTIFIED BY', (t) => `CREATE USER 'app'@'%' IDENTIFIED BY '${t}';`, password],
  ['gh secret set', (t) => `gh secret set API_KEY --body "${t}"`, opaque],
  ['mongosh -p', (t) => `mongosh --host db -u admin -p ${t}`, password],
  ['curl -b', (t) => `curl 'https://app.example.test' -b 'PHPSESSID=${t}; theme=dark'`, () => hex(26)],
  ['a Terraform default', (t) => `variable "db_password" {\n  default = "${t}"\n}`, password],
  [
    'a Gmail app password',
    (t) => `EMAIL_PASS: ${t}`,
    () => [0, 1, 2, 3].map(() => chars(4, LOWER)).join(' '),
  ],
  [
    'an Azure DevOps PAT',
    (t) => `AZURE_DEVOPS_EXT_PAT ${t}`,
    () => chars(52, 'abcdefghijklmnopqrstuvwxyz234567'),
  ], // round 3 (2026-12-02): labels in other languages, tools' output, SDK arguments, REPLs
  ['a Chinese label', (t) => `我的密钥: ${t} 一直报401`, opaque],
  ['a Chinese label with a fullwidth colon', (t) => `API密钥：${t}`, opaque],
  ['a Chinese password label', (t) => `数据库密码：${t}`, password],
  ['a Japanese label', (t) => `APIキー=${t}`, opaque],
  ['a Japanese password label', (t) => `パスワード: ${t}`, password],
  ['a Korean password label', (t) => `비밀번호: ${t}`, password],
  ['a Korean key label', (t) => `API 키: ${t}`, () => hex(32)],
  ['a Spanish sentence', (t) => `mi clave de API es ${t} y da error 401`, opaque],
  ['a Spanish password label', (t) => `contraseña: ${t}`, password],
  ['a Portuguese label', (t) => `minha chave: ${t}`, opaque],
  ['a Portuguese password label', (t) => `senha: ${t}`, password],
  ['a German label', (t) => `API-Schlüssel: ${t}`, opaque],
  ['a German password label', (t) => `Passwort: ${t}`, password],
  ['a Russian label', (t) => `мой ключ API: ${t}`, opaque],
  ['a Russian password label', (t) => `пароль: ${t}`, password],
  ['a Russian bot token label', (t) => `токен бота: ${t}`, opaque],
  ['a French label', (t) => `ma clé API : ${t}`, () => hex(32)],
  ['a French password label', (t) => `mot de passe : ${t}`, password],
  ['an Italian sentence', (t) => `la mia chiave API è ${t}`, opaque],
  ['a Turkish password label', (t) => `şifre: ${t}`, password],
  ['a positional SDK key', (t) => `co = cohere.Client("${t}")`, () => hex(32)],
  [
    'a Go client',
    (t) => `client := openai.NewClient("${t}")`,
    () => `${hex(8)}-${hex(4)}-4${hex(3)}-a${hex(3)}-${hex(12)}`,
  ],
  ['a C# client', (t) => `var client = new StripeClient("${t}");`, opaque],
  ['a PHP client', (t) => `$client = OpenAI::client('${t}');`, opaque],
  ['a Rust builder', (t) => `OpenAIConfig::new().with_api_key("${t}")`, opaque],
  ['JDBC getConnection', (t) => `DriverManager.getConnection(url, "app", "${t}");`, password],
  ['a wp-config salt', (t) => `define( 'AUTH_KEY',         '${t}' );`, password],
  ['Groovy buildConfigField', (t) => `buildConfigField "String", "API_KEY", "\\"${t}\\""`, opaque],
  ['an ARM parameter', (t) => `"adminPassword": {\n  "value": "${t}"\n}`, password],
  ['a Bicep parameter', (t) => `@secure()\nparam openAiKey string = '${t}'`, () => hex(32)],
  [
    'az keyvault secret show',
    (t) =>
      `{\n  "id": "https://kv.vault.azure.net/secrets/conn/0a1b",\n  "name": "conn",\n  "tags": {},\n  "value": "${t}"\n}`,
    password,
  ],
  ['az keys list', (t) => `{\n  "key1": "${t}",\n  "key2": "${t}"\n}`, () => hex(32)],
  [
    'az keyvault secret set',
    (t) => `az keyvault secret set --vault-name kv --name db-password --value ${t}`,
    password,
  ],
  ['az appsettings', (t) => `{"name": "OPENAI_KEY", "slotSetting": false, "value": "${t}"}`, () => hex(32)],
  ['Secrets Manager', (t) => `{"Name": "prod/openai", "SecretString": "${t}"}`, opaque],
  [
    'SSM get-parameter',
    (t) => `{"Parameter": {"Name": "/prod/api-key", "Type": "SecureString", "Value": "${t}"}}`,
    opaque,
  ],
  ['an Info.plist pair', (t) => `<key>API_KEY</key>\n<string>${t}</string>`, () => hex(32)],
  ['an Info.plist line', (t) => `<key>RevenueCatAPIKey</key><string>${t}</string>`, opaque],
  [
    'AndroidManifest meta-data',
    (t) => `<meta-data\n    android:name="com.facebook.sdk.ClientToken"\n    android:value="${t}" />`,
    () => hex(32),
  ],
  ['a NuGet password', (t) => `<add key="ClearTextPassword" value="${t}" />`, password],
  ['a notebook Out[]', (t) => `In [3]: os.environ["OPENAI_API_KEY"]\nOut[3]: '${t}'`, opaque],
  ['a Python REPL echo', (t) => `>>> client.api_key\n'${t}'`, opaque],
  ['a Node REPL echo', (t) => `> process.env.API_TOKEN\n'${t}'`, () => hex(32)],
  ['printed on the next line', (t) => `print(os.getenv("API_KEY"))\n${t}`, () => opaque(18)],
  ['DevTools header rows', (t) => `x-api-key\n${t}`, password],
  ['a YAML block scalar', (t) => `db:\n  password: |\n    ${t}`, password],
  ['a flow-style env entry', (t) => `env: [{name: API_KEY, value: ${t}}]`, opaque],
  ['a table row with a spaced name', (t) => `| Setting | Value |\n|---|---|\n| api key | ${t} |`, opaque],
  ['HTML named entities', (t) => `&quot;api_key&quot;: &quot;${t}&quot;`, opaque],
  ['HTML entities in a console log', (t) => `&lt;password&gt;${t}&lt;/password&gt;`, password],
  ['a plural env name', (t) => `OPENAI_API_KEYS=${t},${t}`, opaque],
  ['an _PW env name', (t) => `MYSQL_ROOT_PW=${t}`, password],
  [
    'a value containing $',
    (t) => `SECRET_KEY = '${t}'`,
    () => `${chars(10, LOWER)}$${chars(10, LOWER + DIGITS)}`,
  ],
  ['a struck-through old key', (t) => `old key ~~${t}~~ new one below`, opaque],
  ['words between name and value', (t) => `the webhook secret I set in GitHub was ${t}`, opaque],
  ['a value before its name', (t) => `I am using ${t} as my api key`, opaque],
  ['a value with an arrow to its name', (t) => `${t} <- that is my token`, opaque],
  ['a comma after the name', (t) => `here is the key, ${t}, it worked yesterday`, opaque],
  ['the key emoji', (t) => `🔑 ${t}`, opaque],
  ['an emoji arrow', (t) => `my api key 👉 ${t}`, opaque],
  ['emoji in front of a labelled key', (t) => `🔑🔑🔑🔑🔑🔑 token: ${t} ok`, opaque],
  ['a no-break space inside a value', (t) => `API_KEY=${t.slice(0, 12)}\u00A0${t.slice(12)}`, opaque],
  [
    'an unencoded / in a URL password',
    (t) => `mongodb+srv://admin:${t}@cluster0.ab1cd.mongodb.net/`,
    () => `${password()}/${chars(4, LOWER)}`,
  ],
  [
    'a Dynatrace token',
    (t) => `Authorization: Api-Token dt0c01.ST2EY72KQINMH574WMNVI7YN.${t}`,
    () => opaque(40),
  ],
  ['cargo login', (t) => `cargo login ${t}`, opaque],
  ['poetry http-basic', (t) => `poetry config http-basic.internal deploy ${t}`, password],
  ['htpasswd -b', (t) => `htpasswd -b -c .htpasswd admin ${t}`, password],
  ['sqlplus user/password@', (t) => `sqlplus scott/${t}@//db.example.test:1521/ORCL`, password],
  [
    'a Docker Hub token piped to login',
    (t) => `echo ${t} | docker login -u acme --password-stdin`,
    () => j('dckr', '_pat_', opaque(27)),
  ],
  [
    'a Proxmox API token',
    (t) => `Authorization: PVEAPIToken=root@pam!ci=${t}`,
    () => `${hex(8)}-${hex(4)}-${hex(4)}-${hex(4)}-${hex(12)}`,
  ],
  [
    'a Subsonic-style u/p query',
    (t) => `https://music.example.test/rest/ping.view?u=admin&p=${t}&v=1.16.1`,
    password,
  ],
  ['a Latin alpha in the label', (t) => `pɑssword: ${t}`, password],
  ['a password starting with a bracket', (t) => `DB_PASSWORD=(${t}`, password],
  ['a password with a slash and a dot', (t) => `DB_PASSWORD=${t}/x.com`, password],
  ['a Maven encrypted password', (t) => `<server>\n  <password>{${t}=}</password>\n</server>`, opaque],
  // round 4 (2026-12-02): keys in a URL's path, quoted passwords in a URL
  [
    'a Telegram bot token in the Bot API path',
    (t) => `curl https://api.telegram.org/bot${t}/getMe`,
    () => `${chars(9, DIGITS)}:AA${opaque(33)}`,
  ],
  [
    'a key as a path segment between words',
    (t) => `GET https://api.example.test/v1/${t}/data`,
    () => opaque(40),
  ],
  ['an RPC key in the path', (t) => `https://eth-mainnet.g.alchemy.example/v2/${t}`, () => opaque(32)],
  ['a quoted password in a URL', (t) => `redis://user:"${t}"@cache.internal:6379`, password],
  ['a password with a space in a URL', (t) => `postgres://admin:${t} ${t}@db:5432/app`, password],
  // round 5 (2026-12-02): names in Markdown emphasis or backticks, tables, defaults, flags, webhooks
  ['a bold name in Markdown', (t) => `**Password**: ${t}`, password],
  ['a bold env name in Markdown', (t) => `**OPENAI_API_KEY**: ${t}`, opaque],
  ['a name in backticks', (t) => '`API_KEY`: `' + t + '`', opaque],
  ['a Slack bold label', (t) => `*Password:* ${t}`, password],
  ['a tab between name and value', (t) => `DB_PASSWORD\t${t}`, password],
  ['a vault kv table', (t) => `Key         Value\n---         -----\napi_key     ${t}`, opaque],
  ['a PowerShell hashtable printed', (t) => `Name      Value\n----      -----\nX-Api-Key      ${t}`, opaque],
  ['a user and password in prose', (t) => `login: admin / ${t}`, password],
  ['a user:password in a sentence', (t) => `I can log in with admin:${t} on the dashboard`, password],
  ['a pw label', (t) => `user: admin pw: ${t}`, password],
  ['an identifier and its value after a space', (t) => `refresh_token ${t}`, () => opaque(32)],
  ['a Rust const', (t) => `const API_KEY: &str = "${t}";`, opaque],
  ['a TypeScript union type', (t) => `const apiKey: string | undefined = "${t}";`, opaque],
  ['a C macro', (t) => `#define WIFI_PASSWORD "${t}"`, password],
  ['a Makefile default', (t) => `API_KEY ?= ${t}`, opaque],
  ['a Ruby ||= default', (t) => `ENV["API_KEY"] ||= "${t}"`, opaque],
  ['an nginx header', (t) => `proxy_set_header X-API-KEY "${t}";`, opaque],
  ['an Apache SetEnv', (t) => `SetEnv DB_PASSWORD ${t}`, password],
  ['a JS || default after an env lookup', (t) => `const apiKey = process.env.API_KEY || "${t}";`, opaque],
  ['a Python or default', (t) => `API_KEY = os.environ.get("API_KEY") or "${t}"`, opaque],
  ['a shell default expansion', (t) => `API_KEY="\${API_KEY:-${t}}"`, opaque],
  [
    'a flag with its value after a space',
    (t) => `kubectl create secret docker-registry r --docker-password ${t}`,
    password,
  ],
  ['a PowerShell -NuGetApiKey', (t) => `Publish-Module -Name M -NuGetApiKey ${t}`, opaque],
  ['a GITHUB_PAT variable', (t) => `GITHUB_PAT=${t}`, opaque],
  [
    'a Teams webhook',
    (t) =>
      `https://acme.webhook.office.com/webhookb2/${hex(8)}-${hex(4)}@${hex(8)}/IncomingWebhook/${t}/${hex(8)}`,
    () => hex(32),
  ],
  ['a Slack webhook without its scheme', (t) => `hooks.slack.com/services/T0ABCDEF1/B0ABCDEF2/${t}`, opaque],
  [
    'a Slack webhook with JSON-escaped slashes',
    (t) => `"https:\\/\\/hooks.slack.com\\/services\\/T0ABCDEF1\\/B0ABCDEF2\\/${t}"`,
    opaque,
  ],
  ['an IFTTT key', (t) => `https://maker.ifttt.com/trigger/door/with/key/${t}`, opaque],
  [
    'a Mattermost hook',
    (t) => `https://chat.acme.io/hooks/${t}`,
    () => chars(26, 'abcdefghijkmnpqrstuvwxyz23456789'),
  ],
  ['an Indonesian password label', (t) => `kata sandi: ${t}`, password],
  ['a Hindi password label', (t) => `पासवर्ड: ${t}`, password],
  ['a Thai password label', (t) => `รหัสผ่าน: ${t}`, password],
  ['a Hebrew password label', (t) => `סיסמה: ${t}`, password],
  ['a QQ mail authorisation code', (t) => `QQ邮箱授权码：${t}`, () => chars(16, 'abcdefghijkmnpqrstuvwxyz')],
  ['a small colon look-alike', (t) => `API_KEY\uFE55${t}`, opaque],
  ['a ratio colon look-alike', (t) => `API_KEY \u2236 ${t}`, opaque],
  ['a flag that is exactly a secret word', (t) => `gpg --batch --passphrase ${t} -d secrets.gpg`, password],
  ['a --master-key flag', (t) => `meilisearch --master-key ${t}`, opaque],
  ['a PowerShell -Password', (t) => `nuget sources add -Name feed -Username me -Password ${t}`, password],
  ['a JSON value on the next line', (t) => `"apiKey":\n        "${t}"`, opaque],
  ['a formatter-wrapped const', (t) => `const webhookSecret =\n  "${t}";`, () => hex(64)],
  ['every item of a JSON list of keys', (t) => `"api_keys": ["${opaque(24)}", "${t}"]`, opaque],
  ['every item of a Python list of keys', (t) => `API_KEYS = ["${t}"]`, opaque],
  ['every item of a YAML list of keys', (t) => `api_keys:\n  - ${opaque(24)}\n  - ${t}`, opaque],
  [
    'a password base64-encoded in C#',
    (t) => `Convert.ToBase64String(Encoding.UTF8.GetBytes("admin:${t}"))`,
    password,
  ],
  [
    'a password base64-encoded in Java',
    (t) => `Base64.getEncoder().encodeToString("admin:${t}".getBytes())`,
    password,
  ],
  [
    'a password base64-encoded in Go',
    (t) => `base64.StdEncoding.EncodeToString([]byte("admin:${t}"))`,
    password,
  ],
  [
    'a password base64-encoded in Swift',
    (t) => `"admin:${t}".data(using: .utf8)!.base64EncodedString()`,
    password,
  ],
  ['a password in CURLOPT_USERPWD', (t) => `curl_setopt($ch, CURLOPT_USERPWD, "admin:${t}");`, password],
  ['a password as the second basic-auth argument', (t) => `Credentials.basic("admin", "${t}")`, password],
  ['a Guzzle auth array', (t) => `'auth' => ['admin', '${t}']`, password],
  ['what heroku config:get prints', (t) => `$ heroku config:get DB_PASSWORD -a app\n${t}`, password],
  ['what vault kv get -field prints', (t) => `$ vault kv get -field=password secret/db\n${t}`, password],
  [
    'what a decoded kubectl secret prints',
    (t) => `$ kubectl -n argocd get secret s -o jsonpath="{.data.password}" | base64 -d\n${t}`,
    () => opaque(16),
  ],
  [
    'an Elasticsearch password reset',
    (t) => `Password for the [elastic] user successfully reset.\nNew value: ${t}`,
    password,
  ],
  ['a HAR cookie object', (t) => `{"name": "PHPSESSID", "value": "${t}"}`, () => chars(26, LOWER + DIGITS)],
  ['twine -p', (t) => `twine upload -u deploy -p ${t} dist/*`, password],
  ['helm registry login -p', (t) => `helm registry login ghcr.io -u me -p ${t}`, password],
  [
    'an identifier with underscores then its value',
    (t) => `aws configure set aws_session_token ${t}`,
    () => opaque(24),
  ],
  ['a YAML anchor before a password', (t) => `password: &pw ${t}`, password],
  ['a YAML tag before a password', (t) => `password: !!str ${t}`, password],
  [
    'an unquoted passphrase of words',
    (t) => `passphrase = ${t}`,
    () => [0, 1, 2].map(() => chars(6, LOWER)).join(' '),
  ],
  [
    'a seed phrase',
    (t) => `accounts: { mnemonic: "${t}" }`,
    () => [0, 1, 2, 3].map(() => chars(5, LOWER)).join(' '),
  ],
  ['a password holding a quote on an env line', (t) => `DB_PASSWORD=Xy3'${t}`, password],
  ['a password piped to docker login', (t) => `echo '${t}' | docker login -u me --password-stdin`, password],
  ['a secret piped to gcloud', (t) => `echo -n "${t}" | gcloud secrets create api-key --data-file=-`, opaque],
  ['a secret piped to wrangler', (t) => `printf '%s' "${t}" | npx wrangler secret put API_KEY`, opaque],
  ['a token in a here-string', (t) => `gh auth login --with-token <<< "${t}"`, opaque],
  ['a value masked in GitHub Actions', (t) => `echo "::add-mask::${t}"`, opaque],
  ['an Oracle IDENTIFIED BY', (t) => `ALTER USER scott IDENTIFIED BY ${t};`, password],
  ['a MySQL SET PASSWORD', (t) => `SET PASSWORD FOR 'root'@'localhost' = '${t}';`, password],
  [
    'the MySQL temporary password log line',
    (t) => `[Server] A temporary password is generated for root@localhost: ${t}`,
    password,
  ],
  ['zip -P', (t) => `zip -P ${t} backup.zip db.sql`, password],
  ['openssl -k', (t) => `openssl enc -aes-256-cbc -in a -out a.enc -k ${t}`, password],
  ['smbclient -U user%password', (t) => `smbclient //srv/share -U admin%${t}`, password],
  ['mc alias set', (t) => `mc alias set myminio http://localhost:9000 minioadmin ${t}`, password],
  ['vault login', (t) => `vault login hvs.${t}`, () => opaque(24)],
  [
    'a session id in a query',
    (t) => `https://shop.acme.io/cart?PHPSESSID=${t}`,
    () => chars(26, LOWER + DIGITS),
  ],
  [
    'a signature in a query',
    (t) => `https://api.acme.io/v1/order?appid=123&timestamp=1700000000&sign=${t}`,
    () => hex(32),
  ],
  [
    'an Akamai token hmac',
    (t) => `https://cdn.acme.io/v.m3u8?hdnts=exp=1700000000~acl=/*~hmac=${t}`,
    () => hex(64),
  ],
  ['a Markdown table row naming a password', (t) => `| Postgres admin password | ${t} |`, password],
  ['an HTML table row', (t) => `<tr><td>API_KEY</td><td>${t}</td></tr>`, opaque],
  ['a CSV line', (t) => `name,value\nAPI_KEY,${t}`, opaque],
  ['pass in prose', (t) => `username admin, pass ${t}`, password],
  [
    'Swift setValue for an API key header',
    (t) => `request.setValue("${t}", forHTTPHeaderField: "X-Api-Key")`,
    opaque,
  ],
  ['php-fpm env[]', (t) => `env[DB_PASSWORD] = ${t}`, password],
  [
    'a Maven httpHeaders property',
    (t) => `<property>\n  <name>Private-Token</name>\n  <value>${t}</value>\n</property>`,
    opaque,
  ],
  ['a yarnrc npmAuthIdent', (t) => `npmAuthIdent: "deploy:${t}"`, password],
  ['a Composer github-oauth', (t) => `{"github-oauth": {"github.com": "${t}"}}`, opaque],
  [
    'terraform output -json',
    (t) =>
      `{\n  "db_password": {\n    "sensitive": true,\n    "type": "string",\n    "value": "${t}"\n  }\n}`,
    password,
  ],
  [
    'a PowerShell cookie',
    (t) => `$s.Cookies.Add((New-Object System.Net.Cookie("PHPSESSID", "${t}", "/", "acme.io")))`,
    () => chars(26, LOWER + DIGITS),
  ],
  ['a JDBC Oracle thin URL', (t) => `jdbc:oracle:thin:scott/${t}@db.acme.io:1521:ORCL`, password],
  ['openssl passwd', (t) => `useradd -m -p "$(openssl passwd -1 '${t}')" deploy`, password],
  ['nuget setapikey', (t) => `nuget setapikey ${t} -source https://nuget.acme.io`, opaque],
  ['a triple-quoted TOML string', (t) => `api_key = """${t}"""`, opaque],
  [
    'an HTTP Digest response',
    (t) => `Authorization: Digest username="admin", realm="x", nonce="7fd3", uri="/", response="${t}"`,
    () => hex(32),
  ],
  ['a session cookie in a log', (t) => `cookies: { sid: '${t}' }`, opaque],
  [
    "git's password prompt answered",
    (t) => `Username for 'https://github.com': me\nPassword for 'https://me@github.com': ${t}`,
    opaque,
  ],
  [
    'an ODBC password in braces',
    (t) => `Driver={ODBC Driver 18 for SQL Server};Server=db;UID=sa;PWD={${t}};`,
    password,
  ],
  ['a salt', (t) => `HASH_SALT=${t}`, opaque],
  ['an English name with a Chinese "is"', (t) => `我的 key 是 ${t}，一直 401`, opaque],
  ['an English name with a Korean particle', (t) => `api key가 ${t} 입니다`, opaque],
  [
    'the rest of a key split into concatenated literals',
    (t) => `const key = "sk-proj-${opaque(20)}" + "${t}";`,
    () => opaque(20),
  ],
  // round 6 (2026-12-02, the leaks the last audit left)
  [
    'a Mattermost hook under a host renamed to example',
    (t) => `https://chat.example.test/hooks/${t}`,
    () => chars(26, LOWER + DIGITS),
  ],
  ['a token in a URL encoded twice', (t) => `redirect=https%253A%252F%252Fx%253Ftoken%253D${t}`, opaque],
  // the encoded run is the secret: no 8 characters of it may survive
  ['a bare base64 user:password', (t) => `the header value is ${t}`, () => b64(`admin:${password()}`)],
  [
    'a Kubernetes secret holding an encoded database URL',
    (t) => `data:\n  DATABASE_URL: ${t}`,
    () => b64(`postgres://app:${password()}@db/app`),
  ],
  [
    "a CSV whose header names the password's column",
    (t) => `User name,Password,Console sign-in URL\nalice,${t},https://console.acme.io`,
    password,
  ],
  ["Bundler's host-named variable", (t) => `BUNDLE_GEMS__CONTRIBSYS__COM=deploy:${t}`, opaque],
  ['bundle config for a gem host', (t) => `bundle config set --global gems.contribsys.com me:${t}`, opaque],
  ["a service account's private key id", (t) => `"private_key_id": "${t}",`, () => hex(40)],
  ["net use's positional password", (t) => `net use Z: \\\\srv\\share ${t} /user:CORP\\admin`, password],
  // Found 2026-12-04 by giving the FAKE values in the real-report corpus random bodies of their shape.
  [
    'a dotted token with short random parts after Bearer, in curl -v output',
    (t) => `> User-Agent: insomnia/2023.2.0\n> Authorization: Bearer ${t}\n> Accept: */*`,
    () => `${opaque(14)}.${opaque(11)}.${opaque(12)}`,
  ],
  [
    'a dotted token in a query',
    (t) => `https://api.example.com/login/token?token=${t}  401`,
    () => `${opaque(14)}.${chars(8, LOWER)}.${opaque(8)}`,
  ],
  [
    'a JWT-looking value glued to its scheme',
    (t) => `-H "Authorization: Bearer${t}"`,
    () => `eyJ${opaque(16)}.${opaque(20)}.${opaque(20)}`,
  ],
  [
    'a listing of "name : value" lines',
    (t) => `instance : 22139\ntoken : ${opaque(20)}\nmasterKey : ${t}`,
    opaque,
  ],
  [
    "an API key's id beside its secret",
    (t) => `$ export APCA_API_KEY_ID=PK${t}\n$ export APCA_API_SECRET_KEY=${opaque(40)}`,
    () => opaque(18),
  ],
  ['a Basic credential built in the shell', (t) => `echo -n ${opaque(12)}:${t} | base64`, opaque],
  [
    'a custom scheme over a key id starting with a dash',
    (t) => `{"Authorization":"Qiniu -s900t_${t}:PGrs6gB8Lg="}`,
    opaque,
  ],
  // Found 2026-12-04 (second pass, after the masked and repeated values were given random bodies too)
  [
    'a DeepL key after its scheme',
    (t) => `curl -H "Authorization: DeepL-Auth-Key ${t}" https://api-free.deepl.com/v2/translate`,
    deeplKey,
  ],
  ['a DeepL key in braces in prose', (t) => `it looks like this DeepL-Auth-Key {${t}} (I have`, deeplKey],
  ['a DeepL free key alone', (t) => `使用形如 \`${t}\` 这样的apikey的时候`, deeplKey],
  [
    'a key masked by hand that still shows most of it',
    (t) => `--header 'Authorization: Bearer sk-${t.slice(0, 12)}******${t.slice(12)}'`,
    () => opaque(26),
  ],
  [
    'the end left visible after masking the middle',
    (t) => `authorization: 'Bearer ${t.slice(0, 12)} ... ${t.slice(12)}',`,
    () => opaque(12) + opaque(10),
  ],
  [
    'a key in capitals quoted again by the error that refused it',
    (t) => `X-API-KEY:"${t}", X-Customer:"1490239"\n{"detail":"API-KEY '${t}' is invalid."}`,
    () => [0, 1, 2].map(() => `${chars(3, UPPER)}${pick(DIGITS)}`).join('_'),
  ],
  [
    'a key written again in a sentence after the request',
    (t) => `?api_key=${t}&application_key=x\n\nthe key shown in the dashboard:\nAPI:  ${t}\nApplication: y`,
    opaque,
  ],
  [
    'a random value inside template braces',
    (t) => `https://api.datadoghq.com/api/v1/dash?api_key=\${${t}}&application_key=\${${opaque(20)}}`,
    opaque,
  ],
  ['a key id in capitals and digits', (t) => `$ export APCA_API_KEY_ID=PK${t}`, capitalsAndDigits],
  [
    'an anti-forgery token beside a session',
    (t) => `{'session': {'valid': True, 'sid': '${opaque(16)}', 'csrf': '${t}'}}`,
    () => opaque(16),
  ],
  [
    'a token after "as follows" in Chinese',
    (t) => `我申请的 token 如下：\n\n\`${t}\` ，按照描述`,
    lowerAndDigits,
  ],
  [
    'the key passed where the name of its variable belongs',
    (t) => `$access_token = getenv('sandbox_${t}');\n$client = new \\GoCardlessPro\\Client([`,
    opaque,
  ],
  [
    'a Basic value with a capital inside and a digit at its end',
    (t) => `'Authorization: Basic ${t}'`,
    () => `${pick(UPPER)}${chars(9, LOWER)}${pick(UPPER)}${pick(DIGITS)}`,
  ],
  [
    'a Proxmox API token without its header name',
    (t) => `API key format: root@pam!proxcenter!tokenid=${t}`,
    () => `${hex(8)}-${hex(4)}-${hex(4)}-${hex(4)}-${hex(12)}`,
  ],
  [
    'a key as the first field of a form body',
    (t) => `curl -X POST https://api.example.com/v1/report -d "api_key=\${${t}}&format=json"`,
    opaque,
  ],
  [
    'a key as the first field of a form body, bare',
    (t) => `POST /v1/report HTTP/1.1\n\napi_key=${t}&format=json&page=2`,
    opaque,
  ],
  [
    'a Plaid token quoted alone',
    (t) => `This is the value of my access_token for my sandbox testing.\n\n> ${t}\n`,
    () => `public-sandbox-${hex(8)}-${hex(4)}-${hex(4)}-${hex(4)}-${hex(12)}`,
  ],
  [
    'a Mapbox secret token',
    (t) => `set the MAPBOX_API_KEY   with "${t}",`,
    () => `sk.eyJ1Ijoi${opaque(24)}.${opaque(22)}`,
  ],
  [
    'a token kept in the angle brackets of a template',
    (t) => `Browser request address:http://192.168.1.111:8083/message?token=<${t}>" -F "title=my title"`,
    () => `${opaque(4)}.${opaque(10)}`,
  ],
  [
    'a token with few capitals in Polish prose',
    (t) => `Ustawiam token dostępowy na ${t}\nZwrotka:\n{"error":"invalid_token"}`,
    () =>
      `${chars(10, LOWER + DIGITS)}${pick(UPPER)}${chars(4, LOWER)}${pick(UPPER)}${chars(8, LOWER + DIGITS)}${pick(UPPER)}${chars(8, DIGITS)}`,
  ],
  [
    'a key of dash-joined hex groups, more than a UUID has, in a code block after its label',
    (t) => `This is his API key:\n\n\`\`\`\n${t}\n\`\`\`\n\nAs you can see, it does not fit`,
    () => `${hex(8)}-${hex(4)}-${hex(4)}-${hex(4)}-${hex(20)}-${hex(4)}-${hex(4)}-${hex(12)}`,
  ],
  [
    'a client id of 64 hex digits, which the API takes as its key, after a space',
    (t) => `I used to have an app with client_id ${t}\n\nI've been using it since 2019`,
    () => hex(64),
  ],
  [
    'a password hash in a log line, after a dash',
    (t) => `10:57:05:3934 Add XML element to request:passwordHash - ${t}...\n10:57:05:3934 Add XML element`,
    () => capitalsAndDigits(),
  ],
  [
    'an OAuth authorization code in a token request body',
    (t) => `data:{"grant_type": "authorization_code", "code":  "${t}", "redirect_uri": "redirect_uri"}`,
    opaque,
  ],
  [
    "a key left inside the documentation's placeholder braces",
    (t) => `https://api.trade.gov/consolidated_screening_list/search?api_key={${t}}`,
    () => opaque(20),
  ],
  [
    'a YouTrack permanent token',
    (t) => `new BearerTokenConnection("https://example.myjetbrains.com/youtrack/", "${t}");`,
    () => `perm:${b64('someone')}.${b64('43-1')}.${opaque(20)}`,
  ],
  [
    'a short sk- value fenced in backticks on its own (a key cut down or issued by a gateway)',
    (t) => `- enter the API Key Value in the "Enter API Key Value" field.\n\`\`\`sk-${t}\`\`\`\n3. Click`,
    () => opaque(16),
  ],
  [
    'an sk_ secret key without a live/test part (Pagar.me v5), quoted beside its format in Portuguese',
    (t) => `Formato da chave api gerada na v5: sk_${t}\nQuando utilizo a chave`,
    () => `${hex(16)}${hex(16)}`,
  ],
  [
    "a payment API's key named by its mode after a short prefix (Pagar.me v4 ak_test_)",
    (t) => `Formato da chave api gerada na v4: ak_test_${t}\n`,
    () => `${opaque(14)}${opaque(14)}`,
  ],
  [
    "a Go flag naming a token, the key as its default and again as its usage text (Yandex Cloud's go-sdk)",
    (t) =>
      `iamToken := flag.String("iam-token", "YCAJ${t}", "YC${t}x")\nsecretID := flag.String("secret-id", "e6q${t}", "e6q${t}")`,
    () => opaque(20),
  ],
  [
    "argparse's option naming an API key, with the key as its default",
    (t) => `parser.add_argument("--api-key", type=str, default="${t}", help="your key")`,
    () => opaque(24),
  ],
  [
    'a Flutterwave public key beside the secret one (FLWPUBK-...-X)',
    (t) => `rave = Rave("FLWPUBK-${t}-X", "MY SECRET KEY WAS HERE", usingEnv = False)`,
    () => `${hex(16)}${hex(16)}`,
  ],
  [
    'a key the reporter set, glued to the Chinese sentence that names it ("我设置的...")',
    (t) => `设置密钥后就这样，我设置的${t}，请求都是403`,
    () => opaque(10),
  ],
  [
    "PHP's var_dump of a client object: the password property, and the same value in the curl option user:password",
    (t) =>
      `object(PhpEws\\Client)#27 (9) { ["curl_options":protected]=> array(8) { [10005]=> string(24) "UserName:${t}" } ["password":protected]=> string(12) "${t}" ["server":protected]=> string(9) "outlook.example.com" }`,
    () => capitalsAndDigits().slice(0, 12),
  ],
  [
    "PHP's var_dump and print_r of an array holding an API key",
    (t) => `array(2) { ["api_key"]=> string(18) "${t}" }\nArray\n(\n    [secret_key] => ${t}\n)`,
    () => capitalsAndDigits(),
  ],
  [
    'a key quoted after a Spanish sentence that names it, without a colon ("con la clave "...")',
    (t) => `Estoy intentando hacerlo en test y con la clave "${t}". Es con el Banco de Sabadell.`,
    () => opaque(20),
  ],
  [
    'every parameter of an Authorization header with a custom scheme (Diadoc: client id and token)',
    (t) =>
      `Authorization: DiadocAuth ddauth_api_client_id=${t.slice(0, 8)}-${t.slice(8, 12)}-${t.slice(12, 16)}-${t.slice(16, 20)}-${t.slice(20, 32)}, ddauth_token=${t}`,
    () => hex(32),
  ],
  [
    'a short key of capitals and digits as a custom-scheme Authorization parameter (not a method name)',
    (t) => `Authorization: GatewayAuth client=${t}, signature_method=HMAC-SHA256`,
    // ten capitals and digits with a digit among them (ten capitals alone could be a method's name)
    () => capitalsAndDigits().slice(0, 7) + chars(3, DIGITS),
  ],
  [
    'an Alibaba Cloud access key id in a URL-encoded string to sign',
    (t) => `server string to sign is:POST&%2F&AccessKeyId%3DLTAI${t}%26Action%3DSendSms`,
    () => opaque(20),
  ],
  [
    'a deCONZ / Hue API key as a path segment, and quoted again in a warning',
    (t) =>
      `warning: ${t}: potentially stale api key\ndeconz delete /config/whitelist/${t}\nGET http://192.168.1.2/api/${t}/lights`,
    () => capitalsAndDigits().slice(0, 10),
  ],
  [
    "Go's net/http refusing a token header that kept its newline (the header's name comes after the value)",
    (t) =>
      `Unable to connect to the server: net/http: invalid header field value "${t}\\n" for key Private-Token`,
    () => opaque(20),
  ],
  [
    'a key cut short by the reporter after "API key:", a short prefix and letters and digits mixed',
    (t) => `I'm a Pro subscriber (API key: wm_${t}...) calling the API from a server`,
    // letters with a digit among them, as the kept part of an issued key is
    () => chars(4, LOWER) + pick(DIGITS) + chars(3, LOWER),
  ],
  [
    "a CLI's login ticket in the authorisation URL it opens",
    (t) =>
      `Logging into your Netlify account...\nOpening https://app.netlify.com/authorize?response_type=ticket&ticket=${t}\n- Waiting`,
    () => opaque(16),
  ],
  [
    'a Shopify admin token cut short (a narrow database column), in markdown bold',
    (t) => `The access token appears invalid.\nOur first example starts with: **shpat_${t}**\nWhy so short?`,
    () => opaque(24),
  ],
  [
    'a Slack bot token cut short by the reporter ("its invalid now"), on a line of its own',
    (t) =>
      `The API Token I used was (sorry folks its invalid now) was:\n${j('xo', 'xb-')}${t}\n\nI tried regenerating`,
    () => chars(4, UPPER + LOWER) + '-' + chars(4, UPPER + LOWER),
  ],
  [
    'a JWT whose payload was edited by hand (not JSON any more), after a standard header',
    (t) =>
      `the example token from the wiki:\n\`${j('eyJhbGciOiJIUzI1NiIsInR5cCI6', 'IkpXVCJ9')}.${t}\`\nreturns 401`,
    () => `${opaque(12)}.${opaque(12)}`,
  ],
  [
    'a Sign in with Apple authorization code quoted in backticks',
    (t) =>
      `my authorizationCode always follows this pattern:\n\`c${hex(32)}.0.${chars(4, LOWER)}.${t}\`\nIs it normal?`,
    () => opaque(14),
  ],
  [
    "a PFX certificate's password as the literal after its bytes in .NET",
    (t) =>
      `X509Certificate2 cert = new X509Certificate2(System.IO.File.ReadAllBytes(certificatePath), "${t}", X509KeyStorageFlags.MachineKeySet);`,
    () => chars(4, UPPER) + '-' + chars(8, UPPER + DIGITS),
  ],
  [
    'a token named in prose and set "to" its value',
    (t) => `I set the token to "${t}" and still get 401 Unauthorized`,
    () => opaque(16),
  ],
  [
    'an API key given in brackets after its name in prose',
    (t) => `the api key (${t}) is right, I copied it from the dashboard`,
    () => opaque(16),
  ],
  [
    "a secret's variable with its value in brackets after it",
    (t) => `The JWT_SECRET (\`${t}\`) is indeed the one that was used to sign this key`,
    () => opaque(16),
  ],
  [
    'a chosen secret of words with short random parts among them',
    (t) => `JWT_SECRET=super-secret-${t}`,
    () =>
      chars(2, LOWER) + pick(DIGITS) + pick(LOWER) + '-' + chars(2, LOWER) + pick(DIGITS) + chars(2, LOWER),
  ],
  [
    "a Baidu Maps access key as the bare ak= of a request's query",
    (t) =>
      `https://api.map.baidu.com/geocoding/v3/?address=example&output=json&ak=${t}&callback=showLocation5\n{"status":220,"message":"APP Referer校验失败"}`,
    () => opaque(24),
  ],
  [
    'an Adyen API key passed under a name that says nothing about it',
    (t) => `'username' => 'AQE${t.slice(0, 30)}=-${t.slice(30, 50)}=-${t.slice(50)}',\n'password' => 'x'`,
    () => opaque(24) + opaque(24) + opaque(12),
  ],
  [
    'a long random part after a short word',
    (t) => `docker run -e OPENAI_API_KEY=sess-${t} -e OPENAI_PROXY_URL=x`,
    () => lowerAndDigits().slice(0, 16),
  ],
];

/** Characters that split a key and used to slip past the normaliser. */
const SPLITTERS = [
  '\u0301',
  '\u034F',
  '\uFE0F',
  '\u061C',
  '\u206A',
  '\u3164',
  '\u180B',
  '\u{E0041}',
  '\u007F',
  '\u0085',
  '\u000B',
];

describe('GIVEN a credential pasted in a shape people use', () => {
  for (const [name, shape, value] of SHAPES) {
    it(`THEN none of it survives: ${name}`, () => {
      for (let k = 0; k < 8; k++) {
        const secret = value();
        const out = redactSecrets(shape(secret)).text;
        expect(leakedRun(out, secret), out).toBeUndefined();
      }
    });
  }

  it('THEN a key split by an invisible or combining character is still found whole', () => {
    for (const ch of SPLITTERS) {
      const body = opaque(24);
      const out = redactSecrets(`${j('sk', '_live_')}${body.slice(0, 12)}${ch}${body.slice(12)}`).text;
      expect(leakedRun(out, body), JSON.stringify(ch)).toBeUndefined();
    }
  });

  it('THEN mathematical letters, a dotless i and HTML entities do not hide a key', () => {
    const body = opaque(24);
    for (const text of [
      `\u{1D42C}\u{1D424}_live_${body}`,
      `${j('sk', '_live_')}${body.slice(0, 12)}\u0131${body.slice(12)}`,
      `<pre>sk&#95;live&#95;${body}</pre>`,
    ])
      expect(leakedRun(redactSecrets(text).text, body), text).toBeUndefined();
  });
});

describe('GIVEN a long run of URL-like text', () => {
  it('THEN redaction stays linear: every secret in it is still found', () => {
    const pw = password();
    const text = `${'ab://:'.repeat(15_000)} postgres://app:${pw}@db.example.test/app`;
    expect(leakedRun(redactSecrets(text).text, pw)).toBeUndefined();
  });
});

describe('GIVEN a long message cut to the length limit', () => {
  it('THEN a cut never separates a secret from the name that marks it', () => {
    for (let pad = 0; pad < 40; pad++) {
      const token = opaque(24);
      const pw = password();
      const text = `${'x '.repeat(500 + pad)}\nAuthorization: Bearer ${token}\nDB_PASSWORD=${pw}\n${'z'.repeat(300 + pad * 3)}`;
      const out = redactSecrets(capHeadAndTail(text, 1000)).text;
      expect(leakedRun(out, token), out.slice(-400)).toBeUndefined();
      expect(leakedRun(out, pw), out.slice(-400)).toBeUndefined();
    }
  });
});

describe('GIVEN an object with a field named for a credential', () => {
  it('THEN its value is withheld in redacted copies and stored JSON, whatever its shape', () => {
    const token = opaque(24);
    const pw = password();
    const value = {
      api_key: token,
      user: 'app',
      nested: { headers: { 'x-api-key': token } },
      clientSecret: pw,
      maxTokens: 800,
      parameters: { adminPassword: { value: password() }, location: { value: 'westeurope' } },
    };
    for (const out of [JSON.stringify(redactDeep(value)), redactedJson(value)]) {
      expect(leakedRun(out, token), out).toBeUndefined();
      expect(leakedRun(out, pw), out).toBeUndefined();
      expect(out).toContain('"maxTokens":800');
      expect(out).toContain('"user":"app"');
      expect(out).toContain('"adminPassword":{"value":"[credential]"}');
      expect(out).toContain('"location":{"value":"westeurope"}');
    }
  });

  it('THEN the logger withholds it at any depth', () => {
    const lines: string[] = [];
    const destination = new Writable({
      write(chunk: Buffer, _enc, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    const log = createLogger({ level: 'info', destination });
    const token = opaque(24);
    log.info({ apiKey: token, a: { b: { c: { password: token } } }, tokenCount: 3 }, 'called');
    const out = lines.join('');
    expect(leakedRun(out, token), out).toBeUndefined();
    expect(out).toContain('"tokenCount":3');
  });
});

describe('GIVEN ordinary text near credential words', () => {
  it('THEN messages and public material are left as they are', () => {
    for (const text of [
      'Validation error, password: required',
      'Error: Invalid password: must be at least 8 characters',
      'Primary key: customerId',
      // round 6: base64 of ordinary text, prompts and other shares are not credentials
      `name: ${b64('keydoctor-test')}`,
      `${b64('12:30:45.123')} is the encoded time`,
      'net use \\\\srv\\ipc$ * /user:bob',
      'net use Z: \\\\srv\\share /persistent:yes',
      'name,token_count\nfoo,1234',
      'bundle config build.nokogiri --use-system-libraries',
      // an attribute of a key, or a name for its id, holds no secret
      'gpg key ID: 3AA5C34371567BD2',
      'SSH_KEY_ID=0x3AA5C34371567BD2',
      'Error: Token Expired',
      'the token OpenAI gave me does not work',
      `<script integrity="sha384-${opaque(64)}" src=x.js>`,
      `ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI${opaque(43)} me@host`,
      'password=${DB_PASSWORD}',
      'DB_PASSWORD=<your password>',
      'api_key = os.getenv("OPENAI_API_KEY")',
      `AWS_REGION=us-east-1\nDEBUG=true`,
      // round 2: error messages, header lists, code and names are not values
      "Access denied for user 'root'@'localhost' (using password: YES)",
      'Access-Control-Allow-Headers: Authorization, Content-Type',
      'allowedHeaders: ["Authorization", "Content-Type"]',
      'set `ANTHROPIC_API_KEY`, `OPENAI_API_KEY` first',
      '{"key": "Authorization", "value": "Bearer {{token}}"}',
      'const password = req.body.password;',
      'password = models.CharField(max_length=128)',
      'const token = jwt.sign(payload, secret, { expiresIn: "1h" });',
      'Missing translation key: common.buttons.submitForm',
      'Note on cookies: they are not sent on cross-site requests',
      'auth-type: basic\nnginx.ingress.kubernetes.io/auth-secret: basic-auth',
      'OPTIONS /api/v1/apikey HTTP/1.1',
      'publishable API key\nstripe.error.AuthenticationError: invalid',
      'OPENAI_API_VERSION=2024-02-01\nclaude-3-5-sonnet-20240620\nSignatureDoesNotMatch',
      'Cannot handle token prior to 2015-06-04T06:05:30+0000',
      `${'x'.repeat(8)}\ngo: github.com/stretchr/testify v1.8.4 h1:${opaque(43)}=`,
      // round 3: ids, nonces, public keys and URLs that only look random
      `id: chatcmpl-${opaque(30)}`,
      `session cs_test_${opaque(58)} expired`,
      'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\nSec-WebSocket-Version: 13',
      'Idempotency-Key: 5d3c2b1a-0e9f-4d7c-8b6a-5f4e3d2c1b0a',
      `ED25519 key fingerprint is SHA256:+${opaque(42)}.`,
      'https://acme.slack.com/archives/C05XYZ12345/p1718361234567899',
      `https://drive.google.com/file/d/1${opaque(32)}/view?usp=sharing`,
      `https://docs.google.com/document/d/1${opaque(42)}/edit`,
      `https://ipfs.io/ipfs/Qm${opaque(44)}`,
      "const name = 'user_2024_report' + '.csv';",
      'ConnectionString: Server=db;PWD={DB_PASSWORD};',
      '| Setting | Value |\n| token lifetime | 3600 |',
      'password: must be at least 8 characters long',
      'echo $PATH | tr : "\\n"',
      `{"keys":[{"kty":"RSA","kid":"2024-key-1","use":"sig"}]}`,
      'x --password-stdin',
      'npm publish --auth-type=web',
      'curl --auth basic https://x',
      '"proxyBypass": "*.local;<local>;10.0.0.0/8"',
      '{"key": "ctrl+shift+alt+k", "command": "workbench.action.terminal.focus"}',
      '{"password": "Password is required"}',
      '{"login": "Anmelden", "password": "Passwort", "forgot": "Passwort vergessen?"}',
      `https://drive.google.com/drive/folders/1${opaque(32)}`,
      `https://www.youtube.com/playlist?list=PL${opaque(32)}`,
      `userId: user_${opaque(27)}`,
      `Cache restored from key: Linux-node-${hex(64)}`,
      'token: 2024-06-01T10:00:00Z',
      'Keyboard shortcut key: Cmd+Option+I',
      // names with a number inside them stay names after a key's label
      'key: cache-base64url-v2, key_alg: hmac-sha256sum, token_type: jwt-oauth2bearer, api_key: prod-win32api',
      'https://support.example.com/view?ticket=104233&lang=en',
      'https://example.com/search?q=shoes&ak=1&sk=popular',
      // words after a key's name that only say what is done with it
      'pass the token to refresh, then set the key to 12345678 later; SECRET_KEY (required), FOREIGN KEY (user_id)',
      'switch the key to prod-eu-1; the token (expires 2024-01-01); i18n-k8s-a11y-l10n',
      'CompassTokenV2Backup',
      '$ which python\n/home/ubuntu/miniconda3/envs/py310/bin/python',
      'User-Agent: curl/8.4.0',
      'AWS_ACCESS_KEY_ID: Creation complete after 1s [id=var-s5WHTKna5g3m81qd]',
      'msg = "retry 2 times" + "later"',
      'token是过期的，key是 MY_API_KEY',
      `https://api.vercel.com/v10/now/deployments/dpl_${opaque(28)}?teamId=x`,
      `X-Amz-Cf-Id: ${opaque(54)}==`,
      `x-amz-id-2: ${opaque(63)}=`,
      '  + password = (sensitive value)',
      `-----BEGIN PUBLIC KEY-----\n${opaque(64)}\n${opaque(64)}\n-----END PUBLIC KEY-----`,
      `-----BEGIN CERTIFICATE-----\n${opaque(64)}\n${opaque(64)}\n-----END CERTIFICATE-----`,
      `{"keys":[{"kty":"RSA","e":"AQAB","kid":"2024-key-1","n":"${opaque(86)}"}]}`,
      'http://localhost:3000/users/@me',
      // words of real reports the corpus scan found redacted
      'expected status 401 Unauthorized: Token 已过期且刷新失败',
      'Bei ARD Plus habe ich einen Token zurückerhalten',
      'PyViCareInvalidDataError: NO TOKEN AVAILABLE',
      'Mam problem z aplikacją REST API:\n\nToken OAuth2',
      '"POST /auth/token HTTP/2.0" 401',
      'http:\n  api_password: !secret http_password',
      'Authorization: Bearer MY_API_KEY',
      'Authorization: Basic AUTH_STRING',
      'Slack connected fine, but the bot **silently** ignores mentions',
      'gitlabber -u https://gitlab.com/ -t token .',
      "headers: { 'X-Signature': hashInBase64 }",
      'Download mlx-community/Qwen3.6-27B-AEON-Ultimate-Uncensored-BF16-mlx-8Bit',
      'I have added a role for EKS Node is `AmazonEC2ContainerRegistryReadOnly`',
      'S3Bucket: my-bucket\n  S3Key: Lambda/release.zip',
      'wc/v3/products?consumer_key=XX&consumer_secret=XX&page=1',
      'it expects the API key within a header called "Ocp-Apim-Subscription-Key"',
      'curl -d grant_type=refresh_token -d refresh_token=[REFRESH_TOKEN]',
      'BACKBLAZE_SECRET_ACCESS_KEY=(applicationKey goes here?)',
      '/V3/Authenticate?type=password, AdditionalMessage=Invalid',
      '访问密码不正确或为空，请前往登录页输入正确的访问密码',
      'Invalid AI provider API key: OpenAI-compatible',
      'the correct password in the request headers `CB-ACCESS-PASSPHRASE`',
      `<Code>AccessDenied</Code><RequestId>395773C55D004CDD</RequestId><HostId>${opaque(64)}</HostId>`,
      'Authorization: Token JWT::encode($payload, $key)',
      'curl -G https://api.example.test/token --data-urlencode "q=1"',
      'DB_PASSWORD_FILE: /run/secrets/db_password\n  password: /run/secrets/db_password',
      '-Password $PersonalAccessToken',
      'C:\\Users\\me\\BOT\nnode_modules\\discord.js\\src\\util\\Util.js:302:40',
      // left visible by the second pass's rules: a status after a word in Chinese, a region and a
      // model name, a reference in braces, an anti-forgery field's message
      'Token 已过期且刷新失败: Token 刷新失败: status=401 Unauthorized',
      'region=us-east-1 model: gpt-4o-mini-2024-07-18',
      'api_key=${OPENAI_API_KEY}&token=${secrets.GITHUB_TOKEN}',
      'https://api.example.test/search?api_key={YOUR_API_KEY}&q={query}',
      'csrf: required',
      `os.getenv('OPENAI_API_KEY') or process.env["MyServiceApiKey2"]`,
      "API server rejected invalid API key: remote='10.89.11.120' peer_ip='10.89.11.120' method='GET'",
      'the key is sk-...abcd, as the provider masks it',
      // names under the sk- and sk_ prefixes that are not keys
      'pip install sk-learn-contrib, then sk_transaction_identifier and sk-video-2023',
      // ids and codes beside the shapes above: a UUID, a Google client id, an error's code
      'tenant 550e8400-e29b-41d4-a716-446655440000 has no app 6ba7b810-9dad-11d1-80b4-00c04fd430c8',
      'client_id: 123456789012-abc.apps.googleusercontent.com client_id=550e8400-e29b-41d4-a716-446655440000',
      '{"code": "invalid_api_key"} {"code": "AccessDenied"} {"code":"ERR_BAD_REQUEST_400_TOKEN"}',
      'the passwordHash is wrong, passwordHash field is required',
      '![image](https://user-images.githubusercontent.com/4677802/60428188-2b52b980-9bad-11e9-8f89-0e20e18c4799.png)',
      // options and settings around keys that are not keys
      'port := flag.String("port", "8080", "port to listen on") key := flag.String("api-key", "", "the API key to use")',
      'parser.add_argument("--token-file", default="~/.config/tool/token")',
      '密钥设置为环境变量OPENAI_API_KEY，我把token改成了新的以后还是401',
      // names and settings next to the new shapes
      'la clave "API_KEY" de la documentación, die Schlüssel "Accept" und "Content-Type"',
      'OAuth oauth_signature_method="HMAC-SHA1", oauth_timestamp="1700000000", oauth_version="1.0"',
      '["author"]=> string(5) "Smith" [password] => Array',
      'GET /api/v1/config and /api/config/whitelist',
      'net/http: invalid header field value "Mozilla 5.0\\n" for key User-Agent',
    ])
      expect(redactSecrets(text).text).toBe(text);
  });
});
