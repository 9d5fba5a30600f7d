/** Turns labelled cases into training examples: the same features the ranking computes at run time. */
import { buildCore } from '../engine/core.ts';
import { extractEvidence } from '../engine/evidence/index.ts';
import { messageFeatures, SHARED_FEATURES } from '../engine/model/features.ts';
import { stripLabels } from '../redaction/redact.ts';
import { scoreText } from '../engine/text/text-index.ts';
import type { Knowledge } from '../knowledge/schema.ts';

/** A labelled case with its weight in the fit and its group (the repository it came from). */
export interface TrainingCase {
  text: string;
  cause: string;
  also: readonly string[];
  weight: number;
  /** cases of one group are never split between training and test folds; undefined: always trained on */
  group?: string;
  /** the thread it came from (`owner/repo#N`), which a reason may cite when the report is a neighbour */
  source?: string;
}

export interface Example {
  global: string[];
  text: string[];
  /** causes x SHARED_FEATURES, row-major, in the knowledge base's cause order */
  shared: Float64Array;
  /** indexes of the causes that count as right */
  accepted: number[];
  weight: number;
  group?: string;
  source?: string;
  /** its nearest real reports of other projects (indexes into the examples), most similar first */
  neighbours?: Int32Array;
  similarity?: Float64Array;
}

/** Features of every case over a knowledge base (its model, if any, is not used). Cases naming unknown causes are left out. */
export function buildExamples(knowledge: Knowledge, cases: readonly TrainingCase[], now: number): Example[] {
  const { model: _unused, ...withoutModel } = knowledge;
  const core = buildCore(withoutModel);
  const causeIds = [...knowledge.causes.keys()];
  const position = new Map(causeIds.map((id, i) => [id, i]));
  const s = SHARED_FEATURES.length;
  const out: Example[] = [];
  for (const c of cases) {
    const accepted = [c.cause, ...c.also].flatMap((id) => (position.has(id) ? [position.get(id)!] : []));
    if (accepted.length === 0) continue;
    const evidence = extractEvidence(core.evidence, c.text, now);
    const plain = stripLabels(evidence.redactedText);
    const f = messageFeatures(knowledge, evidence, scoreText(core.text, plain), plain);
    const shared = new Float64Array(causeIds.length * s);
    causeIds.forEach((id, i) => shared.set(f.shared.get(id) ?? new Float64Array(s), i * s));
    out.push({
      global: f.global,
      text: f.text,
      shared,
      accepted: [...new Set(accepted)],
      weight: c.weight,
      ...(c.group !== undefined ? { group: c.group } : {}),
      ...(c.source !== undefined ? { source: c.source } : {}),
    });
  }
  return out;
}
