/** The diagnosis reply: the cause, why, numbered fixes, how to confirm and prevent, alternatives. */
import type { Knowledge } from '../../knowledge/schema.ts';
import { OTHER_POSSIBILITIES } from '../limits.ts';
import type { Evidence, RankedCause, Reply, ReplyBlock } from '../types.ts';
import { askerOf, fitReferences, fitStep, fitText, GENERIC_PROVIDER } from './provider-fit.ts';
import { relevantSteps } from './relevant-steps.ts';

export const FEEDBACK_CHOICES = [
  { id: 'feedback:fixed', label: 'Fixed it', style: 'primary' as const },
  { id: 'feedback:broken', label: 'Still broken', style: 'secondary' as const },
];

/** Offered with an outcome that is not a key problem: the next step is a person, not another fix. */
export const HANDOFF_CHOICE = { id: 'handoff', label: 'Ask a person', style: 'secondary' as const };

/** A confidence as a percentage; never "100%" or "0%", which would claim certainty. */
function percent(c: number): string {
  if (c < 0.01) return '<1%';
  return `${Math.min(99, Math.round(c * 100))}%`;
}

/** Builds the diagnosis for `top`, explaining it with its reasons and naming the runners-up. */
export function diagnosisReply(
  knowledge: Knowledge,
  top: RankedCause,
  others: readonly RankedCause[],
  evidence: Evidence,
  opts: { intro?: string; tentative?: boolean } = {},
): Reply {
  const cause = knowledge.causes.get(top.causeId);
  if (!cause) throw new Error(`unknown cause ${top.causeId}`);
  const blocks: ReplyBlock[] = [];
  if (opts.intro) blocks.push({ type: 'text', text: opts.intro });
  const lead = opts.tentative ? 'Most likely' : 'Likely cause';
  blocks.push({
    type: 'text',
    text: `${lead} (${percent(top.confidence)} confident): ${cause.summary.trim()}`,
  });
  const why =
    top.reasons.length > 0
      ? top.reasons
      : [
          opts.tentative
            ? 'nothing in your messages rules it out, and it is a common cause of this kind of failure'
            : 'your description fits this cause better than the others',
        ];
  blocks.push({ type: 'evidence', title: 'Why I think so', items: why });
  // Every step, check and reference fits the detected provider and tool, or names none.
  const asker = askerOf(knowledge, evidence);
  const fit = (items: readonly string[]) => items.flatMap((t) => fitText(knowledge, asker, t) ?? []);
  let steps = relevantSteps(cause.fix, evidence).flatMap((s) => fitStep(knowledge, asker, s) ?? []);
  if (steps.length === 0)
    steps = cause.fix.flatMap((s) => (s.providers ? [] : (fitStep(knowledge, asker, s) ?? [])));
  if (steps.length === 0)
    steps = [
      {
        text: 'Test the credential on its own with one small request.',
        code: { language: 'bash', code: asker.check },
      },
    ];
  blocks.push({
    type: 'steps',
    title: 'How to fix it',
    items: steps.map((s) =>
      s.code ? { text: s.text, code: { language: s.code.language, code: s.code.code } } : { text: s.text },
    ),
  });
  const confirm = fit(cause.confirm);
  if (confirm.length > 0) blocks.push({ type: 'list', title: 'How to confirm', items: confirm });
  const specific = evidence.providers.filter((p) => p !== GENERIC_PROVIDER);
  for (const p of specific.length > 0 ? specific : evidence.providers) {
    const note = cause.provider_notes[p];
    if (note)
      blocks.push({ type: 'text', text: `**${knowledge.providers.get(p)?.name ?? p}:** ${note.trim()}` });
  }
  const prevent = fit(cause.prevent);
  if (prevent.length > 0) blocks.push({ type: 'list', title: 'How to prevent it', items: prevent });
  const alt = others.slice(0, OTHER_POSSIBILITIES).flatMap((o) => {
    const c = knowledge.causes.get(o.causeId);
    return c ? [`${c.title} (${percent(o.confidence)})`] : [];
  });
  if (alt.length > 0) blocks.push({ type: 'list', title: 'Other possibilities', items: alt });
  const references = fitReferences(knowledge, asker, cause.references);
  if (references.length > 0) {
    blocks.push({
      type: 'list',
      title: 'References',
      items: references.map((r) => `[${r.title}](${r.url})`),
    });
  }
  return {
    kind: 'diagnosis',
    heading: cause.title,
    blocks,
    // An outcome outside the tree (not a key problem) has no fix of ours to try next: offer a person.
    choices: cause.outside_tree ? [...FEEDBACK_CHOICES, HANDOFF_CHOICE] : [...FEEDBACK_CHOICES],
    causeId: cause.id,
  };
}
