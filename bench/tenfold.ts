/**
 * A synthetic knowledge base ten times the shipped one: every cause, question and catalogue entry
 * copied under new ids, each copy's tree hung under one new root question.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse, stringify } from 'yaml';

/** Copies of the knowledge base in the synthetic one (the original plus COPIES - 1). */
export const COPIES = 10;

type Obj = Record<string, unknown>;

/** The knowledge folder's files, with causes, questions and catalogue copied under new ids. */
export function tenfoldFiles(dir: string): { path: string; text: string }[] {
  const read = (rel: string) => readFileSync(path.join(dir, rel), 'utf8');
  const list = (sub: string) =>
    readdirSync(path.join(dir, sub))
      .filter((f) => f.endsWith('.yaml') || f.endsWith('.yml'))
      .map((f) => `${sub}/${f}`);
  const tree = parse(read('tree.yaml')) as { root: string; questions: Obj[] };
  const causes = list('causes').map((f) => parse(read(f)) as Obj);
  const errors = list('errors').map((f) => ({
    file: f,
    data: parse(read(f)) as { provider: string; errors: Obj[] },
  }));
  const causeIds = new Set(causes.map((c) => String(c.id)));
  const questionIds = new Set(tree.questions.map((q) => String(q.id)));
  const rename = (id: string, k: number) =>
    k === 0 || (!causeIds.has(id) && !questionIds.has(id)) ? id : `${id}-x${k}`;
  const files: { path: string; text: string }[] = [{ path: 'providers.yaml', text: read('providers.yaml') }];
  const questions: Obj[] = [];
  const rootAnswers: Obj[] = [];
  for (let k = 0; k < COPIES; k++) {
    for (const q of tree.questions) {
      const answers = (q.answers as Obj[]).map((a) => ({
        ...a,
        next: (a.next as string[]).map((n) => rename(n, k)),
      }));
      questions.push({ ...q, id: rename(String(q.id), k), answers });
    }
    rootAnswers.push({ id: `copy-${k}`, label: `Family ${k}`, next: [rename(tree.root, k)] });
    for (const c of causes) {
      files.push({
        path: `causes/${rename(String(c.id), k)}.yaml`,
        text: stringify({ ...c, id: rename(String(c.id), k) }),
      });
    }
    for (const e of errors) {
      const copied = e.data.errors.map((entry) => ({
        ...entry,
        match: k === 0 ? entry.match : `${String(entry.match)} (${k})`,
        causes: Object.fromEntries(Object.entries(entry.causes as Obj).map(([id, w]) => [rename(id, k), w])),
      }));
      files.push({
        path: e.file.replace(/\.ya?ml$/, `${k === 0 ? '' : `-x${k}`}.yaml`),
        text: stringify({ ...e.data, errors: copied }),
      });
    }
  }
  questions.unshift({ id: 'q-bench-root', text: 'Which family?', answers: rootAnswers });
  files.push({ path: 'tree.yaml', text: stringify({ root: 'q-bench-root', questions }) });
  return files;
}
