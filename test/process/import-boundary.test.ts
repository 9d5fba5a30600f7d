/**
 * A console-only start must not load discord.js or Bolt: main.ts reaches the platform adapters
 * only through dynamic imports. This walks main.ts's static imports and checks none leads there.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const PLATFORM_PACKAGES = ['discord.js', '@slack/bolt', '@slack/web-api', '@slack/socket-mode'];

/** Value imports (not `import type`) written as `import ... from '...'` or `export ... from '...'`. */
function staticImports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const found: string[] = [];
  for (const m of text.matchAll(/^(?:import|export)\s+(?!type\s)[^;]*?\sfrom\s+'([^']+)';/gms))
    found.push(m[1]!);
  for (const m of text.matchAll(/^import\s+'([^']+)';/gm)) found.push(m[1]!);
  return found;
}

function staticClosure(entry: string): { files: Set<string>; packages: Set<string> } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const queue = [entry];
  while (queue.length > 0) {
    const file = queue.pop()!;
    if (files.has(file)) continue;
    files.add(file);
    for (const spec of staticImports(file)) {
      if (spec.startsWith('.')) queue.push(path.resolve(path.dirname(file), spec));
      else packages.add(spec);
    }
  }
  return { files, packages };
}

describe('main.ts', () => {
  const { files, packages } = staticClosure(path.join(ROOT, 'src', 'main.ts'));

  it('does not statically import the Slack or Discord adapters', () => {
    const platformFiles = [...files].filter((f) => /src\/adapters\/(slack|discord)\//.test(f));
    expect(platformFiles).toEqual([]);
  });

  it('does not statically import a platform SDK', () => {
    expect(
      [...packages].filter((p) => PLATFORM_PACKAGES.some((sdk) => p === sdk || p.startsWith(`${sdk}/`))),
    ).toEqual([]);
  });

  it('reaches the state, config and ops modules it composes', () => {
    const relative = [...files].map((f) => path.relative(ROOT, f));
    expect(relative).toEqual(
      expect.arrayContaining([
        'src/config/load-config.ts',
        'src/state/sqlite-state.ts',
        'src/state/redis-state.ts',
        'src/http/ops-server.ts',
      ]),
    );
  });
});
