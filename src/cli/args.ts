/**
 * A small argument parser for subcommands: flags that take a value, boolean flags, positionals.
 * Unknown flags are reported as values, not thrown, so a command can print its usage and exit 2.
 */
export interface ParsedArgs {
  positionals: string[];
  flags: Set<string>;
  values: Map<string, string>;
  /** flags that are not known, or a value flag without its value */
  problems: string[];
}

export function parseArgs(args: string[], spec: { booleans: string[]; values: string[] }): ParsedArgs {
  const parsed: ParsedArgs = { positionals: [], flags: new Set(), values: new Map(), problems: [] };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--') {
      parsed.positionals.push(...args.slice(i + 1));
      break;
    }
    if (!arg.startsWith('--') || arg === '-') {
      parsed.positionals.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = eq > 0 ? arg.slice(2, eq) : arg.slice(2);
    if (spec.values.includes(name)) {
      const value = eq > 0 ? arg.slice(eq + 1) : args[++i];
      if (value === undefined || value === '') parsed.problems.push(`--${name} needs a value`);
      else parsed.values.set(name, value);
    } else if (spec.booleans.includes(name) && eq < 0) {
      parsed.flags.add(name);
    } else {
      parsed.problems.push(`unknown option --${name}`);
    }
  }
  return parsed;
}
