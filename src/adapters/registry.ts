/**
 * Every platform keydoctor can run on, in one table: its name, how its settings are picked from the
 * validated configuration, and how the adapter is built. A new platform is a folder under
 * src/adapters/ plus one entry here (and its variables in config/variables.ts). Factories import
 * their SDK on demand, so a console-only start never loads discord.js or Bolt.
 */
import type { Logger } from 'pino';
import type { AdapterName, Config } from '../config/load-config.ts';
import type { Adapter } from './adapter.ts';

export interface AdapterDeps {
  logger: Logger;
  stdin: NodeJS.ReadableStream;
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  /** the console user left (exit, Ctrl-D): the process shuts down */
  onConsoleExit: () => void;
}

export interface AdapterEntry<S> {
  name: AdapterName;
  /** this platform's settings, or undefined when it is not configured */
  settings(config: Config): S | undefined;
  create(settings: S, deps: AdapterDeps): Promise<Adapter>;
}

const entry = <S>(e: AdapterEntry<S>): AdapterEntry<unknown> => e as AdapterEntry<unknown>;

export const ADAPTERS: readonly AdapterEntry<unknown>[] = [
  entry({
    name: 'console',
    settings: (config) => ({ sessionId: config.consoleSessionId }),
    async create(settings: { sessionId?: string }, deps) {
      const { createConsoleAdapter } = await import('./console/console-adapter.ts');
      const { consoleSessionId } = await import('./console/session-id.ts');
      return createConsoleAdapter({
        // the same conversation after a restart (the store keeps it), unless told otherwise
        sessionId: consoleSessionId(settings.sessionId ? { override: settings.sessionId } : {}),
        input: deps.stdin,
        output: deps.stdout,
        color: deps.stdout.isTTY === true,
        onExit: deps.onConsoleExit,
        onError: (error) => deps.logger.error({ err: error }, 'console turn failed'),
      });
    },
  }),
  entry({
    name: 'slack',
    settings: (config) => config.slack,
    async create(settings, deps) {
      const { createSlackAdapter } = await import('./slack/slack-adapter.ts');
      return createSlackAdapter({ ...settings, logger: deps.logger });
    },
  }),
  entry({
    name: 'discord',
    settings: (config) => config.discord,
    async create(settings, deps) {
      const { createDiscordAdapter } = await import('./discord/discord-adapter.ts');
      return createDiscordAdapter({ ...settings, logger: deps.logger });
    },
  }),
];
