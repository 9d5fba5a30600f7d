/** What every Discord handler needs, built once at start. */
import type { Client } from 'discord.js';
import type { Logger } from 'pino';
import type { ConversationService } from '../../conversation/types.ts';
import type { AdapterHooks } from '../adapter.ts';
import { errorCode } from './platform-errors.ts';

export const PLATFORM = 'discord';

export interface AdapterContext {
  client: Client<true>;
  service: ConversationService;
  hooks: AdapterHooks;
  logger: Logger;
  supportRoleId?: string;
  messageContentIntent: boolean;
}

/** Logs a failure (never message content) and reports it as a platform error; returns its code. */
export function reportError(ctx: AdapterContext, error: unknown, where: string): string {
  const code = errorCode(error);
  ctx.logger.warn(
    { where, code, err: error instanceof Error ? error.message : String(error) },
    'discord call failed',
  );
  ctx.hooks.platformError?.(PLATFORM, code);
  return code;
}
