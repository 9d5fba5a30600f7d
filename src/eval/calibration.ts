/** Calibration of the top-1 confidence: reliability bins and the expected calibration error. */

/** Confidence bins of this width (0-10%, 10-20%, ... 90-100%). */
export const CALIBRATION_BIN_WIDTH = 0.1;
/** The confidence from which a diagnosis is "stated at 90% or more". */
export const HIGH_CONFIDENCE = 0.9;

export interface CalibrationBin {
  /** lower and upper confidence bound, [from, to) (the last bin includes 1) */
  from: number;
  to: number;
  n: number;
  meanConfidence: number;
  /** share of its cases whose top-1 was right */
  accuracy: number;
}

export interface Calibration {
  bins: CalibrationBin[];
  /** expected calibration error: bin-size-weighted mean |accuracy - confidence| */
  ece: number;
  /** diagnoses stated at HIGH_CONFIDENCE or more: how many, and how many were right */
  high: { n: number; accuracy: number };
}

/** Calibration of (top-1 confidence, was it right) pairs. */
export function calibration(points: readonly { confidence: number; hit: boolean }[]): Calibration {
  const count = Math.round(1 / CALIBRATION_BIN_WIDTH);
  const sums = Array.from({ length: count }, () => ({ n: 0, conf: 0, hits: 0 }));
  let highN = 0;
  let highHits = 0;
  for (const p of points) {
    const b = sums[Math.min(count - 1, Math.max(0, Math.floor(p.confidence / CALIBRATION_BIN_WIDTH)))]!;
    b.n++;
    b.conf += p.confidence;
    if (p.hit) b.hits++;
    if (p.confidence >= HIGH_CONFIDENCE) {
      highN++;
      if (p.hit) highHits++;
    }
  }
  const total = points.length;
  let ece = 0;
  const bins = sums.map((b, i) => {
    const meanConfidence = b.n > 0 ? b.conf / b.n : 0;
    const accuracy = b.n > 0 ? b.hits / b.n : 0;
    if (total > 0) ece += (b.n / total) * Math.abs(accuracy - meanConfidence);
    const round = (x: number) => Math.round(x * 10) / 10;
    return {
      from: round(i * CALIBRATION_BIN_WIDTH),
      to: round((i + 1) * CALIBRATION_BIN_WIDTH),
      n: b.n,
      meanConfidence,
      accuracy,
    };
  });
  return { bins, ece, high: { n: highN, accuracy: highN > 0 ? highHits / highN : 0 } };
}
