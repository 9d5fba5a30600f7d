import type { KnowledgeIssue } from './knowledge-error.ts';
import type { ParsedKnowledge } from './parse-files.ts';

/** The provider id a cause may name to mean "typical for every provider". */
export const ANY_PROVIDER = 'any';

/** Checks between files: cause ids, provider references, the error catalogue. */
export function checkCrossReferences(
  parsed: ParsedKnowledge,
  reachableCauses?: ReadonlySet<string>,
): KnowledgeIssue[] {
  const issues: KnowledgeIssue[] = [];
  const causeIds = new Set(parsed.brokenCauseIds);

  const owners = causeOwners(parsed);
  for (const cause of parsed.causes) {
    const { file, source, value } = cause;
    // where the id is written: worked out only when there is something to report
    const at = () => source.at(['id']);
    if (cause.name !== value.id) {
      issues.push({
        file,
        ...at(),
        field: 'id',
        message: `"${value.id}" differs from the file name: name the file causes/${value.id}.yaml`,
      });
    }
    const owner = owners.get(value.id);
    if (owner !== undefined && owner !== file) {
      issues.push({
        file,
        ...at(),
        field: 'id',
        message: `duplicate cause id "${value.id}" (also in ${owner})`,
      });
    }
    causeIds.add(value.id);
    if (reachableCauses && !value.outside_tree && !reachableCauses.has(value.id)) {
      issues.push({
        file,
        ...at(),
        field: 'id',
        message: `cause "${value.id}" is not reachable: no answer in tree.yaml leads to it`,
      });
    }
  }

  const providerIds = checkProviders(parsed, issues);
  if (providerIds) checkCauseProviders(parsed, providerIds, issues);
  if (providerIds) checkTools(parsed, providerIds, issues);
  checkCatalogues(parsed, causeIds, providerIds, issues);
  return issues;
}

/** Which file owns each cause id: the one named after it, else the first; others are duplicates. */
function causeOwners(parsed: ParsedKnowledge): Map<string, string> {
  const owners = new Map<string, { file: string; namedAfterId: boolean }>();
  for (const cause of parsed.causes) {
    const namedAfterId = cause.name === cause.value.id;
    const current = owners.get(cause.value.id);
    if (current === undefined || (namedAfterId && !current.namedAfterId)) {
      owners.set(cause.value.id, { file: cause.file, namedAfterId });
    }
  }
  return new Map([...owners].map(([id, owner]) => [id, owner.file]));
}

/** Duplicate provider ids; returns the known ids, or undefined when they cannot be known. */
function checkProviders(parsed: ParsedKnowledge, issues: KnowledgeIssue[]): Set<string> | undefined {
  if (!parsed.providers)
    return parsed.brokenProviderIds.size > 0 ? new Set(parsed.brokenProviderIds) : undefined;
  const { file, source, value } = parsed.providers;
  const ids = new Map<string, number>();
  value.providers.forEach((provider, i) => {
    const first = ids.get(provider.id);
    if (first !== undefined) {
      const line = source.at(['providers', first, 'id']).line;
      issues.push({
        file,
        ...source.at(['providers', i, 'id']),
        field: `providers[${i}].id`,
        message: `duplicate provider id "${provider.id}" (first on line ${line})`,
      });
    } else ids.set(provider.id, i);
  });
  return new Set(ids.keys());
}

function checkCauseProviders(
  parsed: ParsedKnowledge,
  providerIds: ReadonlySet<string>,
  issues: KnowledgeIssue[],
): void {
  const known = (id: string) => id === ANY_PROVIDER || providerIds.has(id);
  for (const { file, source, value } of parsed.causes) {
    value.providers.forEach((id, i) => {
      if (!known(id)) {
        issues.push({
          file,
          ...source.at(['providers', i]),
          field: `providers[${i}]`,
          message: unknownProvider(id),
        });
      }
    });
    value.fix.forEach((step, i) => {
      step.providers?.forEach((id, j) => {
        if (!known(id)) {
          issues.push({
            file,
            ...source.at(['fix', i, 'providers', j]),
            field: `fix[${i}].providers[${j}]`,
            message: unknownProvider(id),
          });
        }
      });
    });
    for (const id of Object.keys(value.provider_notes)) {
      if (!known(id)) {
        issues.push({
          file,
          ...source.keyAt(['provider_notes'], id),
          field: `provider_notes.${id}`,
          message: unknownProvider(id),
        });
      }
    }
  }
}

function checkCatalogues(
  parsed: ParsedKnowledge,
  causeIds: ReadonlySet<string>,
  providerIds: ReadonlySet<string> | undefined,
  issues: KnowledgeIssue[],
): void {
  // match strings seen per provider, across all of that provider's files
  // (where each was first written is worked out only for a duplicate)
  const matches = new Map<string, Map<string, () => string>>();
  for (const { file, source, value } of parsed.catalogues) {
    if (providerIds && !providerIds.has(value.provider)) {
      issues.push({
        file,
        ...source.at(['provider']),
        field: 'provider',
        message: unknownProvider(value.provider),
      });
    }
    const seen = matches.get(value.provider) ?? new Map<string, () => string>();
    matches.set(value.provider, seen);
    value.errors.forEach((entry, i) => {
      for (const causeId of Object.keys(entry.causes)) {
        if (!causeIds.has(causeId)) {
          issues.push({
            file,
            ...source.keyAt(['errors', i, 'causes'], causeId),
            field: `errors[${i}].causes.${causeId}`,
            message: `unknown cause "${causeId}": no causes/${causeId}.yaml`,
          });
        }
      }
      const key = entry.match.trim().toLowerCase();
      const at = () => source.at(['errors', i, 'match']);
      const first = seen.get(key);
      if (first !== undefined) {
        issues.push({
          file,
          ...at(),
          field: `errors[${i}].match`,
          message: `duplicate match "${entry.match}" for provider "${value.provider}" (first at ${first()})`,
        });
      } else seen.set(key, () => `${file}:${at().line}`);
    });
  }
}

/** Tools name known providers, and fix steps name known tools. */
function checkTools(parsed: ParsedKnowledge, providerIds: ReadonlySet<string>, issues: KnowledgeIssue[]): void {
  const providers = parsed.providers;
  const toolIds = new Set<string>();
  providers?.value.tools?.forEach((tool, i) => {
    toolIds.add(tool.id);
    if (tool.provider && !providerIds.has(tool.provider)) {
      issues.push({
        file: providers.file,
        ...providers.source.at(['tools', i, 'provider']),
        field: `tools[${i}].provider`,
        message: unknownProvider(tool.provider),
      });
    }
  });
  for (const { file, source, value } of parsed.causes) {
    value.fix.forEach((step, i) => {
      step.tools?.forEach((id, j) => {
        if (toolIds.has(id)) return;
        issues.push({
          file,
          ...source.at(['fix', i, 'tools', j]),
          field: `fix[${i}].tools[${j}]`,
          message: `unknown tool "${id}": not in the tools of providers.yaml`,
        });
      });
    });
  }
}

function unknownProvider(id: string): string {
  return `unknown provider "${id}": not in providers.yaml (use "${ANY_PROVIDER}" for every provider)`;
}
