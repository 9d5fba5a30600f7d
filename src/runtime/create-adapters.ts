/**
 * Builds the adapters the configuration asks for. Platform adapters are imported on demand so a
 * console-only start never loads discord.js or Bolt.
 */
import type { Logger } from 'pino';
import type { Adapter } from '../adapters/adapter.ts';
import type { Config } from '../config/load-config.ts';

export interface AdapterDeps {
  logger: Logger;
  stdin: NodeJS.ReadableStream;
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  /** the console user left (exit, Ctrl-D): the process shuts down */
  onConsoleExit: () => void;
}

export async function createAdapters(config: Config, deps: AdapterDeps): Promise<Adapter[]> {
  const adapters: Adapter[] = [];
  for (const name of config.adapters) {
    if (name === 'console') {
      const { createConsoleAdapter } = await import('../adapters/console/console-adapter.ts');
      const { consoleSessionId } = await import('../adapters/console/session-id.ts');
      adapters.push(
        createConsoleAdapter({
          // the same conversation after a restart (the store is SQLite), unless told otherwise
          sessionId: consoleSessionId(config.consoleSessionId ? { override: config.consoleSessionId } : {}),
          input: deps.stdin,
          output: deps.stdout,
          color: deps.stdout.isTTY === true,
          onExit: deps.onConsoleExit,
          onError: (error) => deps.logger.error({ err: error }, 'console turn failed'),
        }),
      );
    } else if (name === 'slack' && config.slack) {
      const { createSlackAdapter } = await import('../adapters/slack/slack-adapter.ts');
      adapters.push(createSlackAdapter({ ...config.slack, logger: deps.logger }));
    } else if (name === 'discord' && config.discord) {
      const { createDiscordAdapter } = await import('../adapters/discord/discord-adapter.ts');
      adapters.push(createDiscordAdapter({ ...config.discord, logger: deps.logger }));
    }
  }
  return adapters;
}
