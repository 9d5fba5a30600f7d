import { describe, expect, it } from 'vitest';
import { minimise, type Objective } from '../../src/train/lbfgs.ts';

/** f(x) = sum_i a_i (x_i - c_i)^2 / 2: an ill-conditioned quadratic with its minimum at c. */
function quadratic(a: readonly number[], c: readonly number[]): Objective {
  return (x, grad) => {
    let f = 0;
    for (let i = 0; i < x.length; i++) {
      const r = x[i]! - c[i]!;
      f += 0.5 * a[i]! * r * r;
      grad[i] = a[i]! * r;
    }
    return f;
  };
}

const rosenbrock: Objective = (x, grad) => {
  const [p, q] = [x[0]!, x[1]!];
  grad[0] = -2 * (1 - p) - 400 * p * (q - p * p);
  grad[1] = 200 * (q - p * p);
  return (1 - p) ** 2 + 100 * (q - p * p) ** 2;
};

describe('minimise (L-BFGS)', () => {
  it('finds the minimum of an ill-conditioned quadratic, with any history length', () => {
    const a = [1, 10, 100, 1000, 0.5];
    const c = [3, -2, 0.5, 7, -11];
    for (const memory of [1, 2, 10]) {
      const { x, value } = minimise(quadratic(a, c), new Float64Array(5), {
        maxIterations: 500,
        tolerance: 1e-9,
        memory,
      });
      // a short history converges slowly and stops on the relative-change test, still close
      expect(value).toBeLessThan(memory === 10 ? 1e-10 : 1e-6);
      for (let i = 0; i < 5; i++) expect(x[i]).toBeCloseTo(c[i]!, memory === 10 ? 5 : 2);
    }
  });

  it('follows the Rosenbrock valley to (1, 1)', () => {
    const { x, iterations } = minimise(rosenbrock, Float64Array.from([-1.2, 1]), {
      maxIterations: 500,
      tolerance: 1e-8,
      memory: 5,
    });
    expect(x[0]).toBeCloseTo(1, 4);
    expect(x[1]).toBeCloseTo(1, 4);
    expect(iterations).toBeGreaterThan(5);
  });

  it('stops at the iteration limit and is deterministic', () => {
    const run = () =>
      minimise(rosenbrock, Float64Array.from([-1.2, 1]), { maxIterations: 7, tolerance: 0, memory: 3 });
    const first = run();
    expect(first.iterations).toBe(7);
    expect([...run().x]).toEqual([...first.x]);
  });
});
