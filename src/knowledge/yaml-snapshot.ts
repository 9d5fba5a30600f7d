/**
 * The parsed YAML of a knowledge folder, kept as JSON in `model/parsed-yaml.json` (written by
 * `keydoctor kb snapshot` and `keydoctor train`): start-up reads JSON about forty times faster than
 * YAML, and parsing the YAML was most of the time a cold start spent loading the knowledge.
 *
 * It only stands in for the parser: each entry carries the sha256 of the exact text it was parsed
 * from, a file whose text changed since is parsed from its YAML again, and every value still goes
 * through its file's schema and the cross-checks. Where a field is written (for an issue) is still
 * worked out from the YAML text itself.
 */
import { createHash } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import { z } from 'zod';
import { classifyKnowledgeFile, SNAPSHOT_PATH } from './file-kinds.ts';
import { jsonFileIssues } from './json-file-issues.ts';
import type { KnowledgeIssue } from './knowledge-error.ts';
import { parseYamlSource } from './yaml-source.ts';

export { SNAPSHOT_PATH };
export const SNAPSHOT_FORMAT = 'keydoctor-yaml-snapshot';
export const SNAPSHOT_VERSION = 1;

const snapshotSchema = z.strictObject({
  format: z.literal(SNAPSHOT_FORMAT),
  version: z.literal(SNAPSHOT_VERSION),
  /** knowledge-folder path -> the sha256 of the text parsed and the value it parsed to */
  files: z.record(
    z.string().min(1),
    z.strictObject({ sha256: z.string().regex(/^[0-9a-f]{64}$/), value: z.unknown() }),
  ),
});

/** Parsed values by path, each with the hash of the text it came from. */
export type YamlSnapshot = ReadonlyMap<string, { sha256: string; value: unknown }>;

export const hashText = (text: string): string => createHash('sha256').update(text).digest('hex');

/** The snapshot's value for `file` when it was parsed from exactly `text`, else undefined. */
export function snapshotValue(snapshot: YamlSnapshot | undefined, file: string, text: string): { value: unknown } | undefined {
  const entry = snapshot?.get(file);
  return entry && entry.sha256 === hashText(text) ? { value: entry.value } : undefined;
}

/** Parses and schema-checks a snapshot file's text; problems name the file and field. */
export function parseSnapshotFile(
  file: string,
  text: string,
): { ok: true; value: YamlSnapshot } | { ok: false; issues: KnowledgeIssue[] } {
  const hint = 'delete it or run `keydoctor kb snapshot` to write it again';
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { ok: false, issues: [{ file, message: `is not valid JSON (${(error as Error).message}): ${hint}` }] };
  }
  const result = snapshotSchema.safeParse(json);
  if (!result.success) return { ok: false, issues: jsonFileIssues(file, result.error, `: ${hint}`) };
  return { ok: true, value: new Map(Object.entries(result.data.files)) };
}

/**
 * How many of a folder's knowledge YAML files its snapshot holds as they are now (the rest are
 * parsed at start-up); undefined when it has no valid snapshot.
 */
export function snapshotCoverage(
  files: readonly { path: string; text: string }[],
): { current: number; total: number } | undefined {
  const file = files.find((f) => classifyKnowledgeFile(f.path).kind === 'snapshot');
  const parsed = file && parseSnapshotFile(file.path, file.text);
  if (!parsed?.ok) return undefined;
  const yaml = files.filter((f) => isSnapshotKind(classifyKnowledgeFile(f.path).kind));
  const current = yaml.filter((f) => snapshotValue(parsed.value, f.path, f.text) !== undefined).length;
  return { current, total: yaml.length };
}

/** The kinds of file a snapshot holds: the knowledge YAML files. */
const isSnapshotKind = (kind: string): boolean =>
  kind === 'tree' || kind === 'providers' || kind === 'phrases' || kind === 'cause' || kind === 'catalogue';

/**
 * The snapshot file's text for a folder's files: every knowledge YAML file that parses, whose value
 * JSON keeps as it is (a value JSON would change, such as `.inf`, is left to the YAML parser).
 */
export function formatSnapshot(files: readonly { path: string; text: string }[]): { text: string; files: number } {
  const entries: string[] = [];
  for (const file of [...files].sort((a, b) => a.path.localeCompare(b.path))) {
    if (!isSnapshotKind(classifyKnowledgeFile(file.path).kind)) continue;
    const parsed = parseYamlSource(file.path, file.text);
    if (!parsed.ok) continue;
    const json = JSON.stringify(parsed.source.value);
    if (json === undefined || !isDeepStrictEqual(JSON.parse(json), parsed.source.value)) continue;
    entries.push(`    ${JSON.stringify(file.path)}: {"sha256": "${hashText(file.text)}", "value": ${json}}`);
  }
  const text = `{\n  "format": "${SNAPSHOT_FORMAT}",\n  "version": ${SNAPSHOT_VERSION},\n  "files": {\n${entries.join(',\n')}\n  }\n}\n`;
  return { text, files: entries.length };
}
