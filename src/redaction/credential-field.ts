/**
 * Object fields that hold a credential by their name (`apiKey`, `api_key`, `x-api-key`,
 * `client_secret`, `refresh_token`, `password`, `Authorization`, `Cookie`): their value is withheld
 * whatever its shape, since a value on its own (a 24-character token, a short password) may look
 * like nothing. Counts, flags and settings about credentials (`maxTokens`, `tokenCount`,
 * `token_type`, `secretName`) are not such fields.
 */

/** The label that stands for a withheld field value. */
export const WITHHELD = '[credential]';

const NAMED =
  /(?:^|_)(?:api_?key|apikey|access_key|secret_key|private_key|signing_key|master_key|encryption_key|auth_key|subscription_key|functions_key|client_secret|webhook_secret|secret|password|passwd|pass|pwd|passphrase|authorization|proxy_authorization|cookie|set_cookie|credentials?|token|auth_token|access_token|refresh_token|id_token|session_token|private_token|bearer)$/;

/** A field that names another field (`{"name": "x-api-key", "value": "..."}`, as HAR files and env lists do). */
const NAME_FIELDS = ['name', 'Name', 'key', 'Key', 'ParameterKey'] as const;
const VALUE_FIELDS = ['value', 'Value', 'ParameterValue'] as const;

/**
 * The field of a name/value pair object whose value is a credential, by the name it carries:
 * `value` in `{"name": "Authorization", "value": "..."}`; undefined when there is none.
 */
export function pairedCredentialField(value: Record<string, unknown>): string | undefined {
  const name = NAME_FIELDS.map((f) => value[f]).find((v) => typeof v === 'string');
  if (typeof name !== 'string' || !isCredentialField(name.split('/').at(-1) ?? name)) return undefined;
  return VALUE_FIELDS.find((f) => typeof value[f] === 'string');
}

/** `apiKey` -> `api_key`, `X-Api-Key` -> `x_api_key`. */
function snake(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/[-.\s]+/g, '_')
    .toLowerCase();
}

/** True when a field of this name holds a credential. */
export function isCredentialField(name: string): boolean {
  return name.length <= 80 && NAMED.test(snake(name));
}

/** True when a field's value is to be withheld: a non-empty string under a credential's name. */
export function withholds(name: string, value: unknown): boolean {
  return typeof value === 'string' && value.length > 0 && isCredentialField(name);
}
