import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { EngineEvent } from '../../src/engine/types.ts';
import { MS_PER_DAY, startAnalyticsRetention } from '../../src/process/analytics-retention.ts';
import { type FeedbackLog, MemoryFeedbackLog, SqliteFeedbackLog } from '../../src/analytics/feedback-log.ts';

const NOW = Date.UTC(2026, 10, 23, 9, 0, 0);
const dir = mkdtempSync(path.join(tmpdir(), 'kd-retention-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const events = (causeId: string): EngineEvent[] => [
  { type: 'diagnosed', causeId, confidence: 0.8 },
  { type: 'asked', questionId: 'q-header' },
  { type: 'feedback', causeId, fixed: false, path: [`dx:${causeId}`], symptoms: [`${causeId} symptom`] },
  { type: 'handoff', reason: 'exhausted', summary: ['tried'] },
];

const implementations: [string, () => FeedbackLog][] = [
  ['MemoryFeedbackLog', () => new MemoryFeedbackLog()],
  ['SqliteFeedbackLog', () => new SqliteFeedbackLog({ file: path.join(dir, `${Math.random()}.sqlite`) })],
];

describe.each(implementations)('analytics retention (%s)', (_name, create) => {
  it('GIVEN records older and younger than the retention THEN a sweep deletes only the older ones', async () => {
    const log = create();
    log.record(events('old-cause'), { platform: 'slack', at: NOW - 91 * MS_PER_DAY });
    log.record(events('new-cause'), { platform: 'slack', at: NOW - 89 * MS_PER_DAY });
    const retention = startAnalyticsRetention({ feedback: log, retentionDays: 90, clock: () => NOW });
    retention.stop();
    const stats = JSON.stringify(log.stats());
    expect(stats).not.toContain('old-cause');
    expect(stats).toContain('new-cause');
    expect(retention.sweep()).toBe(0);
    await log.close();
  });

  it('GIVEN a failing sweep THEN the error is reported and nothing throws', async () => {
    const log = create();
    log.sweepBefore = () => {
      throw new Error('SQLITE_BUSY');
    };
    const errors: unknown[] = [];
    const retention = startAnalyticsRetention({
      feedback: log,
      retentionDays: 90,
      onError: (e) => errors.push(e),
    });
    retention.stop();
    expect(errors).toHaveLength(1);
    await log.close();
  });
});
