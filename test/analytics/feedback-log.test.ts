import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { ConversationState, EngineEvent } from '../../src/engine/types.ts';
import { NO_CAUSE } from '../../src/analytics/analytics.ts';
import { type FeedbackLog, MemoryFeedbackLog, SqliteFeedbackLog } from '../../src/analytics/feedback-log.ts';
import { freshState } from '../conversation/scripted-engine.ts';

const T0 = Date.UTC(2026, 10, 23, 9, 0, 0);
const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});
function tempFile(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'kd-feedback-'));
  dirs.push(dir);
  return path.join(dir, 'keydoctor.sqlite');
}

const diagnosed = (causeId: string): EngineEvent => ({ type: 'diagnosed', causeId, confidence: 0.8 });
const feedback = (causeId: string, fixed: boolean, symptoms: string[] = ['401']): EngineEvent => ({
  type: 'feedback',
  causeId,
  fixed,
  path: [`dx:${causeId}`],
  symptoms,
});
const ctx = (at: number, state?: ConversationState) => ({
  platform: 'slack',
  at,
  ...(state ? { state } : {}),
});

const implementations: [string, () => FeedbackLog][] = [
  ['MemoryFeedbackLog', () => new MemoryFeedbackLog()],
  ['SqliteFeedbackLog', () => new SqliteFeedbackLog({ file: tempFile() })],
];

describe.each(implementations)('%s', (_name, create) => {
  it('counts diagnoses and feedback per cause, with the resolution rate', async () => {
    const log = create();
    log.record([diagnosed('key-missing'), diagnosed('key-missing'), diagnosed('wrong-scheme')], ctx(T0));
    log.record([feedback('key-missing', true)], ctx(T0 + 1));
    log.record([feedback('key-missing', true)], ctx(T0 + 2));
    log.record([feedback('key-missing', false)], ctx(T0 + 3));
    expect(log.stats().map(({ unresolved: _unresolved, ...counts }) => counts)).toEqual([
      { causeId: 'key-missing', diagnosed: 2, fixed: 2, broken: 1, handoffs: 0, resolutionRate: 2 / 3 },
      { causeId: 'wrong-scheme', diagnosed: 1, fixed: 0, broken: 0, handoffs: 0, resolutionRate: null },
    ]);
    await log.close();
  });

  it('lists the symptoms of broken feedback, most recent first', async () => {
    const log = create();
    log.record([feedback('key-missing', false, ['first report'])], ctx(T0));
    log.record([feedback('key-missing', true, ['worked'])], ctx(T0 + 1));
    log.record([feedback('key-missing', false, ['second report', 'more detail'])], ctx(T0 + 2));
    expect(log.stats()[0]?.unresolved).toEqual([
      { at: T0 + 2, outcome: 'broken', symptoms: ['second report', 'more detail'] },
      { at: T0, outcome: 'broken', symptoms: ['first report'] },
    ]);
    await log.close();
  });

  it('files a hand-off under the cause in the state, with the transcript as symptoms', async () => {
    const log = create();
    const state = { ...freshState(T0), currentCause: 'clock-skew', transcript: ['jwt rejected', 'still'] };
    log.record([{ type: 'handoff', reason: 'exhausted', summary: ['tried clock-skew'] }], ctx(T0, state));
    expect(log.stats()).toEqual([
      expect.objectContaining({
        causeId: 'clock-skew',
        handoffs: 1,
        unresolved: [{ at: T0, outcome: 'exhausted', symptoms: ['jwt rejected', 'still'] }],
      }),
    ]);
    await log.close();
  });

  it('files a hand-off before any diagnosis under a placeholder cause', async () => {
    const log = create();
    log.record([{ type: 'handoff', reason: 'requested', summary: [] }], ctx(T0, freshState(T0)));
    expect(log.stats()[0]).toMatchObject({ causeId: NO_CAUSE, handoffs: 1 });
    await log.close();
  });

  it('keeps at most the requested number of unresolved cases per cause', async () => {
    const log = create();
    for (let i = 0; i < 5; i++) log.record([feedback('key-missing', false, [`case ${i}`])], ctx(T0 + i));
    expect(log.stats({ unresolvedPerCause: 2 })[0]?.unresolved.map((u) => u.symptoms[0])).toEqual([
      'case 4',
      'case 3',
    ]);
    await log.close();
  });

  it('redacts a credential that reached the symptoms', async () => {
    const log = create();
    const key = `sk-${'proj-'}${'Q7wErTy9UiOp3AsDfGh5'.repeat(2)}`;
    log.record([feedback('key-missing', false, [`curl -H "Authorization: Bearer ${key}"`])], ctx(T0));
    const text = JSON.stringify(log.stats());
    expect(text).not.toContain(key);
    await log.close();
  });

  it('does not count questions and restarts as diagnoses', async () => {
    const log = create();
    log.record([{ type: 'asked', questionId: 'where' }, { type: 'restarted' }], ctx(T0));
    expect(log.stats()).toEqual([]);
    await log.close();
  });
});

describe('SqliteFeedbackLog', () => {
  it('keeps its records in the SQLite file across reopening', async () => {
    const file = tempFile();
    const first = new SqliteFeedbackLog({ file });
    first.record([diagnosed('key-missing')], ctx(T0));
    await first.close();
    const second = new SqliteFeedbackLog({ file });
    expect(second.stats()[0]).toMatchObject({ causeId: 'key-missing', diagnosed: 1 });
    await second.close();
  });

  it('stores follow-up questions and restarts as dialogue events', async () => {
    const file = tempFile();
    const log = new SqliteFeedbackLog({ file });
    log.record([{ type: 'asked', questionId: 'where' }, { type: 'restarted' }], ctx(T0));
    await log.close();
    const db = new Database(file, { readonly: true });
    expect(db.prepare('SELECT type, question_id FROM dialogue_events ORDER BY id').all()).toEqual([
      { type: 'asked', question_id: 'where' },
      { type: 'restarted', question_id: null },
    ]);
    db.close();
  });
});
