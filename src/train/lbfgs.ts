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
  /** s.y and y.y of each pair, for the initial Hessian's scale */
  const sys: number[] = [];
  const yys: number[] = [];
  const spare: Float64Array[] = [];
  const buffer = () => spare.pop() ?? new Float64Array(n);
  const alphas = new Float64Array(options.memory + 1);
  let iter = 0;
  for (; iter < options.maxIterations; iter++) {
    let gmax = 0;
    for (let i = 0; i < n; i++) gmax = Math.max(gmax, Math.abs(g[i]!));
    if (gmax < options.tolerance) break;
    // two-loop recursion, d = -H g, with each pass over the vectors also taking the dot product
    // the next step needs (the vectors are large, so the passes, not the arithmetic, cost the time)
    const m = ss.length;
    let slope: number;
    if (m === 0) {
      const scale = 1 / Math.max(1, Math.sqrt(dot(g, g)));
      slope = 0;
      for (let i = 0; i < n; i++) {
        const v = -(g[i]! * scale);
        d[i] = v;
        slope += g[i]! * v;
      }
    } else {
      // first loop, newest pair first: a_k = rho_k s_k.d; d -= a_k y_k
      let sd = dot(ss[m - 1]!, g);
      d.set(g);
      const gamma = sys[m - 1]! / yys[m - 1]!;
      for (let k = m - 1; k >= 0; k--) {
        const a = rhos[k]! * sd;
        alphas[k] = a;
        const y = ys[k]!;
        let next = 0;
        if (k > 0) {
          const sPrev = ss[k - 1]!;
          for (let i = 0; i < n; i++) {
            const v = d[i]! - a * y[i]!;
            d[i] = v;
            next += sPrev[i]! * v;
          }
        } else {
          // the last pass also scales by gamma and takes y_0.d for the second loop
          const y0 = ys[0]!;
          for (let i = 0; i < n; i++) {
            const v = (d[i]! - a * y[i]!) * gamma;
            d[i] = v;
            next += y0[i]! * v;
          }
        }
        sd = next;
      }
      // second loop, oldest pair first: b = rho_k y_k.d; d += (a_k - b) s_k
      let yd = sd;
      slope = 0;
      for (let k = 0; k < m; k++) {
        const b = rhos[k]! * yd;
        const sk = ss[k]!;
        const a = alphas[k]!;
        let next = 0;
        if (k < m - 1) {
          const yNext = ys[k + 1]!;
          for (let i = 0; i < n; i++) {
            const v = d[i]! + sk[i]! * (a - b);
            d[i] = v;
            next += yNext[i]! * v;
          }
        } else {
          // the last pass also negates d and takes the slope g.d
          for (let i = 0; i < n; i++) {
            const v = -(d[i]! + sk[i]! * (a - b));
            d[i] = v;
            slope += g[i]! * v;
          }
        }
        yd = next;
      }
    }
    if (slope >= 0) {
      // not a descent direction: restart from steepest descent
      spare.push(...ss, ...ys);
      ss.length = 0;
      ys.length = 0;
      rhos.length = 0;
      sys.length = 0;
      yys.length = 0;
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
    let sy = 0;
    let yy = 0;
    for (let i = 0; i < n; i++) {
      const si = xn[i]! - x[i]!;
      const yi = gn[i]! - g[i]!;
      s[i] = si;
      y[i] = yi;
      sy += si * yi;
      yy += yi * yi;
    }
    if (sy > 1e-12) {
      ss.push(s);
      ys.push(y);
      rhos.push(1 / sy);
      sys.push(sy);
      yys.push(yy);
      if (ss.length > options.memory) {
        spare.push(ss.shift()!, ys.shift()!);
        rhos.shift();
        sys.shift();
        yys.shift();
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
