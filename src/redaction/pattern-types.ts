/** The shape every credential pattern has, shared by the provider and the context patterns. */

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
  /**
   * where, in the value, the secret part starts: a placeholder word before it (a host someone
   * renamed to example.com) does not make the secret after it a placeholder
   */
  judgeFrom?: number;
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
export const B = '(?<![A-Za-z0-9_-])';
