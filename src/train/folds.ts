/** Folds grouped by repository, so one project's threads never sit on both sides of a split. */
import { createHash } from 'node:crypto';

/** A stable pseudo-random order of group names for a seed. */
function seededKey(seed: number, group: string): string {
  return createHash('sha256').update(`${seed}:${group}`).digest('hex');
}

/**
 * Assigns each group to one of k folds: groups in seeded order, largest first, each to the fold
 * with the fewest cases so far. Returns group -> fold.
 */
export function groupFolds(groups: readonly string[], k: number, seed: number): Map<string, number> {
  const sizes = new Map<string, number>();
  for (const g of groups) sizes.set(g, (sizes.get(g) ?? 0) + 1);
  const order = [...sizes.keys()].sort(
    (a, b) =>
      (sizes.get(b) ?? 0) - (sizes.get(a) ?? 0) || seededKey(seed, a).localeCompare(seededKey(seed, b)),
  );
  const filled = new Array<number>(k).fill(0);
  const out = new Map<string, number>();
  for (const g of order) {
    let best = 0;
    for (let f = 1; f < k; f++) if ((filled[f] ?? 0) < (filled[best] ?? 0)) best = f;
    out.set(g, best);
    filled[best] = (filled[best] ?? 0) + (sizes.get(g) ?? 0);
  }
  return out;
}

/**
 * Assigns each group to one of k folds by where it first appears: the cases, in the order given,
 * cut into k runs of about equal size, and a group in the run of its first case (so its later
 * cases go with it). A corpus appended batch by batch (each mined on other themes, later) then
 * tests every fold on reports unlike those it was trained on, as the engine meets new reports.
 * Returns group -> fold.
 */
export function orderedGroupFolds(groups: readonly string[], k: number): Map<string, number> {
  const sizes = new Map<string, number>();
  for (const g of groups) sizes.set(g, (sizes.get(g) ?? 0) + 1);
  const out = new Map<string, number>();
  let placed = 0;
  for (const g of groups) {
    if (out.has(g)) continue;
    out.set(g, Math.min(k - 1, Math.floor((placed * k) / groups.length)));
    placed += sizes.get(g) ?? 0;
  }
  return out;
}

/** The repository of a source like `owner/repo#123`, lowercased. */
export function repositoryOf(source: string): string {
  return (source.split('#')[0] ?? source).toLowerCase();
}
