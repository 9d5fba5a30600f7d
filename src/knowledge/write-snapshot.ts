/** Writes a knowledge folder's parsed YAML snapshot (model/parsed-yaml.json) from its current files. */
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { readKnowledgeDir } from './read-dir.ts';
import { formatSnapshot, SNAPSHOT_PATH } from './yaml-snapshot.ts';

export function writeYamlSnapshot(dir: string): { path: string; files: number } {
  const { files } = readKnowledgeDir(dir);
  const { text, files: count } = formatSnapshot(files);
  const target = path.join(dir, SNAPSHOT_PATH);
  mkdirSync(path.dirname(target), { recursive: true });
  // written beside it and renamed over it: a running bot never reads half a snapshot
  const partial = `${target}.partial`;
  writeFileSync(partial, text);
  renameSync(partial, target);
  return { path: target, files: count };
}
