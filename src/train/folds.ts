/** Folds grouped by repository, so one project's threads never sit on both sides of a split. */
import { createHash } from 'node:crypto';

/** A stable pseudo-random key of a group name for a seed. */
function seededKey(seed: number, group: string): string {
  return createHash('sha256').update(`${seed}:${group}`).digest('hex');
}

/**
 * Assigns each group to one of k folds by a seeded hash of its name alone, so a group stays in its
 * fold as the corpus grows: a new batch adds its own repositories to the folds and moves none of the
 * others, and the figures of the reports already there change only with what the models learned.
 * (Dealing groups largest first to the emptiest fold balanced the folds exactly, but every new
 * repository dealt most of the others again, and the same reports scored up to a point apart from
 * one batch to the next.) The folds are then less even: 1351 to 1632 of the 7281 reports, so each
 * model trains on 78-81% of them. Returns group -> fold.
 */
export function groupFolds(groups: readonly string[], k: number, seed: number): Map<string, number> {
  const out = new Map<string, number>();
  for (const g of groups)
    if (!out.has(g)) out.set(g, Number.parseInt(seededKey(seed, g).slice(0, 8), 16) % k);
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
