/** Temperature scaling: one number that makes the softmax's top confidence mean what it says. */

const LOG_T_MIN = Math.log(0.05);
const LOG_T_MAX = Math.log(20);
const GOLDEN_STEPS = 60;

/** Mean negative log-likelihood of the accepted causes at temperature t. */
export function meanNll(logits: readonly Float64Array[], accepted: readonly number[][], t: number): number {
  let total = 0;
  for (let i = 0; i < logits.length; i++) {
    const z = logits[i]!;
    let max = Number.NEGATIVE_INFINITY;
    for (let c = 0; c < z.length; c++) max = Math.max(max, z[c]! / t);
    let sum = 0;
    for (let c = 0; c < z.length; c++) sum += Math.exp(z[c]! / t - max);
    // the accepted causes are one or two, so their terms are summed again rather than looked up
    let acc = 0;
    const ok = accepted[i] ?? [];
    for (let k = 0; k < ok.length; k++) {
      const c = ok[k]!;
      // a cause listed twice counts once, as a set of accepted causes would
      if (c >= 0 && c < z.length && ok.indexOf(c) === k) acc += Math.exp(z[c]! / t - max);
    }
    total -= Math.log(Math.max(acc / sum, 1e-300));
  }
  return logits.length > 0 ? total / logits.length : 0;
}

/** The temperature minimising the NLL (golden-section search over log t); 1 with no data. */
export function fitTemperature(logits: readonly Float64Array[], accepted: readonly number[][]): number {
  if (logits.length === 0) return 1;
  const phi = (Math.sqrt(5) - 1) / 2;
  let a = LOG_T_MIN;
  let b = LOG_T_MAX;
  let c = b - phi * (b - a);
  let d = a + phi * (b - a);
  let fc = meanNll(logits, accepted, Math.exp(c));
  let fd = meanNll(logits, accepted, Math.exp(d));
  for (let i = 0; i < GOLDEN_STEPS; i++) {
    if (fc < fd) {
      b = d;
      d = c;
      fd = fc;
      c = b - phi * (b - a);
      fc = meanNll(logits, accepted, Math.exp(c));
    } else {
      a = c;
      c = d;
      fc = fd;
      d = a + phi * (b - a);
      fd = meanNll(logits, accepted, Math.exp(d));
    }
  }
  return Math.exp((a + b) / 2);
}
