/** No Docker engine runs here, so the Dockerfile's facts are checked by reading it. */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DEFAULTS } from '../../src/config/load-config.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const read = (file: string) => readFileSync(path.join(ROOT, file), 'utf8');

interface Instruction {
  keyword: string;
  args: string;
}

/** Instructions with line continuations joined and comments dropped. */
function parseDockerfile(text: string): Instruction[] {
  const joined = text
    .split('\n')
    .filter((line) => !line.trimStart().startsWith('#'))
    .join('\n')
    .replace(/\\\n/g, ' ');
  return joined
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => {
      const [keyword, ...rest] = line.split(/\s+/);
      return { keyword: keyword!.toUpperCase(), args: rest.join(' ') };
    });
}

/** Instructions grouped per stage, each starting at its FROM. */
function stages(instructions: Instruction[]): Instruction[][] {
  const result: Instruction[][] = [];
  for (const ins of instructions) {
    if (ins.keyword === 'FROM') result.push([]);
    result.at(-1)?.push(ins);
  }
  return result;
}

const instructions = parseDockerfile(read('Dockerfile'));
const all = stages(instructions);
const build = all[0]!;
const final = all.at(-1)!;
const args = (stage: Instruction[], keyword: string) =>
  stage.filter((i) => i.keyword === keyword).map((i) => i.args);
const packageJson = JSON.parse(read('package.json')) as { scripts: Record<string, string> };

describe('the Dockerfile', () => {
  it('is multi-stage', () => {
    expect(all.length).toBeGreaterThanOrEqual(2);
  });

  it('pins every base image to an exact version of a maintained Node LTS line, never latest', () => {
    for (const from of args(instructions, 'FROM')) {
      const image = from.split(/\s+/)[0]!;
      expect(image).toMatch(/^node:\d+\.\d+\.\d+-bookworm-slim$/);
      const major = Number(/^node:(\d+)/.exec(image)![1]);
      // Node 20 reached end of life on 2026-04-30; LTS lines are the even majors.
      expect(major).toBeGreaterThanOrEqual(22);
      expect(major % 2).toBe(0);
    }
  });

  it('uses the same base image for build and runtime, so the native module matches', () => {
    expect(args(final, 'FROM')[0]!.split(/\s+/)[0]).toBe(args(build, 'FROM')[0]!.split(/\s+/)[0]);
  });

  it('builds with the tool chain for better-sqlite3, npm ci and the production-tree script', () => {
    const run = args(build, 'RUN').join(' && ');
    for (const tool of ['python3', 'make', 'g++', 'npm ci', 'scripts/production-tree.sh /prod']) {
      expect(run).toContain(tool);
    }
  });

  it('has a build script in package.json that compiles src to dist', () => {
    expect(packageJson.scripts.build).toMatch(/^tsc -p tsconfig\.build\.json$/);
    const buildConfig = JSON.parse(read('tsconfig.build.json')) as {
      compilerOptions: Record<string, string>;
    };
    expect(buildConfig.compilerOptions).toMatchObject({ rootDir: 'src', outDir: 'dist' });
  });

  it('runs the final stage as a non-root user', () => {
    const users = args(final, 'USER');
    expect(users.length).toBeGreaterThan(0);
    expect(users.at(-1)).not.toMatch(/^(root|0)(:|$)/);
  });

  it('has a HEALTHCHECK run by node (slim has no curl) from a script that follows the ops settings', () => {
    const check = args(final, 'HEALTHCHECK').join(' ');
    expect(check).toContain('CMD ["node", "bin/healthcheck.js"]');
    const script = read('bin/healthcheck.js');
    expect(script).toContain('/healthz');
    expect(script).toContain('OPS_PORT');
    expect(script).toContain('OPS_HOST');
  });

  it('keeps the data directory on a volume and points DATA_DIR at it', () => {
    expect(args(final, 'VOLUME')).toContain('/data');
    expect(args(final, 'ENV').join(' ')).toMatch(/DATA_DIR=\/data\b/);
  });

  it('exposes the ops port the bot listens on by default', () => {
    expect(args(final, 'EXPOSE')).toContain(String(DEFAULTS.opsPort));
    expect(args(final, 'ENV').join(' ')).toContain(`OPS_PORT=${DEFAULTS.opsPort}`);
  });

  it('starts an entry file compiled from a source file that exists', () => {
    const cmd = JSON.parse(args(final, 'CMD')[0]!) as string[];
    expect(cmd[0]).toBe('node');
    const entry = cmd[1]!;
    expect(entry).toMatch(/^dist\/.+\.js$/);
    expect(existsSync(path.join(ROOT, entry.replace(/^dist\//, 'src/').replace(/\.js$/, '.ts')))).toBe(true);
  });

  it('copies only the production tree into the runtime stage', () => {
    expect(args(final, 'COPY')).toEqual(['--from=build /prod /app']);
  });

  it('copies only sources that exist in the repository', () => {
    for (const stage of all) {
      for (const copy of args(stage, 'COPY').filter((c) => !c.startsWith('--from'))) {
        const sources = copy
          .split(/\s+/)
          .filter((s) => !s.startsWith('--'))
          .slice(0, -1);
        for (const source of sources) expect(existsSync(path.join(ROOT, source)), source).toBe(true);
      }
    }
  });
});

describe('the .dockerignore', () => {
  const ignored = read('.dockerignore')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));

  it('keeps local node_modules, the .env file and the data directory out of the build context', () => {
    for (const entry of ['node_modules', '.env', 'data']) expect(ignored).toContain(entry);
  });

  it('does not exclude what the image needs', () => {
    for (const needed of ['src', 'knowledge', 'package.json', 'package-lock.json', 'bin', 'scripts']) {
      expect(ignored).not.toContain(needed);
    }
  });
});
