import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { DEFAULT_KNOWLEDGE_DIR } from '../../src/knowledge/default-dir.ts';
import { mayHoldAnchor, parseYamlSource } from '../../src/knowledge/yaml-source.ts';

function shippedYamlFiles(): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith('.yaml')) out.push(full);
    }
  };
  walk(DEFAULT_KNOWLEDGE_DIR);
  return out;
}

function valueOf(text: string): unknown {
  const result = parseYamlSource('f.yaml', text);
  if (!result.ok) throw new Error(result.issues.map((i) => i.message).join('; '));
  return result.source.value;
}

describe('parseYamlSource', () => {
  it('GIVEN every shipped knowledge file THEN the fast reader gives what the located parser gives', () => {
    const files = shippedYamlFiles();
    expect(files.length).toBeGreaterThan(20);
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      expect(valueOf(text), file).toEqual(parse(text));
    }
  });

  it('GIVEN the scalars YAML 1.1 and 1.2 read differently THEN they are read as YAML 1.2 core', () => {
    const text = [
      'a: yes',
      'b: no',
      'c: on',
      'd: 0o17',
      'e: 017',
      'f: ~',
      'g: 2024-01-01',
      'h: 1e3',
      'i: .inf',
      'j: "401"',
      'k: >-',
      '  folded',
      '  text',
      'l: |',
      '  kept',
      '  lines',
    ].join('\n');
    expect(valueOf(text)).toEqual(parse(text));
  });

  it('GIVEN a field asked for THEN its line is found, in a file read by either parser', () => {
    const plain = 'id: one\nfix:\n  - text: first\n  - text: second\n';
    const anchored = 'id: one\nbase: &b { text: first }\nfix:\n  - *b\n  - text: second\n';
    for (const text of [plain, anchored]) {
      const result = parseYamlSource('f.yaml', text);
      expect(result.ok).toBe(true);
      if (!result.ok) continue;
      expect(result.source.at(['fix', 1, 'text']).line).toBe(text.split('\n').indexOf('  - text: second') + 1);
      expect(result.source.keyAt([], 'fix').line).toBe(text.split('\n').indexOf('fix:') + 1);
    }
  });

  it('GIVEN a duplicate key or a syntax error THEN the issue names its line', () => {
    const dup = parseYamlSource('f.yaml', 'id: one\nname: a\nid: two\n');
    expect(dup.ok).toBe(false);
    if (!dup.ok) expect(dup.issues[0]?.line).toBe(3);
    const broken = parseYamlSource('f.yaml', 'id: one\nfix: [unclosed\n');
    expect(broken.ok).toBe(false);
    if (!broken.ok) expect(broken.issues[0]?.line).toBeGreaterThanOrEqual(2);
  });
});

describe('mayHoldAnchor', () => {
  it('sends a file that defines an anchor to the full parser', () => {
    expect(mayHoldAnchor('base: &defaults\n  a: 1\n')).toBe(true);
    expect(mayHoldAnchor('list:\n  - &first one\n')).toBe(true);
    expect(mayHoldAnchor('&top\na: 1\n')).toBe(true);
    expect(mayHoldAnchor('flow: [&x 1, 2]\n')).toBe(true);
    expect(mayHoldAnchor('flow: {a: 1, b: &y 2}\n')).toBe(true);
  });

  it('does not take a shell "&&" or an "&" inside text for one', () => {
    expect(mayHoldAnchor('code: |\n  npm ci && npm test\n')).toBe(false);
    expect(mayHoldAnchor('note: Terms & conditions apply\n')).toBe(false);
    expect(mayHoldAnchor('url: https://x.example/?a=1&b=2\n')).toBe(false);
  });

  it('reads every shipped file without an anchor through the fast path', () => {
    const files = readdirSync(DEFAULT_KNOWLEDGE_DIR, { recursive: true, encoding: 'utf8' }).filter((f) =>
      f.endsWith('.yaml'),
    );
    expect(files.length).toBeGreaterThan(30);
    for (const f of files)
      expect(mayHoldAnchor(readFileSync(path.join(DEFAULT_KNOWLEDGE_DIR, f), 'utf8')), f).toBe(false);
  });
});
