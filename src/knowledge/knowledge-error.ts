import path from 'node:path';

/** One problem found in a knowledge folder, located as precisely as the YAML allows. */
export type KnowledgeIssue = {
  file: string;
  line?: number;
  column?: number;
  /** the field inside the file, as a path like `fix[2].text` */
  field?: string;
  message: string;
};

/** Thrown when a knowledge base does not load: carries every issue found, not just the first. */
export class KnowledgeError extends Error {
  readonly code = 'KNOWLEDGE_INVALID';
  readonly issues: KnowledgeIssue[];

  constructor(issues: KnowledgeIssue[]) {
    super(formatKnowledgeIssues(issues));
    this.name = 'KnowledgeError';
    this.issues = issues;
  }
}

/** Shows an absolute path relative to `cwd` when it lies inside it; other paths unchanged. */
export function displayPath(file: string, cwd: string = process.cwd()): string {
  if (!path.isAbsolute(file)) return file;
  const relative = path.relative(cwd, file);
  if (relative === '' || relative.startsWith('..') || path.isAbsolute(relative)) return file;
  return relative;
}

/** One issue as `file:line:column field: message`. */
export function formatKnowledgeIssue(issue: KnowledgeIssue, cwd?: string): string {
  let where = displayPath(issue.file, cwd);
  if (issue.line !== undefined) {
    where += `:${issue.line}`;
    if (issue.column !== undefined) where += `:${issue.column}`;
  }
  const subject = issue.field ? `${where} ${issue.field}` : where;
  return `${subject}: ${issue.message}`;
}

/** Every issue on its own line, in file and line order. */
export function formatKnowledgeIssues(issues: readonly KnowledgeIssue[], cwd?: string): string {
  return sortKnowledgeIssues(issues)
    .map((issue) => formatKnowledgeIssue(issue, cwd))
    .join('\n');
}

/** Issues ordered by file, then line and column, so a report reads top to bottom. */
export function sortKnowledgeIssues(issues: readonly KnowledgeIssue[]): KnowledgeIssue[] {
  return [...issues].sort(
    (a, b) =>
      a.file.localeCompare(b.file) || (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0),
  );
}
