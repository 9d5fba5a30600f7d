/**
 * Holds the engine in service and swaps it on reload. A broken edit is refused with the same
 * message as `kb check` and the last good knowledge base keeps serving.
 */
import type { Logger } from 'pino';
import type { Engine } from '../engine/types.ts';
import { formatKnowledgeIssues, KnowledgeError } from '../knowledge/knowledge-error.ts';
import type { Knowledge } from '../knowledge/schema.ts';

export type ReloadResult = { ok: true; causes: number } | { ok: false; message: string };

export interface KnowledgeHolderOptions {
  dir: string;
  /** the knowledge base already loaded at start-up */
  initial: Knowledge;
  load: (dir: string) => Knowledge;
  createEngine: (knowledge: Knowledge) => Engine;
  logger: Logger;
  /** told after every reload attempt (metrics) */
  onReload?: (result: ReloadResult) => void;
}

export interface KnowledgeHolder {
  /** the engine in service now (the conversation service calls this for every message) */
  engine(): Engine;
  causes(): number;
  /** Loads the folder again; on success swaps the engine, otherwise keeps the current one. */
  reload(): ReloadResult;
}

/** Why a reload failed, in the words an operator needs (the formatted issues for a knowledge error). */
export function describeLoadFailure(error: unknown): string {
  if (error instanceof KnowledgeError) return formatKnowledgeIssues(error.issues);
  return error instanceof Error ? error.message : String(error);
}

export function createKnowledgeHolder(options: KnowledgeHolderOptions): KnowledgeHolder {
  let engine = options.createEngine(options.initial);
  let causes = options.initial.causes.size;

  return {
    engine: () => engine,
    causes: () => causes,
    reload(): ReloadResult {
      let result: ReloadResult;
      try {
        const knowledge = options.load(options.dir);
        const next = options.createEngine(knowledge);
        engine = next;
        causes = knowledge.causes.size;
        result = { ok: true, causes };
        options.logger.info({ dir: options.dir, causes }, 'knowledge base reloaded');
      } catch (error) {
        result = { ok: false, message: describeLoadFailure(error) };
        options.logger.error(
          { dir: options.dir, issues: result.message },
          `knowledge reload refused; the last good knowledge base stays in service:\n${result.message}`,
        );
      }
      options.onReload?.(result);
      return result;
    },
  };
}
