import fs from 'node:fs';
import path from 'node:path';
import { MODEL_PATH } from '../engine/model/scorer-model.ts';
import { SNAPSHOT_PATH } from './file-kinds.ts';
import type { KnowledgeIssue } from './knowledge-error.ts';
import type { KnowledgeFile } from './parse-files.ts';

/** A knowledge file larger than this is a mistake (a pasted dump), not hand-written YAML. */
export const MAX_KNOWLEDGE_FILE_BYTES = 1_000_000;

const YAML_FILE = /\.ya?ml$/i;
/** the sub-folders whose YAML files are read; others (docs, drafts) are left alone */
const KNOWLEDGE_SUBDIRS = ['causes', 'errors', 'model'] as const;
/** The trained scorer is larger than a hand-written file (thousands of weights) but still bounded. */
export const MAX_MODEL_FILE_BYTES = 8_000_000;

/**
 * Reads the YAML files of a knowledge folder (the top level, causes/ and errors/), model/scorer.json
 * and model/parsed-yaml.json.
 * Paths come back relative to `dir`; problems reading come back as issues with absolute paths.
 */
export function readKnowledgeDir(dir: string): { files: KnowledgeFile[]; issues: KnowledgeIssue[] } {
  const files: KnowledgeFile[] = [];
  const issues: KnowledgeIssue[] = [];
  const stat = statOrUndefined(dir);
  if (!stat) return { files, issues: [{ file: dir, message: 'knowledge folder not found' }] };
  if (!stat.isDirectory())
    return {
      files,
      issues: [{ file: dir, message: 'is not a folder: KNOWLEDGE_DIR must name the knowledge folder' }],
    };

  const readFolder = (relativeDir: string) => {
    const absoluteDir = path.join(dir, relativeDir);
    for (const name of fs.readdirSync(absoluteDir).sort()) {
      const relative = relativeDir ? `${relativeDir}/${name}` : name;
      const absolute = path.join(absoluteDir, name);
      const entry = statOrUndefined(absolute);
      if (!entry) continue;
      if (entry.isDirectory()) {
        if (relativeDir === '' && (KNOWLEDGE_SUBDIRS as readonly string[]).includes(name)) readFolder(name);
        continue;
      }
      // the snapshot is as large as the YAML it stands for, well within the model's bound
      const isModel = relative === MODEL_PATH || relative === SNAPSHOT_PATH;
      if (!entry.isFile() || !(YAML_FILE.test(name) || isModel)) continue;
      const limit = isModel ? MAX_MODEL_FILE_BYTES : MAX_KNOWLEDGE_FILE_BYTES;
      if (entry.size > limit) {
        issues.push({
          file: absolute,
          message: `is ${entry.size} bytes; knowledge files must stay under ${limit}`,
        });
        continue;
      }
      try {
        files.push({ path: relative, text: fs.readFileSync(absolute, 'utf8') });
      } catch (error) {
        issues.push({ file: absolute, message: `could not be read: ${(error as Error).message}` });
      }
    }
  };
  try {
    readFolder('');
  } catch (error) {
    issues.push({ file: dir, message: `could not be read: ${(error as Error).message}` });
  }
  return { files, issues };
}

function statOrUndefined(target: string): fs.Stats | undefined {
  try {
    return fs.statSync(target);
  } catch {
    return undefined;
  }
}
