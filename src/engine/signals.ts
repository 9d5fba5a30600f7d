/**
 * The closed vocabulary of evidence signals. Extractors emit these; knowledge files weight them
 * (a cause's `signals:` map, an answer's `implied_by:` list). The loader rejects unknown names,
 * so a typo in a YAML file fails `kb check` instead of silently never matching.
 */
export const SIGNALS = {
  // HTTP status codes seen in the message (pasted output, "getting a 403", ...)
  'status:401': 'a 401 Unauthorized was seen',
  'status:403': 'a 403 Forbidden was seen',
  'status:429': 'a 429 Too Many Requests was seen',
  'status:400': 'a 400 Bad Request was seen',
  'status:404': 'a 404 Not Found was seen',
  'status:redirect': 'a 301/302/307/308 redirect was seen',
  'status:preflight': 'a failing OPTIONS / preflight request was seen',

  // The Authorization header and its scheme, from a pasted header, curl line or code
  'header:authorization': 'the key is sent in an Authorization header',
  'header:x-api-key': 'the key is sent in an x-api-key header',
  'header:api-key': 'the key is sent in an api-key header (Azure style)',
  'header:other': 'the key is sent in some other custom header',
  'header:query-param': 'the key is sent as a URL query parameter',
  'header:none': 'a request was pasted but it carries no credential at all',
  'header:organization':
    'an organization, project or workspace is named with the request (OpenAI-Organization, OpenAI-Project, organization=)',
  'scheme:bearer': 'Authorization uses the Bearer scheme',
  'scheme:bearer-lowercase': 'Authorization uses a lowercase "bearer"',
  'scheme:none': 'Authorization carries a bare key with no scheme',
  'scheme:no-space': 'the scheme is glued to the key ("Bearersk-...")',
  'scheme:token': 'Authorization uses the Token scheme',
  'scheme:basic': 'Authorization uses the Basic scheme',
  'scheme:bot': 'Authorization uses the Bot scheme (Discord)',
  'scheme:other': 'Authorization uses some other scheme',
  'provider-auth:wrong-header':
    'the header does not match what the provider expects (e.g. Bearer sent to Anthropic)',
  'provider-auth:wrong-scheme':
    'the scheme does not match what the provider expects (e.g. Bearer where Discord wants Bot)',

  // The key value itself (never stored: only these facts and a fingerprint)
  'key:undefined': 'the key value is undefined/null/None/empty or an unexpanded $VARIABLE',
  'key:placeholder': 'the key value is a placeholder such as YOUR_API_KEY or <token>',
  'key:quoted': 'quotes are part of the key value',
  'key:whitespace': 'whitespace, a newline or %0A/%20 surrounds or splits the key',
  'key:zero-width': 'an invisible zero-width or non-breaking character is inside the key',
  'key:test': 'a test/sandbox key shape (sk_test_, pk_test_, ...)',
  'key:live': 'a live/production key shape (sk_live_, ...)',
  'key:restricted': 'a restricted key shape (Stripe rk_)',
  'key:publishable': 'a publishable key shape (Stripe pk_) used where a secret key is needed',
  'key:provider-mismatch': "the key's shape belongs to another provider than the API called",
  'key:pasted': 'something shaped like a real credential was pasted',
  'key:sent':
    'the API received a credential and refused it (its error names a bad, not a missing, credential)',
  'key:static':
    'a static API key is used (an sk-/AIza/hf_/SG. shape or an SDK *_API_KEY variable), not a short-lived token',

  // JWTs decoded locally (signature not checked)
  'jwt:expired': "a JWT's exp is in the past",
  'jwt:not-yet-valid': "a JWT's nbf or iat is in the future",
  'jwt:valid-time': "a JWT's time claims are fine right now",

  // Where the code runs
  'runtime:browser': 'the call is made from a browser / frontend bundle',
  'runtime:container': 'the code runs in Docker / Kubernetes / compose',
  'runtime:ci': 'the code runs in CI (GitHub Actions, GitLab CI, ...)',
  'runtime:serverless': 'the code runs on serverless or edge (Vercel, Lambda, Netlify, Workers)',
  'runtime:deployed': 'the code runs on a server / production / staging',
  'runtime:localhost': 'the code runs on localhost / a dev machine',
  'runtime:server-code':
    'the call comes from code outside a browser: a script, a CLI, a backend SDK or a CI job',
  'runtime:proxy': 'a proxy, gateway, load balancer or CDN sits in front of the API',

  // Symptoms stated in words, in any language (phrases.yaml maps other languages' phrasings here)
  'symptom:invalid-key': 'the user says the key is invalid, wrong or not accepted',
  'symptom:expired-key': 'the user says the key or token has expired',
  'symptom:revoked-key': 'the user says the key was revoked, disabled or deleted',
  'symptom:missing-key': 'the user says the key is not set, not found or empty',
  'symptom:permission-denied': 'the user says permission or access was denied',
  'symptom:quota': 'the user says the quota, credit or balance ran out',
  'symptom:rate-limit': 'the user says requests are rate-limited (too many requests)',
  'symptom:bad-signature': 'the user says a request signature did not match or did not verify',

  // When it fails
  'timeline:worked-before': 'it used to work and stopped ("worked yesterday")',
  'timeline:works-locally': 'it works locally but fails where deployed',
  'timeline:works-inline': 'it works when the key is pasted inline / hard-coded or in curl',
  'timeline:never-worked': 'it never worked, a first attempt',
  'timeline:intermittent': 'it fails only some of the time, or under load',
  'timeline:after-relogin': 'it works again after logging in again / restarting',
  'timeline:after-update': 'it broke after an update, upgrade or new version of a tool or library',

  // How the report is written
  'report:version': 'the report quotes a version number (a bug-report form, a release, a package version)',
} as const;

export type Signal = keyof typeof SIGNALS;

export const SIGNAL_NAMES = Object.keys(SIGNALS) as Signal[];

/** True when `name` is one of the known evidence signals. */
export function isSignal(name: string): name is Signal {
  return Object.hasOwn(SIGNALS, name);
}
