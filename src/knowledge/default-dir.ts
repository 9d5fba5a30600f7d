import path from 'node:path';
import { fileURLToPath } from 'node:url';

// This file sits two levels below the repo root both as src/knowledge/default-dir.ts (tsx)
// and as dist/knowledge/default-dir.js (tsc), so the same relative step works for both.
const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Absolute path of the knowledge base shipped with keydoctor. */
export const DEFAULT_KNOWLEDGE_DIR = path.join(REPO_ROOT, 'knowledge');
