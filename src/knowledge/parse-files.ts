import type { z } from 'zod';
import { classifyKnowledgeFile, KNOWN_LAYOUT, normaliseKnowledgePath } from './file-kinds.ts';
import type { ScorerModel } from '../engine/model/scorer-model.ts';
import type { KnowledgeIssue } from './knowledge-error.ts';
import { parseModelFile } from './model-file.ts';
import {
  type Cause,
  catalogueFileSchema,
  causeSchema,
  type PhraseGroup,
  phrasesFileSchema,
  type Provider,
  type Tool,
  providersFileSchema,
  type Tree,
  treeSchema,
} from './schema.ts';
import { parseSnapshotFile, snapshotValue, type YamlSnapshot } from './yaml-snapshot.ts';
import { describeYamlValue, parseYamlSource, sourceOfValue, type YamlSource } from './yaml-source.ts';
import { validateWithSchema } from './zod-issues.ts';

/** One knowledge file as text, its path relative to the knowledge folder. */
export type KnowledgeFile = { path: string; text: string };

/** A file that parsed and passed its schema. */
export interface Parsed<T> {
  file: string;
  source: YamlSource;
  value: T;
  /** for causes and catalogues: the file name without folder and extension */
  name: string;
}

export type CatalogueFile = z.output<typeof catalogueFileSchema>;

/** Everything that parsed, plus the ids of files that did not (so they do not cascade into more issues). */
export interface ParsedKnowledge {
  tree?: Parsed<Tree>;
  providers?: Parsed<{ providers: Provider[]; tools?: Tool[] }>;
  phrases?: Parsed<{ phrases: PhraseGroup[] }>;
  causes: Parsed<Cause>[];
  catalogues: Parsed<CatalogueFile>[];
  /** the learned scorer, when the folder has one */
  model?: { file: string; value: ScorerModel };
  /** cause ids (or file names) of cause files that failed their schema */
  brokenCauseIds: Set<string>;
  /** provider ids read from a providers file that failed its schema */
  brokenProviderIds: Set<string>;
  /** true when a tree or providers file exists but is broken: checks that need it are skipped */
  treeBroken: boolean;
  providersBroken: boolean;
  issues: KnowledgeIssue[];
}

const EXPECTED_SHAPE = {
  tree: 'a mapping with `root:` and `questions:`',
  providers: 'a mapping with `providers:`',
  phrases: 'a mapping with `phrases:`',
  cause: 'a mapping with `id:`, `title:`, `summary:`, `confirm:`, `fix:`, `prevent:` and `symptoms:`',
  catalogue: 'a mapping with `provider:` and `errors:`',
} as const;

/** Parses and schema-checks every file; never throws, collects every issue. */
export function parseKnowledgeFiles(files: readonly KnowledgeFile[]): ParsedKnowledge {
  const parsed: ParsedKnowledge = {
    causes: [],
    catalogues: [],
    brokenCauseIds: new Set(),
    brokenProviderIds: new Set(),
    treeBroken: false,
    providersBroken: false,
    issues: [],
  };
  const sorted = [...files].sort((a, b) => a.path.localeCompare(b.path));
  const snapshot = readSnapshot(sorted, parsed);
  for (const file of sorted) parseOne(file, parsed, snapshot);
  if (!parsed.tree && !parsed.treeBroken) {
    parsed.issues.push({
      file: 'tree.yaml',
      message: `is missing: a knowledge folder holds ${KNOWN_LAYOUT}`,
    });
  }
  if (!parsed.providers && !parsed.providersBroken) {
    parsed.issues.push({
      file: 'providers.yaml',
      message: `is missing: a knowledge folder holds ${KNOWN_LAYOUT}`,
    });
  }
  if (parsed.causes.length === 0 && parsed.brokenCauseIds.size === 0) {
    parsed.issues.push({
      file: 'causes/',
      message: 'holds no cause files: the tree needs at least one cause leaf',
    });
  }
  return parsed;
}

/** The folder's parsed YAML snapshot, when it has a valid one; a broken one is an issue. */
function readSnapshot(files: readonly KnowledgeFile[], parsed: ParsedKnowledge): YamlSnapshot | undefined {
  const file = files.find((f) => classifyKnowledgeFile(f.path).kind === 'snapshot');
  if (!file) return undefined;
  const result = parseSnapshotFile(file.path, file.text);
  if (result.ok) return result.value;
  parsed.issues.push(...result.issues);
  return undefined;
}

function parseOne(file: KnowledgeFile, parsed: ParsedKnowledge, snapshot: YamlSnapshot | undefined): void {
  const kind = classifyKnowledgeFile(file.path);
  if (kind.kind === 'ignored' || kind.kind === 'snapshot') return;
  const fileName = file.path;
  if (kind.kind === 'model') {
    const result = parseModelFile(file.path, file.text);
    if (result.ok) parsed.model = { file: file.path, value: result.value };
    else parsed.issues.push(...result.issues);
    return;
  }
  if (kind.kind === 'unknown-yaml') {
    parsed.issues.push({
      file: fileName,
      message: `is not a knowledge file: expected only ${KNOWN_LAYOUT}`,
    });
    return;
  }
  if (
    (kind.kind === 'tree' && (parsed.tree || parsed.treeBroken)) ||
    (kind.kind === 'providers' && (parsed.providers || parsed.providersBroken))
  ) {
    parsed.issues.push({ file: fileName, message: `is a second ${kind.kind} file: keep only one` });
    return;
  }
  const name = 'name' in kind ? kind.name : normaliseKnowledgePath(file.path);
  const markBroken = (source?: YamlSource) => {
    if (kind.kind === 'tree') parsed.treeBroken = true;
    if (kind.kind === 'providers') {
      parsed.providersBroken = true;
      for (const id of rawIds(source?.value, 'providers')) parsed.brokenProviderIds.add(id);
    }
    if (kind.kind === 'cause') parsed.brokenCauseIds.add(rawId(source?.value) ?? name);
  };

  const cached = snapshotValue(snapshot, fileName, file.text);
  const yaml = cached
    ? { ok: true as const, source: sourceOfValue(fileName, file.text, cached.value) }
    : parseYamlSource(fileName, file.text);
  if (!yaml.ok) {
    parsed.issues.push(...yaml.issues);
    markBroken();
    return;
  }
  const { source } = yaml;
  if (!isPlainMapping(source.value)) {
    const found = describeYamlValue(source.value);
    const message =
      found === 'nothing'
        ? `is empty: expected ${EXPECTED_SHAPE[kind.kind]}`
        : `must be ${EXPECTED_SHAPE[kind.kind]}, found ${found}`;
    parsed.issues.push({ file: fileName, line: 1, column: 1, message });
    markBroken(source);
    return;
  }

  switch (kind.kind) {
    case 'tree': {
      const result = validateWithSchema(source, treeSchema);
      if (result.ok) parsed.tree = { file: fileName, source, value: result.value, name };
      else fail(result.issues);
      return;
    }
    case 'providers': {
      const result = validateWithSchema(source, providersFileSchema);
      if (result.ok) parsed.providers = { file: fileName, source, value: result.value, name };
      else fail(result.issues);
      return;
    }
    case 'phrases': {
      const result = validateWithSchema(source, phrasesFileSchema);
      if (result.ok) parsed.phrases = { file: fileName, source, value: result.value, name };
      else fail(result.issues);
      return;
    }
    case 'cause': {
      const result = validateWithSchema(source, causeSchema);
      if (result.ok) parsed.causes.push({ file: fileName, source, value: result.value, name });
      else fail(result.issues);
      return;
    }
    case 'catalogue': {
      const result = validateWithSchema(source, catalogueFileSchema);
      if (result.ok) parsed.catalogues.push({ file: fileName, source, value: result.value, name });
      else parsed.issues.push(...result.issues);
      return;
    }
  }

  function fail(issues: KnowledgeIssue[]) {
    parsed.issues.push(...issues);
    markBroken(source);
  }
}

function isPlainMapping(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Map);
}

function rawId(value: unknown): string | undefined {
  if (!isPlainMapping(value)) return undefined;
  return typeof value.id === 'string' ? value.id : undefined;
}

function rawIds(value: unknown, listKey: string): string[] {
  if (!isPlainMapping(value)) return [];
  const list = value[listKey];
  if (!Array.isArray(list)) return [];
  return list.map(rawId).filter((id): id is string => id !== undefined);
}
