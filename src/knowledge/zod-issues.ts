import type { z } from 'zod';
import { type FieldPath, formatFieldPath } from './field-path.ts';
import type { KnowledgeIssue } from './knowledge-error.ts';
import type { YamlSource } from './yaml-source.ts';

type ZodIssue = z.core.$ZodIssue;

/** Validates a file's value; every zod issue becomes a KnowledgeIssue at its line and field. */
export function validateWithSchema<S extends z.ZodType>(
  source: YamlSource,
  schema: S,
): { ok: true; value: z.output<S> } | { ok: false; issues: KnowledgeIssue[] } {
  const result = schema.safeParse(source.value);
  if (result.success) return { ok: true, value: result.data };
  return {
    ok: false,
    issues: result.error.issues.flatMap((issue) => toKnowledgeIssues(source, schema, issue)),
  };
}

function toKnowledgeIssues(source: YamlSource, schema: z.ZodType, issue: ZodIssue): KnowledgeIssue[] {
  const fieldPath = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
  if (issue.code === 'unrecognized_keys') {
    const allowed = allowedKeys(schema, fieldPath);
    return issue.keys.map((key) => ({
      file: source.file,
      ...source.keyAt(fieldPath, key),
      field: formatFieldPath([...fieldPath, key]),
      message: unknownFieldMessage(key, allowed),
    }));
  }
  const position = issue.code === 'invalid_key' ? keyOrValue(source, fieldPath) : source.at(fieldPath);
  return [
    {
      file: source.file,
      ...position,
      field: fieldPath.length > 0 ? formatFieldPath(fieldPath) : undefined,
      message: readableMessage(issue),
    },
  ];
}

function keyOrValue(source: YamlSource, fieldPath: FieldPath) {
  const key = fieldPath.at(-1);
  return typeof key === 'string' ? source.keyAt(fieldPath.slice(0, -1), key) : source.at(fieldPath);
}

const INVALID_INPUT_PREFIX = /^Invalid input: /;

/** Zod's own wording, trimmed of boilerplate and made specific where it is vague. */
function readableMessage(issue: ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type': {
      if (/received undefined$/.test(issue.message)) return `is required (expected ${issue.expected})`;
      return issue.message.replace(INVALID_INPUT_PREFIX, '');
    }
    case 'invalid_key': {
      const key = String(issue.path.at(-1));
      const why = issue.issues.map((inner) => inner.message).join('; ');
      return `key ${JSON.stringify(key)} ${why}`;
    }
    case 'invalid_format':
      if (issue.format === 'url') return 'must be a full URL like https://example.com/docs';
      return issue.message;
    default:
      return issue.message.replace(INVALID_INPUT_PREFIX, '');
  }
}

function unknownFieldMessage(key: string, allowed: string[]): string {
  const suggestion = closest(key, allowed);
  const hint = suggestion ? ` (did you mean "${suggestion}"?)` : '';
  const list = allowed.length > 0 ? `; allowed: ${allowed.join(', ')}` : '';
  return `unknown field "${key}"${hint}${list}`;
}

/** Largest edit distance still worth a "did you mean". */
const MAX_SUGGESTION_DISTANCE = 2;

function closest(key: string, candidates: string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = MAX_SUGGESTION_DISTANCE + 1;
  for (const candidate of candidates) {
    const distance = editDistance(key.toLowerCase(), candidate.toLowerCase());
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
    }
    previous = current;
  }
  return previous[b.length]!;
}

type SchemaDef = {
  type: string;
  shape?: Record<string, unknown>;
  element?: unknown;
  innerType?: unknown;
  valueType?: unknown;
  in?: unknown;
};

function defOf(schema: unknown): SchemaDef | undefined {
  return (schema as { _zod?: { def?: SchemaDef } } | undefined)?._zod?.def;
}

/** The field names the object schema at `fieldPath` accepts (walks zod's own definitions). */
function allowedKeys(schema: z.ZodType, fieldPath: FieldPath): string[] {
  let current: unknown = schema;
  for (let i = 0; i <= fieldPath.length; i++) {
    current = unwrap(current);
    if (i === fieldPath.length) break;
    const def = defOf(current);
    if (def?.type === 'object') current = def.shape?.[String(fieldPath[i])];
    else if (def?.type === 'array') current = def.element;
    else if (def?.type === 'record') current = def.valueType;
    else return [];
  }
  const def = defOf(current);
  return def?.type === 'object' && def.shape ? Object.keys(def.shape) : [];
}

const WRAPPERS = new Set(['optional', 'default', 'nullable', 'prefault', 'readonly', 'catch']);

function unwrap(schema: unknown): unknown {
  let current = schema;
  for (let def = defOf(current); def; def = defOf(current)) {
    if (WRAPPERS.has(def.type)) current = def.innerType;
    else if (def.type === 'pipe') current = def.in;
    else break;
  }
  return current;
}
