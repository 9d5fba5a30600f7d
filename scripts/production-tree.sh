#!/usr/bin/env bash
# Builds the tree the Docker image runs, from a checkout whose dependencies are installed
# (`npm ci`): dist/ compiled from src/, bin/, knowledge/, package.json and production node_modules only,
# with better-sqlite3 reduced to its one compiled .node file (no sources, no object files).
# The Dockerfile runs it, and test/docker/production-tree.test.ts runs it the same way.
#   scripts/production-tree.sh DEST
set -euo pipefail
dest="${1:?usage: scripts/production-tree.sh DEST}"
src="$(cd "$(dirname "$0")/.." && pwd)"
mkdir -p "$dest"
cd "$src"
# Compiled straight into DEST, so a stale local dist/ never ships and the checkout is not written.
node_modules/.bin/tsc -p tsconfig.build.json --outDir "$dest/dist"
cp -R bin knowledge package.json package-lock.json "$dest/"
mkdir -p "$dest/node_modules"
cp -R node_modules/. "$dest/node_modules/"
cd "$dest"
npm prune --omit=dev --no-audit --no-fund --silent
# better-sqlite3 finds its addon in build/Release; the rest of its build tree is not needed at run time.
sqlite=node_modules/better-sqlite3
if [ -d "$sqlite" ]; then
  addon="$sqlite/build/Release/better_sqlite3.node"
  [ -f "$addon" ] || { echo "production-tree: $addon is missing (better-sqlite3 was not built)" >&2; exit 1; }
  tmp="$(mktemp)"
  cp "$addon" "$tmp"
  rm -rf "$sqlite/build" "$sqlite/deps" "$sqlite/src" "$sqlite/binding.gyp"
  mkdir -p "$sqlite/build/Release"
  mv "$tmp" "$addon"
fi
rm -f package-lock.json
find node_modules -depth -type d -empty -delete
find dist -name '*.map' -delete
