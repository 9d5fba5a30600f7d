/** Watches the knowledge folder and calls back once per burst of edits (editors write in steps). */
import { type FSWatcher, watch } from 'node:fs';

/** Edits closer together than this are one change. */
export const WATCH_DEBOUNCE_MS = 300;

export interface KnowledgeWatcher {
  close(): void;
}

export function watchKnowledge(
  dir: string,
  onChange: () => void,
  options: { debounceMs?: number; onError?: (error: unknown) => void } = {},
): KnowledgeWatcher {
  let timer: NodeJS.Timeout | undefined;
  const debounceMs = options.debounceMs ?? WATCH_DEBOUNCE_MS;
  const watcher: FSWatcher = watch(dir, { recursive: true, persistent: false }, () => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(onChange, debounceMs);
  });
  watcher.on('error', (error) => options.onError?.(error));
  return {
    close() {
      if (timer) clearTimeout(timer);
      watcher.close();
    },
  };
}
