/**
 * How a matched provider error string reads in a reason. Catalogue strings are often fragments of
 * a longer message ("but a test mode key was used ..."), so a fragment is quoted as part of the
 * message rather than as all the API said, and the catch-all `generic` provider is not named.
 */

import { GENERIC_PROVIDER } from '../evidence/provider.ts';

/** True when `match` starts mid-sentence: a lowercase word or punctuation. */
function isFragment(match: string): boolean {
  return /^[a-z,;:.)\]'"-]/.test(match.trim());
}

/** "the API says `X` (stripe)" or "the API's message includes `…x`". */
export function apiSays(match: string, provider?: string): string {
  const quoted = isFragment(match)
    ? `the API's message includes \`…${match.trim()}\``
    : `the API says \`${match.trim()}\``;
  return provider && provider !== GENERIC_PROVIDER ? `${quoted} (${provider})` : quoted;
}

/** The text quoted in a reason made by apiSays, lowercased, or undefined for other reasons. */
export function quotedApiText(reason: string): string | undefined {
  const m = /^the API(?: says|'s message includes) `…?([^`]*)`/.exec(reason);
  return m?.[1]?.toLowerCase();
}
