import { describe, expect, it } from 'vitest';
import { createEngine } from '../../src/engine/index.ts';
import { encodeTerms } from '../../src/engine/model/neighbours.ts';
import { MODEL_PATH, MODEL_VERSION, type ScorerModel } from '../../src/engine/model/scorer-model.ts';
import { buildKnowledge } from '../../src/knowledge/load.ts';
import { rejectionOf } from './expect-issue.ts';
import { toFiles, validFixture } from './fixtures.ts';

function model(overrides: Partial<ScorerModel> = {}): ScorerModel {
  return {
    format: 'keydoctor-scorer',
    version: MODEL_VERSION,
    training: { hash: `sha256:${'0'.repeat(64)}`, cases: 3, seed: 1, l2: 0.01, minDocumentFrequency: 2 },
    temperature: 1,
    textScale: 3,
    causes: ['key-missing', 'wrong-scheme'],
    shared: { 'kb:coverage': 1 },
    features: ['bias', 'sig:key:undefined', 'w:undefin'],
    weights: { 'key-missing': { f: [1], w: [4] }, 'wrong-scheme': { f: [0], w: [0.5] } },
    ...overrides,
  };
}

function withModel(value: unknown) {
  const kb = validFixture();
  kb.raw[MODEL_PATH] = typeof value === 'string' ? value : JSON.stringify(value);
  return kb;
}

function issueOf(value: unknown, field: string) {
  return rejectionOf(withModel(value)).issues.find((i) => i.file === MODEL_PATH && i.field === field);
}

describe('GIVEN a knowledge folder with a learned scorer in model/scorer.json', () => {
  it('THEN a valid model loads and the engine ranks with it', () => {
    const knowledge = buildKnowledge(toFiles(withModel(model())));
    expect(knowledge.model?.causes).toEqual(['key-missing', 'wrong-scheme']);
    const engine = createEngine(knowledge);
    expect(engine.diagnose('Authorization: Bearer undefined', { now: 0 }).outcome.ranked[0]?.causeId).toBe(
      'key-missing',
    );
    // The model's bias, not the knowledge, puts wrong-scheme first when nothing else is said.
    expect(engine.diagnose('it fails', { now: 0 }).outcome.ranked[0]?.causeId).toBe('wrong-scheme');
  });

  it('THEN a model naming an unknown cause is refused, naming the file and field', () => {
    const issue = issueOf(model({ causes: ['key-missing', 'no-such-cause'] }), 'causes[1]');
    expect(issue?.message).toMatch(/unknown cause "no-such-cause"/);
  });

  it('THEN a model naming an unknown evidence signal is refused', () => {
    const issue = issueOf(model({ features: ['bias', 'sig:key:made-up'] , weights: {} }), 'features[1]');
    expect(issue?.message).toMatch(/unknown evidence signal/);
  });

  it('THEN a feature of no known family is refused', () => {
    const issue = issueOf(model({ features: ['mystery'], weights: {} }), 'features[0]');
    expect(issue?.message).toMatch(/not a feature the engine computes/);
  });

  it('THEN a weight on a feature index past the features list is refused', () => {
    const issue = issueOf(model({ weights: { 'key-missing': { f: [3], w: [1] } } }), 'weights.key-missing.f[0]');
    expect(issue?.message).toMatch(/past the end of the features list \(3\)/);
  });

  it('THEN a feature weighed twice for one cause is refused', () => {
    const issue = issueOf(model({ weights: { 'key-missing': { f: [1, 1], w: [1, 2] } } }), 'weights.key-missing.f[1]');
    expect(issue?.message).toMatch(/"sig:key:undefined" is weighed twice/);
  });

  it('THEN one feature weighed by two causes is fine, and a row weighing one twice is still caught after others', () => {
    const shared = { 'key-missing': { f: [1, 2], w: [1, 2] }, 'wrong-scheme': { f: [1, 2], w: [3, 4] } };
    expect(() => buildKnowledge(toFiles(withModel(model({ weights: shared }))))).not.toThrow();
    const twice = { ...shared, 'wrong-scheme': { f: [2, 0, 2], w: [1, 2, 3] } };
    expect(issueOf(model({ weights: twice }), 'weights.wrong-scheme.f[2]')?.message).toMatch(
      /"w:undefin" is weighed twice/,
    );
  });

  it('THEN a feature named twice is refused at its second place, whether or not the list is in order', () => {
    for (const features of [
      ['bias', 'sig:key:undefined', 'w:undefin', 'w:undefin'],
      ['w:undefin', 'bias', 'sig:key:undefined', 'w:undefin'],
    ]) {
      const issue = issueOf(model({ features, weights: {} }), 'features[3]');
      expect(issue?.message, features.join()).toMatch(/duplicate feature "w:undefin"/);
    }
  });

  it('THEN a text feature prefix with nothing after it is refused', () => {
    for (const name of ['w:', 'b:', 't:']) {
      const issue = issueOf(model({ features: ['bias', name], weights: {} }), 'features[1]');
      expect(issue?.message, name).toMatch(/not a feature the engine computes/);
    }
  });

  it('THEN a file that is not JSON is refused with the file named', () => {
    const error = rejectionOf(withModel('{ not json'));
    expect(error.issues.some((i) => i.file === MODEL_PATH && /not valid JSON/.test(i.message))).toBe(true);
  });

  it('THEN a features list with an empty or non-string name is refused, naming the field', () => {
    expect(issueOf(model({ features: ['bias', ''] }), 'features')?.message).toMatch(/non-empty feature names/);
    expect(issueOf({ ...model(), features: ['bias', 3] }, 'features')).toBeDefined();
  });

  it('THEN a missing field is refused with the field named', () => {
    const { temperature: _omitted, ...rest } = model();
    expect(issueOf(rest, 'temperature')).toBeDefined();
  });
});

describe('GIVEN a model file with a text likelihood', () => {
  // rows may be malformed on purpose: the schema, not the type, must refuse them
  const likelihood = (counts: Record<string, unknown>) =>
    ({ alpha: 0.02, scale: 0.06, counts }) as NonNullable<ScorerModel["likelihood"]>;

  it('THEN its counts move the ranking: a feature seen with a cause raises it', () => {
    const plain = model({ weights: {} });
    const withCounts = model({
      weights: {},
      likelihood: likelihood({ 'key-missing': { f: [0, 1], n: [5, 5] }, 'wrong-scheme': { f: [0], n: [5] } }),
    });
    const [a, b] = [plain, withCounts].map((m) =>
      createEngine(buildKnowledge(toFiles(withModel(m)))).diagnose('Authorization: Bearer undefined', { now: 0 }),
    );
    const lead = (d: typeof a) => {
      const of = (id: string) => d!.outcome.ranked.find((r) => r.causeId === id)?.score ?? Number.NaN;
      return of('key-missing') - of('wrong-scheme');
    };
    // the signal was counted with key-missing only: its likelihood lifts key-missing over wrong-scheme
    expect(lead(b) - lead(a)).toBeGreaterThan(0.1);
  });

  it('THEN a count that is not above 0, or a row of two lengths, is refused, naming the cause', () => {
    for (const row of [{ f: [0], n: [0] }, { f: [0], n: [-1] }, { f: [0, 1], n: [1] }, { f: [0], w: [1] }]) {
      const issue = issueOf(model({ likelihood: likelihood({ 'key-missing': row }) } as Partial<ScorerModel>), 'likelihood.counts.key-missing');
      expect(issue?.message, JSON.stringify(row)).toMatch(/counts above 0/);
    }
  });

  it('THEN a count on a feature past the features list, or for an unlisted cause, is refused', () => {
    expect(
      issueOf(model({ likelihood: likelihood({ 'key-missing': { f: [7], n: [1] } }) }), 'likelihood.counts.key-missing.f[0]')
        ?.message,
    ).toMatch(/past the end of the features list/);
    expect(
      issueOf(model({ likelihood: likelihood({ 'key-revoked': { f: [0], n: [1] } }) }), 'likelihood.counts.key-revoked')
        ?.message,
    ).toMatch(/not in the model's causes list/);
  });

  it('THEN a version 2 file, which has none, still loads; one that carries a likelihood is refused', () => {
    const v2 = { ...model(), version: 2 };
    const engines = [v2, model()].map((m) => createEngine(buildKnowledge(toFiles(withModel(m)))));
    const [a, b] = engines.map((e) => e.diagnose('Authorization: Bearer undefined', { now: 0 }).outcome.ranked);
    expect(a).toEqual(b);
    const refused = rejectionOf(withModel({ ...v2, likelihood: likelihood({}) }));
    expect(refused.issues.some((i) => i.file === MODEL_PATH && /"likelihood"/.test(i.message))).toBe(true);
  });
});

describe('GIVEN a knowledge folder without a model', () => {
  it('THEN it loads and the hand-tuned ranking is used', () => {
    const knowledge = buildKnowledge(toFiles(validFixture()));
    expect(knowledge.model).toBeUndefined();
    const { outcome } = createEngine(knowledge).diagnose('Authorization: Bearer undefined', { now: 0 });
    expect(outcome.ranked.length).toBeGreaterThan(0);
  });
});

describe('GIVEN a model file with a broken weight', () => {
  it('THEN a weight that is not a number, or rows of two lengths, are refused, naming the cause', () => {
    for (const row of [{ f: [0], w: ['high'] }, { f: [0, 1], w: [1] }, { f: [0.5], w: [1] }, { bias: 1 }]) {
      const kb = validFixture();
      kb.raw[MODEL_PATH] = JSON.stringify({ ...model(), weights: { 'key-missing': row } });
      const issue = rejectionOf(kb).issues.find((i) => i.field === 'weights.key-missing');
      expect(issue?.message, JSON.stringify(row)).toMatch(/must be \{"f": \[feature indexes\]/);
    }
  });
});

/** The same model in the version 1 layout: each cause's weights keyed by feature name. */
function version1(overrides: Record<string, unknown> = {}) {
  return {
    ...model(),
    version: 1,
    weights: { 'key-missing': { 'sig:key:undefined': 4 }, 'wrong-scheme': { bias: 0.5 } },
    ...overrides,
  };
}

describe('GIVEN a model file written in the version 1 layout', () => {
  it('THEN it still loads and ranks as the same model in the current version', () => {
    const engines = [version1(), model()].map((m) => createEngine(buildKnowledge(toFiles(withModel(m)))));
    for (const text of ['Authorization: Bearer undefined', 'it fails']) {
      const [a, b] = engines.map((e) => e.diagnose(text, { now: 0 }).outcome.ranked);
      expect(a).toEqual(b);
    }
    expect(buildKnowledge(toFiles(withModel(version1()))).model?.version).toBe(MODEL_VERSION);
  });

  it('THEN a weight on a name missing from its features list is refused, naming cause and name', () => {
    const issue = issueOf(version1({ weights: { 'key-missing': { 'w:other': 1 } } }), 'weights.key-missing.w:other');
    expect(issue?.message).toMatch(/not in the model's features list/);
  });

  it('THEN a version 1 weight that is not a number is refused, naming the cause', () => {
    const issue = issueOf(version1({ weights: { 'key-missing': { bias: 'high' } } }), 'weights.key-missing');
    expect(issue?.message).toMatch(/must map feature names to numbers/);
  });
});

describe('GIVEN a model file with solved reports as neighbours', () => {
  // features: 0 bias, 1 sig:key:undefined, 2 w:undefin, 3 w:schem, 4 w:refus
  const features = ['bias', 'sig:key:undefined', 'w:undefin', 'w:schem', 'w:refus'];
  const neighbours = (overrides: Record<string, unknown> = {}) =>
    ({
      k: 5,
      power: 1,
      maxDocumentShare: 1,
      damping: 0,
      cause: [1, 1, 0],
      source: ['acme/api#1', 'acme/api#2', 'acme/web#3'],
      terms: [encodeTerms([3, 4]), encodeTerms([3]), encodeTerms([2])],
      ...overrides,
    }) as NonNullable<ScorerModel['neighbours']>;
  const withNeighbours = (n: unknown, weight = 3) =>
    model({
      features,
      weights: {},
      shared: { 'kb:coverage': 1, 'kb:neighbours': weight },
      neighbours: n as NonNullable<ScorerModel['neighbours']>,
    });

  it('THEN reports like the message lift the cause they had, and the reason cites their threads', () => {
    const text = 'the scheme is refused by the server';
    const diagnose = (m: ScorerModel) =>
      createEngine(buildKnowledge(toFiles(withModel(m)))).diagnose(text, { now: 0 });
    const plain = diagnose(withNeighbours(neighbours(), 0));
    const voted = diagnose(withNeighbours(neighbours()));
    const score = (d: typeof plain, id: string) => d.outcome.ranked.find((r) => r.causeId === id)?.score ?? NaN;
    expect(score(voted, 'wrong-scheme') - score(plain, 'wrong-scheme')).toBeGreaterThan(
      score(voted, 'key-missing') - score(plain, 'key-missing'),
    );
    const top = voted.outcome.ranked.find((r) => r.causeId === 'wrong-scheme');
    expect(top?.reasons.join('\n')).toMatch(/solved reports much like yours had this cause \(acme\/api#1, acme\/api#2\)/);
    expect(plain.outcome.ranked.flatMap((r) => r.reasons).join('\n')).not.toMatch(/solved reports/);
  });

  it('THEN a neighbour naming a cause index or feature position past its list is refused, naming the field', () => {
    expect(issueOf(withNeighbours(neighbours({ cause: [1, 7, 0] })), 'neighbours.cause[1]')?.message).toMatch(
      /past the end of the causes list \(2\)/,
    );
    expect(
      issueOf(withNeighbours(neighbours({ terms: ['3.1', '5', '2'] })), 'neighbours.terms[1]')?.message,
    ).toMatch(/past the end of the features list \(5\)/);
    expect(issueOf(withNeighbours(neighbours({ terms: ['3.1', 'x!', '2'] })), 'neighbours.terms[1]')?.message).toMatch(
      /base-36 gaps/,
    );
  });

  it('THEN a source that is not a thread name is refused, so a reason never cites arbitrary text', () => {
    for (const bad of ['@everyone', 'acme/api#1 <https://evil.example>', 'acme/api', 'sk-FAKE/x#1 extra'])
      expect(
        issueOf(withNeighbours(neighbours({ source: ['acme/api#1', bad, ''] })), 'neighbours.source')?.message,
        bad,
      ).toMatch(/thread names/);
  });

  it('THEN lists of different lengths are refused, and a version 3 file (without neighbours) still loads', () => {
    const error = rejectionOf(withModel(withNeighbours(neighbours({ source: ['acme/api#1'] }))));
    expect(error.issues.some((i) => i.file === MODEL_PATH && /of one length/.test(i.message))).toBe(true);
    const v3 = { ...model(), version: 3 };
    expect(buildKnowledge(toFiles(withModel(v3))).model?.version).toBe(MODEL_VERSION);
    const refused = rejectionOf(withModel({ ...v3, neighbours: neighbours() }));
    expect(refused.issues.some((i) => i.file === MODEL_PATH && /"neighbours"/.test(i.message))).toBe(true);
  });
});
