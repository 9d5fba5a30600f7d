import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseEnv } from 'node:util';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load-config.ts';
import { VARIABLES } from '../../src/config/variables.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const text = readFileSync(path.join(ROOT, '.env.example'), 'utf8');
const lines = text.split('\n');

describe('.env.example', () => {
  it.each(Object.keys(VARIABLES))('documents %s with a comment right above it', (name) => {
    const index = lines.findIndex((l) => l.startsWith(`${name}=`));
    expect(index).toBeGreaterThan(0);
    expect(lines[index - 1]).toMatch(/^# \S/);
  });

  it('lists no variable that keydoctor does not read', () => {
    const listed = lines.filter((l) => /^[A-Z_]+=/.test(l)).map((l) => l.split('=')[0]);
    expect(listed.filter((name) => !(name! in VARIABLES))).toEqual([]);
  });

  it('is a valid configuration as shipped (console mode)', () => {
    const config = loadConfig(parseEnv(text), ROOT);
    expect(config.adapters).toEqual(['console']);
  });
});
