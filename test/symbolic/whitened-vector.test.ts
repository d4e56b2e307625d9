import { describe, expect, it } from "vitest";
import { DomainError, ShapeError } from "../../src/core/errors.js";
import { Matrix } from "../../src/core/matrix.js";
import { svd } from "../../src/core/svd.js";
import { LinearNet } from "../../src/model/architecture.js";
import { initFromWeights } from "../../src/model/init.js";
import { Moments } from "../../src/model/moments.js";
import { LinearNetObjective } from "../../src/model/objective.js";
import { whitenedVectorMinimum } from "../../src/symbolic/derivations/whitened-vector.js";

const Syx = [
  [0.9, 0.2, -0.1],
  [0.1, 0.6, 0.3],
];

/** Balanced factors of the derived optimum: mode k contributes b_k to every layer along its singular vectors. */
function buildWeights(widths: number[], bs: number[], U: Matrix, V: Matrix): number[][][] {
  const L = widths.length - 1;
  return Array.from({ length: L }, (_, li) => {
    const rows = widths[li + 1] as number;
    const cols = widths[li] as number;
    return Array.from({ length: rows }, (_, r) =>
      Array.from({ length: cols }, (_, c) =>
        bs.reduce((s, b, k) => {
          const left = li === L - 1 ? U.get(r, k) : r === k ? 1 : 0;
          const right = li === 0 ? V.get(c, k) : c === k ? 1 : 0;
          return s + b * left * right;
        }, 0),
      ),
    );
  });
}

describe("derivation 6: whitened inputs, vector output — decoupling over singular values", () => {
  it("L = 2 is soft-thresholding: σ_k(P*) = (s_k − γ)₊ (relative 1e-14)", () => {
    const { s } = svd(Matrix.fromRows(Syx));
    const m = whitenedVectorMinimum({ Syx, Ey2: 2, widths: [3, 3, 2], gamma: 0.3 });
    m.modes.forEach((mode, k) => {
      expect(mode.P).toBeCloseTo(Math.max((s[k] as number) - 0.3, 0), 14);
    });
  });

  it("the decoupled optimum is a critical point of the numeric core's loss with the same value (L = 2, 3, 4; 1e-12, ‖∇‖ < 1e-10)", () => {
    const { U, V } = svd(Matrix.fromRows(Syx));
    for (const widths of [
      [3, 2, 2],
      [3, 2, 2, 2],
      [3, 3, 2, 2, 2],
    ]) {
      const gamma = 0.05;
      const m = whitenedVectorMinimum({ Syx, Ey2: 2, widths, gamma });
      const net = new LinearNet(widths);
      const obj = new LinearNetObjective(net, Moments.of({ Sxx: Matrix.identity(3), Syx, Ey2: 2 }), { gamma });
      const theta = initFromWeights(
        net,
        buildWeights(
          widths,
          m.modes.map((mode) => mode.b),
          U,
          V,
        ),
      );
      const g = new Float64Array(net.dim);
      const loss = obj.valueAndGradient(theta, g);
      expect(Math.abs(loss - m.loss) / m.loss).toBeLessThanOrEqual(1e-12);
      expect(Math.hypot(...g)).toBeLessThan(1e-10);
    }
  });

  it("a bottleneck of width 1 keeps only the strongest mode", () => {
    const m = whitenedVectorMinimum({ Syx, Ey2: 2, widths: [3, 1, 2], gamma: 0.05 });
    expect(m.modes.map((x) => x.active)).toEqual([true, false]);
  });

  it("rejects a Σyx of the wrong shape and E‖y‖² < ‖Σyx‖_F²", () => {
    expect(() => whitenedVectorMinimum({ Syx, Ey2: 2, widths: [2, 2, 2], gamma: 0.1 })).toThrow(ShapeError);
    expect(() => whitenedVectorMinimum({ Syx, Ey2: 0.5, widths: [3, 2, 2], gamma: 0.1 })).toThrow(DomainError);
  });
});
