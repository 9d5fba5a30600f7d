import { describe, expect, it } from 'vitest';
import { expectIssue, rejectionOf } from './expect-issue.ts';
import {
  answer,
  catalogueEntry,
  cataloguePath,
  cause,
  causePath,
  lastLineOf,
  lineOf,
  provider,
  question,
  textOf,
  validFixture,
} from './fixtures.ts';

describe('GIVEN a cause file with a schema error', () => {
  it('THEN a missing title is reported at line 1 of that file with the field title', () => {
    const kb = validFixture();
    const { title: _omitted, ...withoutTitle } = cause('key-missing');
    kb.raw[causePath('key-missing')] = withoutTitle;
    expectIssue(kb, { file: 'causes/key-missing.yaml', line: 1, field: 'title', message: /is required/ });
  });

  it('THEN a value of the wrong type is reported on its own line with "expected number, received string"', () => {
    const kb = validFixture();
    kb.raw[causePath('key-missing')] = { ...cause('key-missing'), statuses: ['four-oh-one'] };
    const line = lineOf(textOf(kb, causePath('key-missing')), 'four-oh-one');
    expect(line).toBeGreaterThan(1);
    expectIssue(kb, {
      file: 'causes/key-missing.yaml',
      line,
      field: 'statuses[0]',
      message: /^expected number, received string$/,
    });
  });

  it('THEN an unknown evidence signal in signals is named with its line', () => {
    const kb = validFixture();
    kb.raw[causePath('wrong-scheme')] = {
      ...cause('wrong-scheme'),
      signals: { 'status:401': 1, 'status:999': 2 },
    };
    expectIssue(kb, {
      file: 'causes/wrong-scheme.yaml',
      line: lineOf(textOf(kb, causePath('wrong-scheme')), 'status:999'),
      field: 'signals.status:999',
      message: /not a known evidence signal/,
    });
  });

  it('THEN a misspelt field like titel is named with its line and the field it probably meant', () => {
    const kb = validFixture();
    kb.raw[causePath('key-missing')] = { ...cause('key-missing'), titel: 'Typo' };
    expectIssue(kb, {
      file: 'causes/key-missing.yaml',
      line: lineOf(textOf(kb, causePath('key-missing')), 'titel:'),
      field: 'titel',
      message: /unknown field "titel" \(did you mean "title"\?\)/,
    });
  });

  it('THEN an empty fix step text is reported at fix[0].text', () => {
    const kb = validFixture();
    kb.causes['key-missing']!.fix = [{ text: '   ' }];
    expectIssue(kb, {
      file: 'causes/key-missing.yaml',
      line: lineOf(textOf(kb, causePath('key-missing')), 'text:'),
      field: 'fix[0].text',
      message: /must not be empty/,
    });
  });

  it('THEN a cause without fix steps is reported with a clear message', () => {
    const kb = validFixture();
    kb.causes['key-missing']!.fix = [];
    expectIssue(kb, {
      file: 'causes/key-missing.yaml',
      line: lineOf(textOf(kb, causePath('key-missing')), 'fix:'),
      field: 'fix',
      message: /needs at least one fix step/,
    });
  });

  it('THEN a reference without a full URL is reported at its url field', () => {
    const kb = validFixture();
    kb.causes['key-missing']!.references = [{ title: 'Docs', url: 'docs.example.com' }];
    expectIssue(kb, {
      file: 'causes/key-missing.yaml',
      line: lineOf(textOf(kb, causePath('key-missing')), 'docs.example.com'),
      field: 'references[0].url',
      message: /must be a full URL/,
    });
  });
});

describe('GIVEN a file that is not a YAML mapping', () => {
  it('THEN a YAML syntax error is reported with its line and column', () => {
    const kb = validFixture();
    kb.raw[causePath('key-missing')] = 'id: key-missing\ntitle: Missing\nsummary: [unclosed\nconfirm: []\n';
    const error = rejectionOf(kb);
    const issue = error.issues.find((i) => i.file === 'causes/key-missing.yaml');
    expect(issue?.message).toMatch(/^YAML syntax error: /);
    expect(issue?.line).toBeGreaterThanOrEqual(3);
    expect(error.message).toMatch(/^causes\/key-missing\.yaml:\d+:\d+: YAML syntax error: /m);
  });

  it('THEN a duplicate key in a mapping is reported as a syntax error on its line', () => {
    const kb = validFixture();
    kb.raw['providers.yaml'] = 'providers:\n  - id: openai\n    name: OpenAI\n    name: Again\n';
    expectIssue(kb, { file: 'providers.yaml', line: 4, message: /YAML syntax error: .*unique/i });
  });

  it('THEN an empty file says it is empty and what it should hold', () => {
    const kb = validFixture();
    kb.raw[causePath('key-missing')] = '# nothing here yet\n';
    expectIssue(kb, {
      file: 'causes/key-missing.yaml',
      line: 1,
      message: /is empty: expected a mapping with `id:`/,
    });
  });

  it('THEN a file holding a list instead of a mapping says what it found', () => {
    const kb = validFixture();
    kb.raw['tree.yaml'] = '- root: q-start\n';
    expectIssue(kb, {
      file: 'tree.yaml',
      line: 1,
      message: /must be a mapping with `root:` and `questions:`, found a list/,
    });
  });

  it('THEN an unexpected YAML file at the top level is reported while README.md is ignored', () => {
    const kb = validFixture();
    kb.raw['extras.yaml'] = 'anything: 1\n';
    const error = rejectionOf(kb);
    expect(error.issues).toEqual([
      expect.objectContaining({
        file: 'extras.yaml',
        message: expect.stringMatching(/is not a knowledge file/),
      }),
    ]);
  });
});

describe('GIVEN a broken decision tree', () => {
  it('THEN an answer leading to an unknown target is named with the line of that target', () => {
    const kb = validFixture();
    kb.tree.questions[1]!.answers[0]!.next = ['no-such-cause'];
    const tree = textOf(kb, 'tree.yaml');
    expectIssue(kb, {
      file: 'tree.yaml',
      line: lineOf(tree, 'no-such-cause'),
      field: 'questions[1].answers[0].next[0]',
      message: /unknown target "no-such-cause"/,
    });
  });

  it('THEN an answer label too long for a button is reported with its line and field', () => {
    const kb = validFixture();
    const label = 'An answer label that goes on and on, well past what any chat button is able to show';
    kb.tree.questions[1]!.answers[0]!.label = label;
    expectIssue(kb, {
      file: 'tree.yaml',
      line: lineOf(textOf(kb, 'tree.yaml'), 'An answer label that goes'),
      field: 'questions[1].answers[0].label',
      message: /at most 75 characters/,
    });
  });

  it('THEN a cycle between questions is reported with its path', () => {
    const kb = validFixture();
    kb.tree.questions[1]!.answers[1]!.next = ['wrong-scheme', 'q-start'];
    expectIssue(kb, {
      file: 'tree.yaml',
      line: lastLineOf(textOf(kb, 'tree.yaml'), '- q-start'),
      field: 'questions[1].answers[1].next[1]',
      message: /makes a cycle: q-start -> q-header -> q-start/,
    });
  });

  it('THEN an answer pointing at its own question is reported', () => {
    const kb = validFixture();
    kb.tree.questions[1]!.answers[1]!.next = ['wrong-scheme', 'q-header'];
    expectIssue(kb, {
      file: 'tree.yaml',
      line: lastLineOf(textOf(kb, 'tree.yaml'), '- q-header'),
      field: 'questions[1].answers[1].next[1]',
      message: /points at its own question "q-header"/,
    });
  });

  it('THEN a dead-end answer with an empty next is reported', () => {
    const kb = validFixture();
    kb.tree.questions[1]!.answers[1]!.next = [];
    kb.tree.questions[1]!.answers[0]!.next = ['missing-bearer-prefix', 'wrong-scheme'];
    expectIssue(kb, {
      file: 'tree.yaml',
      line: lineOf(textOf(kb, 'tree.yaml'), 'next: []'),
      field: 'questions[1].answers[1].next',
      message: /answer "a-token" is a dead end/,
    });
  });

  it('THEN a cause no answer leads to is reported as unreachable in its own file', () => {
    const kb = validFixture();
    kb.causes.orphan = cause('orphan');
    expectIssue(kb, {
      file: 'causes/orphan.yaml',
      line: 1,
      field: 'id',
      message: /cause "orphan" is not reachable/,
    });
  });

  it('THEN a question the root cannot reach is reported', () => {
    const kb = validFixture();
    kb.tree.questions.push(
      question('q-lonely', [answer('a-one', ['key-missing']), answer('a-two', ['wrong-scheme'])]),
    );
    expectIssue(kb, {
      file: 'tree.yaml',
      line: lineOf(textOf(kb, 'tree.yaml'), 'id: q-lonely'),
      field: 'questions[2].id',
      message: /question "q-lonely" is not reachable from root "q-start"/,
    });
  });

  it('THEN a root naming no question is reported at root', () => {
    const kb = validFixture();
    kb.tree.root = 'q-nowhere';
    expectIssue(kb, { file: 'tree.yaml', line: 1, field: 'root', message: /unknown question "q-nowhere"/ });
  });

  it('THEN a duplicate question id is reported at the second one', () => {
    const kb = validFixture();
    kb.tree.questions.push(
      question('q-header', [answer('a-one', ['key-missing']), answer('a-two', ['wrong-scheme'])]),
    );
    const tree = textOf(kb, 'tree.yaml');
    const second = lastLineOf(tree, 'id: q-header');
    expectIssue(kb, {
      file: 'tree.yaml',
      line: second,
      field: 'questions[2].id',
      message: /duplicate question id "q-header"/,
    });
  });

  it('THEN a duplicate answer id within a question is reported', () => {
    const kb = validFixture();
    kb.tree.questions[1]!.answers[1]!.id = 'a-bare';
    const tree = textOf(kb, 'tree.yaml');
    const second = lastLineOf(tree, 'id: a-bare');
    expectIssue(kb, {
      file: 'tree.yaml',
      line: second,
      field: 'questions[1].answers[1].id',
      message: /duplicate answer id "a-bare"/,
    });
  });

  it('THEN an unknown signal in implied_by is named with its line', () => {
    const kb = validFixture();
    kb.tree.questions[0]!.answers[0]!.implied_by = ['key:undefined', 'key:nonsense'];
    expectIssue(kb, {
      file: 'tree.yaml',
      line: lineOf(textOf(kb, 'tree.yaml'), 'key:nonsense'),
      field: 'questions[0].answers[0].implied_by[1]',
      message: /not a known evidence signal/,
    });
  });
});

describe('GIVEN causes that disagree with each other or with their files', () => {
  it('THEN a cause whose file name differs from its id is reported', () => {
    const kb = validFixture();
    kb.causes['missing-key'] = kb.causes['key-missing']!;
    delete kb.causes['key-missing'];
    expectIssue(kb, {
      file: 'causes/missing-key.yaml',
      line: 1,
      field: 'id',
      message: /differs from the file name/,
    });
  });

  it('THEN two files with the same cause id are reported as a duplicate', () => {
    const kb = validFixture();
    kb.causes['key-missing-copy'] = cause('key-missing');
    expectIssue(kb, {
      file: 'causes/key-missing-copy.yaml',
      line: 1,
      field: 'id',
      message: /duplicate cause id "key-missing" \(also in causes\/key-missing\.yaml\)/,
    });
  });

  it('THEN an unknown provider in a cause providers list is reported', () => {
    const kb = validFixture();
    kb.causes['key-missing']!.providers = ['openai', 'opneai'];
    expectIssue(kb, {
      file: 'causes/key-missing.yaml',
      line: lineOf(textOf(kb, causePath('key-missing')), 'opneai'),
      field: 'providers[1]',
      message: /unknown provider "opneai"/,
    });
  });

  it('THEN an unknown provider in a fix step providers list is reported at that step', () => {
    const kb = validFixture();
    kb.causes['key-missing']!.fix = [
      { text: 'Fix it anywhere.' },
      { text: 'Fix it for one provider.', providers: ['openai', 'opnai'] },
    ];
    expectIssue(kb, {
      file: 'causes/key-missing.yaml',
      line: lineOf(textOf(kb, causePath('key-missing')), 'opnai'),
      field: 'fix[1].providers[1]',
      message: /unknown provider "opnai"/,
    });
  });

  it('THEN an unknown provider in provider_notes is reported at its key', () => {
    const kb = validFixture();
    kb.causes['wrong-scheme']!.provider_notes = { antrhopic: 'typo' };
    expectIssue(kb, {
      file: 'causes/wrong-scheme.yaml',
      line: lineOf(textOf(kb, causePath('wrong-scheme')), 'antrhopic:'),
      field: 'provider_notes.antrhopic',
      message: /unknown provider "antrhopic"/,
    });
  });

  it('THEN a duplicate provider id is reported', () => {
    const kb = validFixture();
    kb.providers.providers.push(provider('openai'));
    const text = textOf(kb, 'providers.yaml');
    const second = lastLineOf(text, 'id: openai');
    expectIssue(kb, {
      file: 'providers.yaml',
      line: second,
      field: 'providers[2].id',
      message: /duplicate provider id "openai"/,
    });
  });
});

describe('GIVEN a broken error catalogue', () => {
  it('THEN an entry naming an unknown cause is reported at that cause', () => {
    const kb = validFixture();
    kb.catalogues.openai!.errors.push(catalogueEntry('invalid_api_key', { 'no-such-cause': 2 }));
    expectIssue(kb, {
      file: 'errors/openai.yaml',
      line: lineOf(textOf(kb, cataloguePath('openai')), 'no-such-cause'),
      field: 'errors[2].causes.no-such-cause',
      message: /unknown cause "no-such-cause"/,
    });
  });

  it('THEN a match string shorter than 3 characters is reported', () => {
    const kb = validFixture();
    kb.catalogues.openai!.errors[0]!.match = 'ab';
    expectIssue(kb, {
      file: 'errors/openai.yaml',
      line: lineOf(textOf(kb, cataloguePath('openai')), 'match: ab'),
      field: 'errors[0].match',
      message: /at least 3 characters/,
    });
  });

  it('THEN the same match string twice for one provider is reported', () => {
    const kb = validFixture();
    kb.catalogues.openai!.errors.push(catalogueEntry('incorrect api key provided', { 'key-missing': 1 }));
    expectIssue(kb, {
      file: 'errors/openai.yaml',
      line: lineOf(textOf(kb, cataloguePath('openai')), 'match: incorrect api key provided'),
      field: 'errors[2].match',
      message: /duplicate match "incorrect api key provided" for provider "openai"/,
    });
  });

  it('THEN a catalogue for an unknown provider is reported at provider', () => {
    const kb = validFixture();
    kb.catalogues.nobody = {
      provider: 'nobody',
      errors: [catalogueEntry('Nobody said no', { 'key-missing': 1 })],
    };
    expectIssue(kb, {
      file: 'errors/nobody.yaml',
      line: 1,
      field: 'provider',
      message: /unknown provider "nobody"/,
    });
  });
});
