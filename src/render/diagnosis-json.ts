/**
 * The machine-readable diagnosis: the ranking and the evidence behind it, with credentials as
 * fingerprints only. One definition shared by `keydoctor diagnose --json` and `POST /v1/diagnose`,
 * so the CLI and the HTTP API can never drift apart. Pure.
 */
import type { DiagnosisOutcome, Evidence } from '../engine/types.ts';

export function diagnosisJson(outcome: DiagnosisOutcome, evidence: Evidence) {
  return {
    outcome: outcome.kind,
    ranked: outcome.ranked.map(({ causeId, score, confidence, reasons }) => ({
      causeId,
      score,
      confidence,
      reasons,
    })),
    evidence: {
      signals: evidence.signals.map(({ signal, detail }) => ({ signal, detail })),
      providers: evidence.providers,
      errors: evidence.errors,
      // fields picked one by one: a field added to the fingerprint later is not published by accident
      credentials: evidence.credentials.map(({ provider, kind, last4, live, label }) => ({
        provider,
        kind,
        last4,
        live,
        label,
      })),
      truncated: evidence.truncated,
    },
  };
}

export type DiagnosisJson = ReturnType<typeof diagnosisJson>;
