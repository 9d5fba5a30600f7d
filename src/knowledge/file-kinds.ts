import { MODEL_PATH } from '../engine/model/scorer-model.ts';

/** The kinds of file a knowledge folder holds, told apart by their path inside the folder. */
export type FileKind =
  | { kind: 'tree' }
  | { kind: 'providers' }
  | { kind: 'phrases' }
  | { kind: 'cause'; name: string }
  | { kind: 'catalogue'; name: string }
  | { kind: 'model' }
  | { kind: 'snapshot' }
  | { kind: 'unknown-yaml' }
  | { kind: 'ignored' };

/** Where the parsed YAML snapshot (see yaml-snapshot.ts) sits inside a knowledge folder. */
export const SNAPSHOT_PATH = 'model/parsed-yaml.json';

const YAML_EXTENSION = /\.ya?ml$/i;

/** Forward slashes and no leading `./`, so paths compare the same on every platform. */
export function normaliseKnowledgePath(filePath: string): string {
  return filePath.replace(/\\/g, '/').replace(/^(\.\/)+/, '');
}

/** Which kind of knowledge file `relativePath` (relative to the knowledge folder) is. */
export function classifyKnowledgeFile(relativePath: string): FileKind {
  const normalised = normaliseKnowledgePath(relativePath);
  if (normalised === MODEL_PATH) return { kind: 'model' };
  if (normalised === SNAPSHOT_PATH) return { kind: 'snapshot' };
  if (!YAML_EXTENSION.test(normalised)) return { kind: 'ignored' };
  const parts = normalised.split('/');
  const base = parts.at(-1)!.replace(YAML_EXTENSION, '');
  if (parts.length === 1) {
    if (base === 'tree') return { kind: 'tree' };
    if (base === 'providers') return { kind: 'providers' };
    if (base === 'phrases') return { kind: 'phrases' };
    return { kind: 'unknown-yaml' };
  }
  if (parts.length === 2 && parts[0] === 'causes') return { kind: 'cause', name: base };
  if (parts.length === 2 && parts[0] === 'errors') return { kind: 'catalogue', name: base };
  return { kind: 'unknown-yaml' };
}

export const KNOWN_LAYOUT =
  'tree.yaml, providers.yaml, phrases.yaml, causes/<cause-id>.yaml, errors/<provider>.yaml, and optionally model/scorer.json and model/parsed-yaml.json';
