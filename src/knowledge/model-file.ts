/**
 * Reads the learned scorer's file inside a knowledge folder (`model/scorer.json`). JSON rather than
 * YAML: it is written by `keydoctor train`, not by hand, and parses fast. Problems come back as
 * issues naming the file and field; the loader refuses the knowledge base on any of them.
 */
import { jsonFileIssues, MAX_JSON_FILE_ISSUES } from './json-file-issues.ts';
import type { KnowledgeIssue } from './knowledge-error.ts';
import {
  checkModel,
  fromVersion1,
  type ScorerModel,
  type ScorerModelV1,
  scorerModelSchema,
  scorerModelV1Schema,
  scorerModelV2Schema,
  scorerModelV3Schema,
  MODEL_VERSION,
} from '../engine/model/scorer-model.ts';

/** Parses and schema-checks a model file's text. */
export function parseModelFile(
  file: string,
  text: string,
): { ok: true; value: ScorerModel } | { ok: false; issues: KnowledgeIssue[] } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { ok: false, issues: [{ file, message: `is not valid JSON: ${(error as Error).message}` }] };
  }
  const version = typeof json === 'object' && json !== null ? (json as { version?: unknown }).version : undefined;
  const isVersion1 = version === 1;
  const result = isVersion1
    ? scorerModelV1Schema.safeParse(json)
    : version === 2
      ? scorerModelV2Schema.safeParse(json)
      : version === 3
        ? scorerModelV3Schema.safeParse(json)
        : scorerModelSchema.safeParse(json);
  if (result.success) {
    // Version 2 is version 4 without the likelihood and the neighbours, version 3 without the neighbours.
    if (version === 2 || version === 3)
      return { ok: true, value: { ...(result.data as ScorerModel), version: MODEL_VERSION } };
    if (!isVersion1) return { ok: true, value: result.data as ScorerModel };
    const { model, unlisted } = fromVersion1(result.data as ScorerModelV1);
    if (unlisted.length === 0) return { ok: true, value: model };
    return { ok: false, issues: unlisted.slice(0, MAX_MODEL_ISSUES).map((issue) => ({ file, ...issue })) };
  }
  return { ok: false, issues: jsonFileIssues(file, result.error) };
}

const MAX_MODEL_ISSUES = MAX_JSON_FILE_ISSUES;

/** The model's causes and features checked against the knowledge base's causes and providers. */
export function crossCheckModel(
  file: string,
  model: ScorerModel,
  causeIds: ReadonlySet<string>,
  providerIds: ReadonlySet<string>,
): KnowledgeIssue[] {
  return checkModel(model, causeIds, providerIds)
    .slice(0, MAX_MODEL_ISSUES)
    .map((issue) => ({ file, field: issue.field, message: issue.message }));
}
