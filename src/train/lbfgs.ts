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
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!;
  return s;
}

/**
 * Minimises `f` from `x0`; returns the minimiser and the final value. The vectors are allocated
 * once (the correction pairs are reused in turn): a model has hundreds of thousands of weights, and
 * fresh arrays every iteration cost more in garbage collection than the arithmetic.
 */
export function minimise(
  f: Objective,
  x0: Float64Array,
  options: LbfgsOptions,
): { x: Float64Array; value: number; iterations: number } {
  const n = x0.length;
  let x = Float64Array.from(x0);
  let g = new Float64Array(n);
  let xn = new Float64Array(n);
  let gn = new Float64Array(n);
  const d = new Float64Array(n);
  let fx = f(x, g);
  /** correction pairs, oldest first; `spare` holds the buffers of dropped pairs for reuse */
  const ss: Float64Array[] = [];
  const ys: Float64Array[] = [];
  const rhos: number[] = [];
  const spare: Float64Array[] = [];
  const buffer = () => spare.pop() ?? new Float64Array(n);
  const alphas = new Float64Array(options.memory + 1);
  let iter = 0;
  for (; iter < options.maxIterations; iter++) {
    let gmax = 0;
    for (let i = 0; i < n; i++) gmax = Math.max(gmax, Math.abs(g[i]!));
    if (gmax < options.tolerance) break;
    // two-loop recursion: d = -H g
    d.set(g);
    for (let k = ss.length - 1; k >= 0; k--) {
      const a = rhos[k]! * dot(ss[k]!, d);
      alphas[k] = a;
      const y = ys[k]!;
      for (let i = 0; i < n; i++) d[i] = d[i]! - a * y[i]!;
    }
    if (ss.length > 0) {
      const k = ss.length - 1;
      const gamma = dot(ss[k]!, ys[k]!) / dot(ys[k]!, ys[k]!);
      for (let i = 0; i < n; i++) d[i] = d[i]! * gamma;
    } else {
      const scale = 1 / Math.max(1, Math.sqrt(dot(g, g)));
      for (let i = 0; i < n; i++) d[i] = d[i]! * scale;
    }
    for (let k = 0; k < ss.length; k++) {
      const b = rhos[k]! * dot(ys[k]!, d);
      const s = ss[k]!;
      const a = alphas[k]!;
      for (let i = 0; i < n; i++) d[i] = d[i]! + s[i]! * (a - b);
    }
    for (let i = 0; i < n; i++) d[i] = -d[i]!;
    let slope = dot(g, d);
    if (slope >= 0) {
      // not a descent direction: restart from steepest descent
      spare.push(...ss, ...ys);
      ss.length = 0;
      ys.length = 0;
      rhos.length = 0;
      for (let i = 0; i < n; i++) d[i] = -g[i]!;
      slope = dot(g, d);
    }
    let step = 1;
    let fn = Number.POSITIVE_INFINITY;
    for (let tries = 0; tries < 30; tries++) {
      for (let i = 0; i < n; i++) xn[i] = x[i]! + step * d[i]!;
      fn = f(xn, gn);
      if (fn <= fx + 1e-4 * step * slope) break;
      step *= 0.5;
    }
    if (!(fn < fx)) break;
    const s = buffer();
    const y = buffer();
    for (let i = 0; i < n; i++) {
      s[i] = xn[i]! - x[i]!;
      y[i] = gn[i]! - g[i]!;
    }
    const sy = dot(s, y);
    if (sy > 1e-12) {
      ss.push(s);
      ys.push(y);
      rhos.push(1 / sy);
      if (ss.length > options.memory) {
        spare.push(ss.shift()!, ys.shift()!);
        rhos.shift();
      }
    } else spare.push(s, y);
    const converged = Math.abs(fx - fn) < 1e-10 * Math.max(1, Math.abs(fx));
    [x, xn] = [xn, x];
    [g, gn] = [gn, g];
    fx = fn;
    if (converged) break;
  }
  return { x, value: fx, iterations: iter };
}
