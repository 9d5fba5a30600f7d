/** The warning shown when a live-looking credential was pasted: rotate it. Never contains the key. */
import type { CredentialFingerprint, ReplyBlock } from '../types.ts';

/**
 * How a credential is named: "openai project key", but "JWT" rather than "jwt JWT" when the kind
 * already names the provider.
 */
function credentialName(c: CredentialFingerprint): string {
  const kind = c.kind.toLowerCase();
  if (c.provider === 'generic' || kind.includes(c.provider.toLowerCase())) return c.kind;
  return `${c.provider} ${c.kind}`;
}

/** `**name** ending in \`abcd\``, the way a credential is shown in the warning. */
function shown(name: string, c: CredentialFingerprint): string {
  return `**${name}**${c.last4 ? ` ending in \`${c.last4}\`` : ''}`;
}

/** "a live **openai project key** …", but "a **stripe live secret key** …" without saying "live" twice. */
function describeOne(c: CredentialFingerprint): string {
  const name = credentialName(c);
  const live = /\blive\b/i.test(name) ? '' : 'live ';
  const first = live || name;
  return `${/^[aeiou]/i.test(first) ? 'an' : 'a'} ${live}${shown(name, c)}`;
}

/** A warning block for the live credentials among `credentials`, or undefined when there are none. */
export function credentialWarning(credentials: readonly CredentialFingerprint[]): ReplyBlock | undefined {
  const live = credentials.filter((c) => c.live);
  if (live.length === 0) return undefined;
  const one = live.length === 1;
  const what = one
    ? `what looks like ${describeOne(live[0]!)}`
    : `what look like live credentials (${live.map((c) => shown(credentialName(c), c)).join(', ')})`;
  const it = one ? 'it' : 'them';
  return {
    type: 'warning',
    text: [
      `You pasted ${what}. I did not store ${it}, but treat ${it} as leaked: anyone who can read this chat can use ${it}.`,
      `1. Revoke (delete or roll) ${it} now in the provider's dashboard or console.`,
      `2. Create ${one ? 'a new key' : 'new keys'} with only the permissions you need.`,
      `3. Update your secrets everywhere ${one ? 'the old one is' : 'the old ones are'} used: .env files, CI secrets, hosting settings, secret managers.`,
      `4. Check the provider's usage logs for calls you did not make, and your git history for the old ${one ? 'key' : 'keys'}.`,
      'Next time, paste it as `sk-...abcd` or `xxx`: I only need its shape.',
    ].join('\n'),
  };
}
