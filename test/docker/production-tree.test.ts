/**
 * No Docker engine runs here, so the image's contents are checked by building its tree the way the
 * Dockerfile does (scripts/production-tree.sh) and running it: compiled code only, production
 * dependencies only, SQLite's addon without its build tree, a refusal to run with nobody to talk
 * to, and a healthcheck that follows the ops settings.
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
/** The tree's size bound: about 80 MB today; a jump means a dev tool or a build tree slipped in. */
const MAX_TREE_BYTES = 110 * 1024 * 1024;
const DEV_ONLY = ['tsx', 'esbuild', 'typescript', 'vitest', 'eslint', 'prettier'];

let tree = '';
let parent = '';

function sizeOf(dir: string): number {
  let total = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) total += sizeOf(full);
    else if (entry.isFile()) total += statSync(full).size;
  }
  return total;
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)));
}

/** Runs a command in the tree with only the variables given (no developer tokens). */
function runInTree(args: string[], env: Record<string, string> = {}) {
  return spawnSync(process.execPath, args, {
    cwd: tree,
    env: { PATH: process.env.PATH ?? '', HOME: tree, DATA_DIR: path.join(tree, 'data'), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    encoding: 'utf8',
    timeout: 60_000,
  });
}

beforeAll(() => {
  parent = mkdtempSync(path.join(tmpdir(), 'kd-prod-tree-'));
  tree = path.join(parent, 'app');
  execFileSync('bash', [path.join(ROOT, 'scripts/production-tree.sh'), tree], { cwd: ROOT, stdio: 'pipe' });
}, 180_000);

afterAll(() => {
  if (parent) rmSync(parent, { recursive: true, force: true });
});

describe('the production tree the image runs', () => {
  it('holds compiled JavaScript, the knowledge base, bin and package.json, and no TypeScript sources', () => {
    for (const part of [
      'dist/main.js',
      'dist/cli.js',
      'knowledge/tree.yaml',
      'bin/keydoctor.js',
      'package.json',
    ])
      expect(existsSync(path.join(tree, part)), part).toBe(true);
    expect(existsSync(path.join(tree, 'src'))).toBe(false);
    expect(
      filesUnder(path.join(tree, 'dist')).filter((f) => f.endsWith('.ts') || f.endsWith('.map')),
    ).toEqual([]);
  });

  it('carries production dependencies only: no tsx, esbuild, compiler, test runner or linter', () => {
    const present = DEV_ONLY.filter((name) => existsSync(path.join(tree, 'node_modules', name)));
    expect(present).toEqual([]);
    expect(existsSync(path.join(tree, 'node_modules/@esbuild'))).toBe(false);
  });

  it("keeps better-sqlite3's compiled addon and nothing of its build tree", () => {
    const sqlite = path.join(tree, 'node_modules/better-sqlite3');
    expect(filesUnder(path.join(sqlite, 'build'))).toEqual([path.join('Release', 'better_sqlite3.node')]);
    for (const gone of ['deps', 'src', 'binding.gyp'])
      expect(existsSync(path.join(sqlite, gone)), gone).toBe(false);
    const open = runInTree(['-e', "new (require('better-sqlite3'))(':memory:').prepare('select 1').get()"]);
    expect(open.stderr).toBe('');
    expect(open.status).toBe(0);
  });

  it('stays within its size bound', () => {
    expect(sizeOf(tree)).toBeLessThan(MAX_TREE_BYTES);
  });

  it('validates the shipped knowledge base with the compiled CLI', () => {
    const check = runInTree(['dist/cli.js', 'kb', 'check']);
    expect(check.status).toBe(0);
    expect(check.stdout).toContain('knowledge OK');
  });

  it('exits non-zero with what to configure when no platform is set and no terminal is attached', () => {
    const started = runInTree(['dist/main.js'], { OPS_PORT: 'off' });
    expect(started.status).toBe(2);
    expect(started.stderr).toContain('no platform is configured and no terminal is attached');
    expect(started.stdout).not.toContain('Bye');
  });
});

describe('the container healthcheck', () => {
  let server: Server;
  let port = 0;
  let status = 200;

  beforeAll(async () => {
    server = createServer((req, res) => {
      res.statusCode = req.url === '/healthz' ? status : 404;
      res.end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as { port: number }).port;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  // Asynchronous: the server answering it lives in this process.
  const check = (env: Record<string, string>) =>
    new Promise<number | null>((resolve) => {
      const child = spawn(process.execPath, [path.join(tree, 'bin/healthcheck.js')], {
        env: { PATH: process.env.PATH ?? '', ...env },
        stdio: 'ignore',
        timeout: 20_000,
      });
      child.on('exit', (code) => resolve(code));
    });

  it('passes when /healthz answers 200 on the configured port, through a wildcard bind', async () => {
    status = 200;
    expect(await check({ OPS_PORT: String(port), OPS_HOST: '0.0.0.0' })).toBe(0);
  });

  it('fails when /healthz answers 503', async () => {
    status = 503;
    expect(await check({ OPS_PORT: String(port), OPS_HOST: '127.0.0.1' })).toBe(1);
  });

  it('passes with OPS_PORT=off, where there is no endpoint to ask', async () => {
    expect(await check({ OPS_PORT: 'off' })).toBe(0);
  });
});
