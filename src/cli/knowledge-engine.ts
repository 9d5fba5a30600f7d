/** Builds the engine a CLI command uses: --knowledge DIR, else KNOWLEDGE_DIR, else the shipped base. */
import { resolve } from 'node:path';
import { createEngine } from '../engine/index.ts';
import type { Engine } from '../engine/types.ts';
import { DEFAULT_KNOWLEDGE_DIR } from '../knowledge/default-dir.ts';
import { loadKnowledge } from '../knowledge/load.ts';
import type { CliIo } from './io.ts';

export function knowledgeDirFor(flag: string | undefined, io: CliIo): string {
  const dir = flag ?? io.env.KNOWLEDGE_DIR;
  return dir ? resolve(io.cwd, dir) : DEFAULT_KNOWLEDGE_DIR;
}

/** Loads and validates the knowledge base (throws KnowledgeError) and builds the engine on it. */
export function loadEngine(dir: string): Engine {
  return createEngine(loadKnowledge(dir));
}
