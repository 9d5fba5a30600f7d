/** Limited-memory BFGS with a backtracking (Armijo) line search: deterministic, no dependencies. */

export type Objective = (x: Float64Array, grad: Float64Array) => number;

export interface LbfgsOptions {
  maxIterations: number;
  /** stop when the gradient's max-norm falls below this */
  tolerance: number;
  memory: number;
}

function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += (a[i] ?? 0) * (b[i] ?? 0);
  return s;
}

/** Minimises `f` from `x0`; returns the minimiser and the final value. */
export function minimise(
  f: Objective,
  x0: Float64Array,
  options: LbfgsOptions,
): { x: Float64Array; value: number; iterations: number } {
  const n = x0.length;
  let x = Float64Array.from(x0);
  let g = new Float64Array(n);
  let fx = f(x, g);
  const ss: Float64Array[] = [];
  const ys: Float64Array[] = [];
  const rhos: number[] = [];
  let iter = 0;
  for (; iter < options.maxIterations; iter++) {
    let gmax = 0;
    for (let i = 0; i < n; i++) gmax = Math.max(gmax, Math.abs(g[i] ?? 0));
    if (gmax < options.tolerance) break;
    // two-loop recursion: d = -H g
    const d = Float64Array.from(g);
    const alphas: number[] = [];
    for (let k = ss.length - 1; k >= 0; k--) {
      const a = (rhos[k] ?? 0) * dot(ss[k]!, d);
      alphas[k] = a;
      const y = ys[k]!;
      for (let i = 0; i < n; i++) d[i] = (d[i] ?? 0) - a * (y[i] ?? 0);
    }
    if (ss.length > 0) {
      const k = ss.length - 1;
      const gamma = dot(ss[k]!, ys[k]!) / dot(ys[k]!, ys[k]!);
      for (let i = 0; i < n; i++) d[i] = (d[i] ?? 0) * gamma;
    } else {
      const scale = 1 / Math.max(1, Math.sqrt(dot(g, g)));
      for (let i = 0; i < n; i++) d[i] = (d[i] ?? 0) * scale;
    }
    for (let k = 0; k < ss.length; k++) {
      const b = (rhos[k] ?? 0) * dot(ys[k]!, d);
      const s = ss[k]!;
      for (let i = 0; i < n; i++) d[i] = (d[i] ?? 0) + s[i]! * ((alphas[k] ?? 0) - b);
    }
    for (let i = 0; i < n; i++) d[i] = -(d[i] ?? 0);
    let slope = dot(g, d);
    if (slope >= 0) {
      // not a descent direction: restart from steepest descent
      ss.length = 0;
      ys.length = 0;
      rhos.length = 0;
      for (let i = 0; i < n; i++) d[i] = -(g[i] ?? 0);
      slope = dot(g, d);
    }
    let step = 1;
    const xn = new Float64Array(n);
    const gn = new Float64Array(n);
    let fn = Number.POSITIVE_INFINITY;
    for (let tries = 0; tries < 30; tries++) {
      for (let i = 0; i < n; i++) xn[i] = (x[i] ?? 0) + step * (d[i] ?? 0);
      fn = f(xn, gn);
      if (fn <= fx + 1e-4 * step * slope) break;
      step *= 0.5;
    }
    if (!(fn < fx)) break;
    const s = new Float64Array(n);
    const y = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      s[i] = (xn[i] ?? 0) - (x[i] ?? 0);
      y[i] = (gn[i] ?? 0) - (g[i] ?? 0);
    }
    const sy = dot(s, y);
    if (sy > 1e-12) {
      ss.push(s);
      ys.push(y);
      rhos.push(1 / sy);
      if (ss.length > options.memory) {
        ss.shift();
        ys.shift();
        rhos.shift();
      }
    }
    const converged = Math.abs(fx - fn) < 1e-10 * Math.max(1, Math.abs(fx));
    x = Float64Array.from(xn);
    g = Float64Array.from(gn);
    fx = fn;
    if (converged) break;
  }
  return { x, value: fx, iterations: iter };
}
