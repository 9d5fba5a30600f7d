/** What may be said about a credential found in text: never its value. */
export interface CredentialFingerprint {
  /** e.g. 'openai', 'stripe', 'aws', 'github', 'slack', 'discord', 'jwt', 'generic' */
  provider: string;
  /** e.g. 'secret key', 'restricted key', 'personal access token', 'bot token', 'JWT' */
  kind: string;
  /** last four characters, or '' when the credential is too short to show any */
  last4: string;
  /** true when it looks like a working production credential that must be rotated */
  live: boolean;
  /** how it appears in redacted text, e.g. `[openai secret key …a1b2]` */
  label: string;
}
