/** A path into a YAML document: map keys and sequence indexes. */
export type FieldPath = readonly (string | number)[];

const PLAIN_KEY = /^[A-Za-z_][\w:-]*$/;

/** Renders `['fix', 2, 'text']` as `fix[2].text`; odd keys are quoted: `provider_notes["a b"]`. */
export function formatFieldPath(fieldPath: FieldPath): string {
  let out = '';
  for (const part of fieldPath) {
    if (typeof part === 'number') out += `[${part}]`;
    else if (PLAIN_KEY.test(part)) out += out === '' ? part : `.${part}`;
    else out += `[${JSON.stringify(part)}]`;
  }
  return out;
}
