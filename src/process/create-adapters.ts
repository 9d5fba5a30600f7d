/** Builds the adapters the configuration asks for, from the one table of platforms. */
import type { Adapter } from '../adapters/adapter.ts';
import { ADAPTERS, type AdapterDeps } from '../adapters/registry.ts';
import type { Config } from '../config/load-config.ts';

export type { AdapterDeps } from '../adapters/registry.ts';

export async function createAdapters(config: Config, deps: AdapterDeps): Promise<Adapter[]> {
  const adapters: Adapter[] = [];
  for (const name of config.adapters) {
    const entry = ADAPTERS.find((e) => e.name === name);
    const settings = entry?.settings(config);
    if (entry && settings !== undefined) adapters.push(await entry.create(settings, deps));
  }
  return adapters;
}
