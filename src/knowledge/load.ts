import path from 'node:path';
import { checkCrossReferences } from './cross-check.ts';
import { classifyKnowledgeFile } from './file-kinds.ts';
import { crossCheckModel } from './model-file.ts';
import { KnowledgeError, type KnowledgeIssue, sortKnowledgeIssues } from './knowledge-error.ts';
import { type KnowledgeFile, type ParsedKnowledge, parseKnowledgeFiles } from './parse-files.ts';
import { readKnowledgeDir } from './read-dir.ts';
import type { CatalogueEntry, Knowledge } from './schema.ts';
import { checkTree } from './tree-check.ts';

export type { KnowledgeFile } from './parse-files.ts';

export interface LoadOptions {
  /**
   * false: leave the learned model out, unread (training replaces it, so an outdated or broken
   * model file must not stop a retrain)
   */
  model?: boolean;
}

/** Loads and validates a knowledge folder; throws KnowledgeError listing every issue. */
export function loadKnowledge(dir: string, options: LoadOptions = {}): Knowledge {
  const absolute = path.resolve(dir);
  const read = readKnowledgeDir(absolute);
  const files =
    options.model === false ? read.files.filter((f) => classifyKnowledgeFile(f.path).kind !== 'model') : read.files;
  const { issues } = read;
  // a folder that is not there says so once, not as every file it lacks (as kb check does)
  if (issues.length > 0 && files.length === 0) throw new KnowledgeError(issues);
  const result = analyse(files);
  const all = [...issues, ...inFolder(absolute, result.issues)];
  if (all.length > 0 || !result.parsed) throw new KnowledgeError(sortKnowledgeIssues(all));
  return assemble(result.parsed, absolute);
}

/** Validates a knowledge folder without loading it: every issue, [] when it is valid. */
export function checkKnowledgeDir(dir: string): KnowledgeIssue[] {
  const absolute = path.resolve(dir);
  const { files, issues } = readKnowledgeDir(absolute);
  if (issues.length > 0 && files.length === 0) return issues;
  return sortKnowledgeIssues([...issues, ...inFolder(absolute, analyse(files).issues)]);
}

/**
 * Builds a knowledge base from in-memory files whose paths are relative to the knowledge
 * folder (`tree.yaml`, `causes/key-missing.yaml`, ...); throws KnowledgeError like loadKnowledge.
 */
export function buildKnowledge(files: readonly KnowledgeFile[], source = '<memory>'): Knowledge {
  const result = analyse(files);
  if (result.issues.length > 0 || !result.parsed)
    throw new KnowledgeError(sortKnowledgeIssues(result.issues));
  return assemble(result.parsed, source);
}

/** Parse, schema-check and graph-check; `parsed` is only usable when there are no issues. */
function analyse(files: readonly KnowledgeFile[]): { issues: KnowledgeIssue[]; parsed?: ParsedKnowledge } {
  const parsed = parseKnowledgeFiles(files);
  const issues = [...parsed.issues];
  const causeIds = new Set([...parsed.brokenCauseIds, ...parsed.causes.map((c) => c.value.id)]);
  const treeResult = parsed.tree ? checkTree(parsed.tree, causeIds) : undefined;
  if (treeResult) issues.push(...treeResult.issues);
  // A broken cause file makes reachability guesswork, so only judge it when all causes parsed.
  const reachable = parsed.brokenCauseIds.size === 0 ? treeResult?.reachableCauses : undefined;
  issues.push(...checkCrossReferences(parsed, reachable));
  if (parsed.model) {
    const providerIds = new Set((parsed.providers?.value.providers ?? []).map((p) => p.id));
    issues.push(...crossCheckModel(parsed.model.file, parsed.model.value, causeIds, providerIds));
  }
  return { issues, parsed };
}

function inFolder(dir: string, issues: KnowledgeIssue[]): KnowledgeIssue[] {
  return issues.map((issue) => ({ ...issue, file: path.join(dir, issue.file) }));
}

function assemble(parsed: ParsedKnowledge, source: string): Knowledge {
  const tree = parsed.tree!.value;
  const catalogue: CatalogueEntry[] = parsed.catalogues.flatMap(({ value }) =>
    value.errors.map((entry) => ({ ...entry, provider: value.provider })),
  );
  return Object.freeze({
    tree,
    causes: new Map(parsed.causes.map((c) => [c.value.id, c.value])),
    questions: new Map(tree.questions.map((q) => [q.id, q])),
    catalogue: Object.freeze(catalogue),
    providers: new Map((parsed.providers?.value.providers ?? []).map((p) => [p.id, p])),
    ...(parsed.model ? { model: parsed.model.value } : {}),
    tools: new Map((parsed.providers?.value.tools ?? []).map((t) => [t.id, t])),
    phrases: Object.freeze(parsed.phrases?.value.phrases ?? []),
    source,
  });
}
