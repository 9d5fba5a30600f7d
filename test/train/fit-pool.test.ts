import { describe, expect, it } from 'vitest';
import { buildKnowledge } from '../../src/knowledge/load.ts';
import { buildExamples } from '../../src/train/examples.ts';
import { DEFAULT_FIT } from '../../src/train/fit.ts';
import { fitMany } from '../../src/train/fit-pool.ts';
import { toFiles, validFixture } from '../knowledge/fixtures.ts';

const NOW = Date.parse('2026-11-23T12:00:00Z');

function examples() {
  const knowledge = buildKnowledge(toFiles(validFixture()));
  const cases = [
    ['Authorization: Bearer undefined, the env var is not set', 'key-missing'],
    ['my OPENAI_API_KEY is undefined in process.env', 'key-missing'],
    ['I send Authorization: sk-FAKE without the bearer prefix', 'missing-bearer-prefix'],
    ['bare key in the Authorization header gives 401', 'missing-bearer-prefix'],
    ['Authorization: Token abc gives 401, wrong scheme', 'wrong-scheme'],
    ['the scheme Token is refused', 'wrong-scheme'],
  ].map(([text, cause], i) => ({
    text: text!,
    cause: cause!,
    also: [],
    weight: 1,
    group: `org${i % 3}/repo`,
  }));
  return { causes: knowledge.causes.size, examples: buildExamples(knowledge, cases, NOW) };
}

describe('GIVEN several fits over one set of examples', () => {
  const jobs = [
    [0, 1, 2, 3],
    [2, 3, 4, 5],
    [0, 1, 2, 3, 4, 5],
  ];

  it('THEN worker threads give the same models, in job order, as fitting one after another in-process', async () => {
    const { causes, examples: ex } = examples();
    const inProcess = await fitMany(ex, jobs, causes, DEFAULT_FIT, 1);
    const onWorkers = await fitMany(ex, jobs, causes, DEFAULT_FIT, 2);
    expect(onWorkers).toHaveLength(3);
    onWorkers.forEach((model, j) => {
      expect(model.features).toEqual(inProcess[j]!.features);
      expect([...model.weights]).toEqual([...inProcess[j]!.weights]);
      expect([...model.shared]).toEqual([...inProcess[j]!.shared]);
      expect(model.causes).toBe(causes);
    });
    // the jobs differ, so the models do: results are not mixed up
    expect(onWorkers[0]!.features).not.toEqual(onWorkers[1]!.features);
  });
});
