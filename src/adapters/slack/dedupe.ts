/** Drops Slack's repeated deliveries before any handler sees them, on every process at once. */
import type { App } from '@slack/bolt';
import type { SlackRuntime } from './runtime.ts';

/** Drops an event whose event_id was already handled (Slack's retries carry the same id). */
export function registerDedupe(app: App, rt: SlackRuntime): void {
  app.use(async ({ body, next }) => {
    const eventId = (body as { event_id?: unknown }).event_id;
    if (typeof eventId === 'string' && !(await rt.service.firstDelivery(`slack:event:${eventId}`))) {
      rt.logger.debug({ eventId }, 'dropped a repeated Slack event');
      return;
    }
    await next();
  });
}
