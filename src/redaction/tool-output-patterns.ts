/**
 * Credentials in what tools print or keep, where the name and the value are not side by side: AWS
 * Secrets Manager's SecretString, SSM and az CLI JSON (other fields between name and value), ARM
 * parameter objects, Bicep parameters, Info.plist and AndroidManifest entries, a REPL or notebook
 * echoing a key's expression, a value printed on the line after the code that prints it, and a YAML
 * block scalar under a secret's name. Every repetition is bounded, so each runs in linear time.
 */
import type { CredentialPattern } from './pattern-types.ts';
import { isPasswordPlaceholder, nameValueDescribe } from './value-judges.ts';

/** Names that say a value is a secret (plural and `_PW` included), for the patterns below. */
const SECRET_NAME =
  '(?:keys?|tokens?|secrets?|password|passwd|pwd|_pw|pass|passphrase|credentials?|auth|authorization|signature)';

/** A JSON field that may stand between a pair's name and its value ("Type": "SecureString", "tags": {}). */
const OTHER_FIELD =
  '[ \\t\\r\\n]{0,40}"[A-Za-z_]{1,30}"[ \\t]{0,3}:[ \\t]{0,3}(?:"[^"\\n]{0,300}"|true|false|null|-?\\d{1,20}|\\{[^{}\\n]{0,300}\\})[ \\t]{0,3},';

export const TOOL_OUTPUT_PATTERNS: readonly CredentialPattern[] = [
  {
    provider: 'generic',
    // Go's net/http refusing a header value (a token with a newline kept): invalid header field
    // value "<token>\n" for key Private-Token (the name comes after the value)
    regex:
      /invalid header field value[ \t]{1,3}"((?:[^"\\\n]|\\[^n]){6,300}?)(?:\\n|\\r|[ \t])*"[ \t]{1,3}for key[ \t]{1,3}((?:x-)?[A-Za-z-]{0,30}(?:token|key|secret|authorization|auth|cookie|password))\b/gi,
    group: 1,
    describe: (v) => (isPasswordPlaceholder(v) ? { kind: '' } : { kind: 'token' }),
  },
  {
    provider: 'aws',
    // Secrets Manager: "SecretString": "..." (often a JSON object of its own, escaped), text output
    regex: /"SecretString"[ \t]{0,3}:[ \t]{0,3}"((?:[^"\\\n]|\\.){3,8000})"/g,
    group: 1,
    describe: (v) => (isPasswordPlaceholder(v) ? { kind: '' } : { kind: 'secret', hideLast4: true }),
  },
  {
    provider: 'generic',
    // Name and value pairs with other fields between them: SSM get-parameter ("Type" between),
    // az webapp appsettings list ("slotSetting"), az keyvault secret show ("tags")
    regex: new RegExp(
      `"(?:name|Name|key|Key)"[ \\t]{0,3}:[ \\t]{0,3}"([A-Za-z0-9_./-]{0,60}${SECRET_NAME}[A-Za-z0-9_./-]{0,20})"[ \\t]{0,3},(?:${OTHER_FIELD}){1,4}[ \\t\\r\\n]{0,40}"(?:value|Value)"[ \\t]{0,3}:[ \\t]{0,3}"([^"\\n]{3,})"`,
      'gi',
    ),
    group: 2,
    describe: (v, m) => nameValueDescribe(m[1] ?? '', v),
  },
  {
    provider: 'azure',
    // az keyvault secret show: the value of a secret whose id is a Key Vault secret URL
    regex:
      /"id"[ \t]{0,3}:[ \t]{0,3}"https:\/\/[A-Za-z0-9-]{1,63}\.vault\.azure\.net\/secrets\/[^"\n]{0,200}"(?:[^{}]|\{[^{}]{0,200}\}){0,600}?"value"[ \t]{0,3}:[ \t]{0,3}"([^"\n]{3,})"/g,
    group: 1,
    describe: (v) => (isPasswordPlaceholder(v) ? { kind: '' } : { kind: 'secret' }),
  },
  {
    provider: 'generic',
    // ARM parameter files and templates: "adminPassword": { "value": "..." }
    regex: new RegExp(
      `"([A-Za-z0-9_.-]{0,60}${SECRET_NAME}[A-Za-z0-9_.-]{0,20})"[ \\t]{0,3}:[ \\t\\r\\n]{0,40}\\{[ \\t\\r\\n]{0,40}"value"[ \\t]{0,3}:[ \\t]{0,3}"([^"\\n]{3,})"`,
      'gi',
    ),
    group: 2,
    describe: (v, m) => nameValueDescribe(m[1] ?? '', v),
  },
  {
    provider: 'generic',
    // Bicep: param adminPassword string = '...'
    regex: new RegExp(
      `\\bparam[ \\t]{1,3}([A-Za-z0-9_]{0,60}${SECRET_NAME}[A-Za-z0-9_]{0,20})[ \\t]{1,3}(?:string|securestring|object|secureObject)[ \\t]{0,3}=[ \\t]{0,3}'([^'\\n]{3,200})'`,
      'gi',
    ),
    group: 2,
    describe: (v, m) => nameValueDescribe(m[1] ?? '', v),
  },
  {
    provider: 'generic',
    // Info.plist: <key>RevenueCatAPIKey</key> <string>...</string>
    regex: new RegExp(
      `<key>([^<\\n]{0,60}${SECRET_NAME}[^<\\n]{0,20})<\\/key>[ \\t\\r\\n]{0,40}<string>([^<\\s]{3,200})<\\/string>`,
      'gi',
    ),
    group: 2,
    describe: (v, m) => nameValueDescribe(m[1] ?? '', v),
  },
  {
    provider: 'generic',
    // AndroidManifest: <meta-data android:name="com.facebook.sdk.ClientToken" android:value="..."/>
    regex: new RegExp(
      `android:name="([^"\\n]{0,100}${SECRET_NAME}[^"\\n]{0,40})"[ \\t\\r\\n]{1,40}android:value="([^"\\s]{3,200})"`,
      'gi',
    ),
    group: 2,
    describe: (v, m) => nameValueDescribe(m[1] ?? '', v),
  },
  {
    provider: 'generic',
    // A REPL or notebook echoing an expression that names a key: `>>> client.api_key` then
    // `'...'`, `In [3]: os.environ["OPENAI_API_KEY"]` then `Out[3]: '...'`, `> process.env.TOKEN`
    regex: new RegExp(
      `^[ \\t]{0,10}(?:In \\[\\d{1,5}\\]:|>>>|>)[ \\t]{0,3}([^\\r\\n]{0,200}?${SECRET_NAME}[^\\r\\n]{0,100})\\r?\\n[ \\t]{0,10}(?:Out\\[\\d{1,5}\\]:[ \\t]{0,3})?["']([^"'\\n]{6,300})["'][ \\t]*$`,
      'gim',
    ),
    group: 2,
    describe: (v, m) => nameValueDescribe(m[1] ?? '', v),
  },
  {
    provider: 'generic',
    // A value printed on the line after the code that prints a key: print(os.getenv("API_KEY")),
    // console.log(process.env.TOKEN), echo $API_KEY
    regex: new RegExp(
      `^[^\\n]{0,200}?\\b(?:print|println|printf|console\\.log|echo|puts|p|pp|fmt\\.Print\\w{0,3}|System\\.out\\.print\\w{0,3}|Write-Host|Write-Output)\\b[^\\n]{0,200}?(${SECRET_NAME})[^\\n]{0,100}\\r?\\n[ \\t]{0,10}["']?([^\\s"']{8,300})["']?[ \\t]*$`,
      'gim',
    ),
    group: 2,
    describe: (v, m) => nameValueDescribe(m[1] ?? '', v),
  },
  {
    provider: 'generic',
    // A header name on its line and its value on the next (browser DevTools, Postman's table)
    regex:
      /^[ \t]{0,10}((?:x-)?[A-Za-z-]{0,30}(?:api[-_]?key|token|secret|authorization|auth))[ \t]*:?[ \t]*\r?\n[ \t]{0,10}([^\s]{8,300})[ \t]*$/gim,
    group: 2,
    describe: (v, m) => nameValueDescribe(m[1] ?? '', v),
  },
  {
    provider: 'generic',
    // A YAML block scalar under a secret's name: `password: |` and the value on the next line
    regex: new RegExp(
      `(?<![A-Za-z0-9])([A-Za-z0-9_.-]{0,40}${SECRET_NAME})[ \\t]{0,3}:[ \\t]{0,3}[|>][-+]?[ \\t]*\\r?\\n[ \\t]{1,40}([^\\s]{3,200})`,
      'gi',
    ),
    group: 2,
    describe: (v, m) => nameValueDescribe(m[1] ?? '', v),
  },
];
