import { load as loadPlain } from 'js-yaml';
import { type Document, isMap, isScalar, LineCounter, parseDocument } from 'yaml';
import type { FieldPath } from './field-path.ts';
import type { KnowledgeIssue } from './knowledge-error.ts';

/** A line and column, both 1-based, as editors show them. */
export type Position = { line: number; column: number };

/** One parsed YAML file that can say where any field of it is written. */
export interface YamlSource {
  readonly file: string;
  /** the plain JavaScript value of the document */
  readonly value: unknown;
  /** where the node at `fieldPath` starts; falls back to its nearest existing parent */
  at(fieldPath: FieldPath): Position;
  /** where the key `key` of the mapping at `mapPath` is written (for unknown or duplicate keys) */
  keyAt(mapPath: FieldPath, key: string): Position;
}

export type YamlParseResult = { ok: true; source: YamlSource } | { ok: false; issues: KnowledgeIssue[] };

type Ranged = { range?: [number, number, number] | null };

const FIRST: Position = { line: 1, column: 1 };
/** guards against alias expansion bombs in hand-written files */
const MAX_ALIAS_COUNT = 100;

/**
 * An anchor (`&name`) where a node can start (line start, after `key:`, `-`, `[`, `{` or `,`): such
 * files take the full parser, which bounds alias expansion. A shell `&&` in a code sample is not one.
 */
const ANCHOR = /(?:^|:[ \t]+|-[ \t]+|[[{,][ \t]*)&[^\s&]/m;

/** Whether the text may define an anchor, so it must go through the full parser. */
export const mayHoldAnchor = (text: string): boolean => ANCHOR.test(text);

/**
 * Parses one YAML file; syntax errors come back as issues with their line and column.
 *
 * A well-formed file is read with js-yaml (YAML 1.2 core schema, as `yaml` reads it, and about
 * three times faster at start-up); where each field is written is only worked out, by `yaml`'s
 * document parser, when a problem has to be reported. Anything js-yaml refuses (a syntax error, a
 * duplicate key, an empty file) or a file with anchors goes through `yaml`, which names the line.
 */
export function parseYamlSource(file: string, text: string): YamlParseResult {
  if (!mayHoldAnchor(text)) {
    let value: unknown;
    try {
      value = loadPlain(text, { maxAliases: 0 });
    } catch {
      return parseLocated(file, text);
    }
    return { ok: true, source: sourceOfValue(file, text, value) };
  }
  return parseLocated(file, text);
}

/**
 * A source for a value already read from `text` (by js-yaml, or from the parsed snapshot): where a
 * field is written is only worked out, by `yaml`'s document parser, when an issue asks for it.
 */
export function sourceOfValue(file: string, text: string, value: unknown): YamlSource {
  let located: YamlSource | undefined | null;
  // `yaml` refusing what was read is not expected; the issue then points at the file's start
  const full = (): YamlSource | null => {
    if (located === undefined) {
      const result = parseLocated(file, text);
      located = result.ok ? result.source : null;
    }
    return located;
  };
  return {
    file,
    value,
    at: (fieldPath) => full()?.at(fieldPath) ?? FIRST,
    keyAt: (mapPath, key) => full()?.keyAt(mapPath, key) ?? FIRST,
  };
}

/** Parses with `yaml`'s document parser, which keeps every node's position. */
function parseLocated(file: string, text: string): YamlParseResult {
  const lineCounter = new LineCounter();
  // prettyErrors off: we add the position ourselves and keep the message to one line
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  const toPosition = (offset: number): Position => {
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col };
  };
  if (doc.errors.length > 0) {
    return {
      ok: false,
      issues: doc.errors.map((error) => ({
        file,
        ...toPosition(error.pos[0]),
        message: `YAML syntax error: ${firstLine(error.message)}`,
      })),
    };
  }
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (error) {
    // e.g. an alias bomb: too many alias expansions
    return { ok: false, issues: [{ file, ...FIRST, message: `YAML could not be read: ${String(error)}` }] };
  }
  return {
    ok: true,
    source: {
      file,
      value,
      at: (fieldPath) => positionOf(doc, fieldPath, toPosition),
      keyAt: (mapPath, key) =>
        keyPositionOf(doc, mapPath, key, toPosition) ?? positionOf(doc, mapPath, toPosition),
    },
  };
}

function positionOf(doc: Document, fieldPath: FieldPath, toPosition: (offset: number) => Position): Position {
  for (let depth = fieldPath.length; depth >= 0; depth--) {
    const node = (depth === 0 ? doc.contents : doc.getIn(fieldPath.slice(0, depth), true)) as
      | Ranged
      | undefined;
    if (node?.range) return toPosition(node.range[0]);
  }
  return FIRST;
}

function keyPositionOf(
  doc: Document,
  mapPath: FieldPath,
  key: string,
  toPosition: (offset: number) => Position,
): Position | undefined {
  const map = mapPath.length === 0 ? doc.contents : doc.getIn(mapPath, true);
  if (!isMap(map)) return undefined;
  for (const pair of map.items) {
    const pairKey = pair.key;
    const name = isScalar(pairKey) ? String(pairKey.value) : String(pairKey);
    if (name === key && (pairKey as Ranged)?.range) return toPosition((pairKey as Ranged).range![0]);
  }
  return undefined;
}

/** What the top of a document is, for "must be a mapping" messages. */
export function describeYamlValue(value: unknown): string {
  if (value === null || value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  return `a ${typeof value} (${JSON.stringify(value).slice(0, 40)})`;
}

function firstLine(message: string): string {
  return message.split('\n', 1)[0]!.trim();
}
