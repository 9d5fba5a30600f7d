/** Issues of a generated JSON file (the model, the YAML snapshot) from its zod errors: file and field named. */
import type { z } from 'zod';
import { formatFieldPath } from './field-path.ts';
import type { KnowledgeIssue } from './knowledge-error.ts';

/** A broken generated file can have thousands of bad entries; the first ones say enough. */
export const MAX_JSON_FILE_ISSUES = 20;

export function jsonFileIssues(file: string, error: z.ZodError, suffix = ''): KnowledgeIssue[] {
  return error.issues.slice(0, MAX_JSON_FILE_ISSUES).map((issue) => {
    const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
    return {
      file,
      ...(path.length > 0 ? { field: formatFieldPath(path) } : {}),
      message: `${issue.message}${suffix}`,
    };
  });
}
