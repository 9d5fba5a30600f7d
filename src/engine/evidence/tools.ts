/** Which tool or wrapper stands between the user and the API: a CLI, a CI system, a framework, an editor extension. */
import type { Knowledge, Tool } from '../../knowledge/schema.ts';

export interface ToolIndex {
  /** each tool with its words (a cheap substring pre-check) and the word-boundary regex that decides */
  tools: { tool: Tool; words: string[]; regex: RegExp }[];
}

function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Precomputes one word-boundary regex per tool over its name and keywords. */
export function buildToolIndex(knowledge: Knowledge): ToolIndex {
  const tools: ToolIndex['tools'] = [];
  for (const tool of knowledge.tools?.values() ?? []) {
    const words = [tool.name, ...tool.keywords]
      .map((w) => w.trim().toLowerCase())
      .filter((w) => w.length >= 2);
    const alternation = words.map(escapeRegex).join('|');
    tools.push({ tool, words, regex: new RegExp(`(?<![a-z0-9_])(?:${alternation})(?![a-z0-9_])`) });
  }
  return { tools };
}

/** The tools named in the lowercased text, and the providers they imply. */
export function detectTools(index: ToolIndex, lower: string): { ids: string[]; providers: string[] } {
  const ids: string[] = [];
  const providers: string[] = [];
  for (const { tool, words, regex } of index.tools) {
    if (!words.some((w) => lower.includes(w)) || !regex.test(lower)) continue;
    ids.push(tool.id);
    if (tool.provider && !providers.includes(tool.provider)) providers.push(tool.provider);
  }
  return { ids, providers };
}
