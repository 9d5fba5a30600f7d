import type { KnowledgeIssue } from './knowledge-error.ts';
import type { Parsed } from './parse-files.ts';
import type { Tree } from './schema.ts';

/** What the tree check found, and which causes the tree can reach (for the cause-side check). */
export interface TreeCheckResult {
  issues: KnowledgeIssue[];
  /** undefined when reachability could not be judged (the root is broken) */
  reachableCauses?: Set<string>;
}

type Located = { questionIndex: number; answerIndex: number; nextIndex: number };

/** Graph checks on the decision tree: ids, targets, cycles, dead ends and reachability. */
export function checkTree(tree: Parsed<Tree>, causeIds: ReadonlySet<string>): TreeCheckResult {
  const { source, file } = tree;
  const issues: KnowledgeIssue[] = [];
  const report = (fieldPath: (string | number)[], field: string, message: string) =>
    issues.push({ file, ...source.at(fieldPath), field, message });

  const questions = tree.value.questions;
  const firstIndex = new Map<string, number>();
  questions.forEach((question, qi) => {
    const seen = firstIndex.get(question.id);
    if (seen !== undefined) {
      const line = source.at(['questions', seen, 'id']).line;
      report(
        ['questions', qi, 'id'],
        `questions[${qi}].id`,
        `duplicate question id "${question.id}" (first on line ${line})`,
      );
      return;
    }
    firstIndex.set(question.id, qi);
    if (causeIds.has(question.id)) {
      report(
        ['questions', qi, 'id'],
        `questions[${qi}].id`,
        `"${question.id}" is both a question id and a cause id`,
      );
    }
    const answerIds = new Map<string, number>();
    question.answers.forEach((answer, ai) => {
      const previous = answerIds.get(answer.id);
      const at = ['questions', qi, 'answers', ai, 'id'];
      if (previous !== undefined) {
        report(
          at,
          `questions[${qi}].answers[${ai}].id`,
          `duplicate answer id "${answer.id}" in question "${question.id}"`,
        );
      } else answerIds.set(answer.id, ai);
    });
  });

  // Edges between questions, remembered with where they are written for cycle messages.
  const edges = new Map<string, { to: string; at: Located }[]>();
  questions.forEach((question, qi) => {
    if (firstIndex.get(question.id) !== qi) return;
    const out: { to: string; at: Located }[] = [];
    question.answers.forEach((answer, ai) => {
      const answerField = `questions[${qi}].answers[${ai}]`;
      if (answer.next.length === 0) {
        report(
          ['questions', qi, 'answers', ai, 'next'],
          `${answerField}.next`,
          `answer "${answer.id}" is a dead end: next must name at least one question or cause`,
        );
      }
      const targets = new Set<string>();
      answer.next.forEach((target, ni) => {
        const at = ['questions', qi, 'answers', ai, 'next', ni];
        const field = `${answerField}.next[${ni}]`;
        if (targets.has(target)) {
          report(at, field, `"${target}" is listed twice`);
          return;
        }
        targets.add(target);
        if (target === question.id) {
          report(at, field, `points at its own question "${question.id}"`);
        } else if (firstIndex.has(target)) {
          out.push({ to: target, at: { questionIndex: qi, answerIndex: ai, nextIndex: ni } });
        } else if (!causeIds.has(target)) {
          report(
            at,
            field,
            `unknown target "${target}" in answer "${answer.id}": no question or cause has that id`,
          );
        }
      });
    });
    edges.set(question.id, out);
  });

  for (const cycle of findCycles(edges)) {
    const { questionIndex: qi, answerIndex: ai, nextIndex: ni } = cycle.closingEdge;
    report(
      ['questions', qi, 'answers', ai, 'next', ni],
      `questions[${qi}].answers[${ai}].next[${ni}]`,
      `makes a cycle: ${cycle.path.join(' -> ')}`,
    );
  }

  const root = tree.value.root;
  if (!firstIndex.has(root)) {
    const why = causeIds.has(root)
      ? `"${root}" is a cause; root must name a question`
      : `unknown question "${root}"`;
    report(['root'], 'root', why);
    return { issues };
  }

  const reachable = reachableFrom(root, edges);
  const reachableCauses = new Set<string>();
  questions.forEach((question, qi) => {
    if (firstIndex.get(question.id) !== qi) return;
    if (!reachable.has(question.id)) {
      report(
        ['questions', qi, 'id'],
        `questions[${qi}].id`,
        `question "${question.id}" is not reachable from root "${root}"`,
      );
      return;
    }
    for (const answer of question.answers) {
      for (const target of answer.next) if (causeIds.has(target)) reachableCauses.add(target);
    }
  });
  return { issues, reachableCauses };
}

function reachableFrom(root: string, edges: ReadonlyMap<string, { to: string }[]>): Set<string> {
  const seen = new Set([root]);
  const queue = [root];
  for (let id = queue.shift(); id !== undefined; id = queue.shift()) {
    for (const edge of edges.get(id) ?? []) {
      if (!seen.has(edge.to)) {
        seen.add(edge.to);
        queue.push(edge.to);
      }
    }
  }
  return seen;
}

/** Each distinct cycle once, as the question path and the `next` entry that closes it. */
function findCycles(
  edges: ReadonlyMap<string, { to: string; at: Located }[]>,
): { path: string[]; closingEdge: Located }[] {
  const state = new Map<string, 'active' | 'done'>();
  const stack: string[] = [];
  const found: { path: string[]; closingEdge: Located }[] = [];
  const seenCycles = new Set<string>();

  // Iterative DFS: a deep operator tree must not overflow the call stack.
  for (const start of edges.keys()) {
    if (state.has(start)) continue;
    const frames: { id: string; next: number }[] = [{ id: start, next: 0 }];
    state.set(start, 'active');
    stack.push(start);
    while (frames.length > 0) {
      const frame = frames.at(-1)!;
      const out = edges.get(frame.id) ?? [];
      if (frame.next >= out.length) {
        state.set(frame.id, 'done');
        stack.pop();
        frames.pop();
        continue;
      }
      const edge = out[frame.next++]!;
      const status = state.get(edge.to);
      if (status === 'active') {
        const path = [...stack.slice(stack.indexOf(edge.to)), edge.to];
        const key = [...new Set(path)].sort().join(' ');
        if (!seenCycles.has(key)) {
          seenCycles.add(key);
          found.push({ path, closingEdge: edge.at });
        }
      } else if (status === undefined) {
        state.set(edge.to, 'active');
        stack.push(edge.to);
        frames.push({ id: edge.to, next: 0 });
      }
    }
  }
  return found;
}
