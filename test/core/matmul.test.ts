import fc from "fast-check";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { Matrix } from "../../src/core/matrix.js";
import { Rng } from "../../src/core/rng.js";
import { FLOAT64_UNIT_ROUNDOFF, relativeFrobeniusError } from "../../src/core/tolerance.js";

type MatmulModule = typeof import("../../src/core/matmul.js");
type ErrorsModule = typeof import("../../src/core/errors.js");

/**
 * The kernels pick their backend when the module loads: WebAssembly SIMD when available, or pure JS with
 * LINDYN_NO_WASM=1. Each backend is tested on a fresh module graph (vi.resetModules), so both the wasm and
 * the JS register-tiled/packed paths are exercised in every run. Results are compared through `.data`,
 * so the fresh graph's Matrix class need not be the one imported above.
 */
const backends = [
  { label: "default backend (WebAssembly SIMD where available)", noWasm: false },
  { label: "pure-JS backend (LINDYN_NO_WASM=1)", noWasm: true },
];

/** The textbook triple loop, Σ_p in increasing p with one accumulator: the independent reference. */
function naive(a: Matrix, b: Matrix, transA = false, transB = false): Matrix {
  const n = transA ? a.cols : a.rows;
  const k = transA ? a.rows : a.cols;
  const m = transB ? b.rows : b.cols;
  const out = new Matrix(n, m);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < m; j++) {
      let s = 0;
      for (let p = 0; p < k; p++) s += (transA ? a.get(p, i) : a.get(i, p)) * (transB ? b.get(j, p) : b.get(p, j));
      out.set(i, j, s);
    }
  }
  return out;
}

/** Σ_p |a_ip||b_pj| per entry: the scale of the classical rounding-error bound |ĉ − c| ≤ γ_k Σ|a||b|. */
function absProduct(a: Matrix, b: Matrix, transA = false, transB = false): Matrix {
  const abs = (m: Matrix) => new Matrix(m.rows, m.cols, m.data.map(Math.abs));
  return naive(abs(a), abs(b), transA, transB);
}

function randomMatrix(rng: Rng, rows: number, cols: number): Matrix {
  return rng.gaussianMatrix(rows, cols);
}

type Variant = "NN" | "TN" | "NT";
function compute(mm: MatmulModule, variant: Variant, a: Matrix, b: Matrix): Matrix {
  if (variant === "NN") return mm.matmul(a, b);
  if (variant === "TN") return mm.matmulTN(a, b);
  return mm.matmulNT(a, b);
}
function operands(rng: Rng, variant: Variant, n: number, k: number, m: number): [Matrix, Matrix] {
  const a = variant === "TN" ? randomMatrix(rng, k, n) : randomMatrix(rng, n, k);
  const b = variant === "NT" ? randomMatrix(rng, m, k) : randomMatrix(rng, k, m);
  return [a, b];
}

const variants: Variant[] = ["NN", "TN", "NT"];

for (const backend of backends) {
  describe(backend.label, () => {
    let mm: MatmulModule;
    let errors: ErrorsModule;
    beforeAll(async () => {
      vi.resetModules();
      if (backend.noWasm) process.env.LINDYN_NO_WASM = "1";
      else delete process.env.LINDYN_NO_WASM;
      mm = await import("../../src/core/matmul.js");
      errors = await import("../../src/core/errors.js");
      delete process.env.LINDYN_NO_WASM;
    });

    it("reports the backend it loaded (wasm-simd is expected on Node ≥ 16.4, which ships WebAssembly SIMD)", () => {
      expect(mm.matmulBackend()).toBe(backend.noWasm ? "js" : "wasm-simd");
    });

    describe("inner dimension ≤ 256 (JS register-tiled or a single K block of the wasm kernel): bit-identical to the naive loop", () => {
      for (const variant of variants) {
        it(`${variant}: bit-identical to the naive loop (tolerance 0: same summation order per entry) over random shapes 0–23, incl. 1×k, k×1, 0-sized`, () => {
          fc.assert(
            fc.property(
              fc.integer({ min: 0, max: 23 }),
              fc.integer({ min: 0, max: 23 }),
              fc.integer({ min: 0, max: 23 }),
              fc.integer({ min: 0, max: 2 ** 31 }),
              (n, k, m, seed) => {
                const [a, b] = operands(new Rng(seed), variant, n, k, m);
                const got = compute(mm, variant, a, b);
                const ref = naive(a, b, variant === "TN", variant === "NT");
                expect(got.rows).toBe(n);
                expect(got.cols).toBe(m);
                expect(Array.from(got.data)).toEqual(Array.from(ref.data));
              },
            ),
            { numRuns: 200 },
          );
        });
      }

      it("medium shapes up to 70×256×70 (several wasm row blocks, ragged edges): bit-identical to the naive loop (tolerance 0)", () => {
        fc.assert(
          fc.property(
            fc.integer({ min: 1, max: 70 }),
            fc.integer({ min: 1, max: 256 }),
            fc.integer({ min: 1, max: 70 }),
            fc.constantFrom<Variant>("NN", "TN", "NT"),
            fc.integer({ min: 0, max: 2 ** 31 }),
            (n, k, m, variant, seed) => {
              const [a, b] = operands(new Rng(seed), variant, n, k, m);
              const got = compute(mm, variant, a, b);
              const ref = naive(a, b, variant === "TN", variant === "NT");
              expect(Array.from(got.data)).toEqual(Array.from(ref.data));
            },
          ),
          { numRuns: 25 },
        );
      });

      it("stays exact across interleaved shapes while the wasm memory grows and its cached result views are recycled (tolerance 0, k ≤ 256)", () => {
        // Growing the wasm memory detaches every view into it. Each round caches c = 1..9 small shapes
        // (more than the 8-slot view cache for c = 9), forces a growth with a thin product larger than
        // the memory so far, then recomputes the small shapes, which must not reuse a detached view.
        const rng = new Rng(99);
        const small: [number, number, number][] = [
          [8, 8, 8],
          [12, 5, 16],
          [9, 7, 10],
          [16, 16, 16],
          [20, 3, 8],
          [4, 256, 4],
          [11, 13, 17],
          [24, 9, 6],
          [5, 6, 7],
        ];
        const check = (n: number, k: number, m: number, variant: Variant, when: string) => {
          const [a, b] = operands(rng, variant, n, k, m);
          const got = compute(mm, variant, a, b);
          const ref = naive(a, b, variant === "TN", variant === "NT");
          if (got.data.some((v, i) => v !== ref.data[i])) {
            throw new Error(`${variant} ${n}×${k}×${m} differs from the naive loop (${when})`);
          }
        };
        let columns = 40_000; // a 4×1·1×M product needs ≈ 5M doubles of wasm memory
        for (let c = 1; c <= small.length; c++) {
          for (const variant of variants) {
            for (const [n, k, m] of small.slice(0, c)) check(n, k, m, variant, "before growing");
            columns += 4_000; // > one 64 KiB page more than last time: the memory must grow
            check(4, 1, columns, variant, "growing");
            for (const [n, k, m] of small.slice(0, c)) check(n, k, m, variant, `after growing, round ${c}`);
          }
        }
      });

      it("handles the degenerate shapes explicitly: 1×k·k×1 (dot), k×1·1×m (outer), inner dimension 0 (zeros)", () => {
        const rng = new Rng(7);
        const row = randomMatrix(rng, 1, 9);
        const col = randomMatrix(rng, 9, 1);
        // Tolerance 0: a single accumulator in the same order as the reference.
        expect(mm.matmul(row, col).data[0]).toBe(naive(row, col).data[0]);
        expect(Array.from(mm.matmul(col, row).data)).toEqual(Array.from(naive(col, row).data));
        const empty = mm.matmul(new Matrix(3, 0), new Matrix(0, 5));
        expect(empty.shape).toBe("3×5");
        expect(Array.from(empty.data)).toEqual(new Array(15).fill(0));
        expect(mm.matmul(new Matrix(0, 4), new Matrix(4, 2)).shape).toBe("0×2");
      });

      it("overwrites whatever the output held (no accumulate into stale values)", () => {
        const rng = new Rng(3);
        const a = randomMatrix(rng, 5, 6);
        const b = randomMatrix(rng, 6, 7);
        const out = new Matrix(5, 7);
        out.data.fill(1e300);
        mm.matmulInto(out, a, b);
        expect(Array.from(out.data)).toEqual(Array.from(naive(a, b).data));
      });

      it("propagates NaN and ∞ on the larger (wasm-eligible) shapes exactly like the naive loop", () => {
        const rng = new Rng(21);
        const a = randomMatrix(rng, 8, 9);
        const b = randomMatrix(rng, 9, 12);
        a.set(2, 3, Number.NaN);
        b.set(4, 5, Number.POSITIVE_INFINITY);
        b.set(0, 7, 0);
        a.set(6, 0, Number.NEGATIVE_INFINITY);
        const got = mm.matmul(a, b);
        const ref = naive(a, b);
        // toEqual treats NaN as equal to NaN, so this checks every NaN/±∞ position and every finite value.
        expect(Array.from(got.data)).toEqual(Array.from(ref.data));
      });

      it("propagates NaN and 0·∞ exactly like the naive loop (no zero-skipping)", () => {
        const a = Matrix.fromRows([
          [0, 1],
          [1, 1],
        ]);
        const b = new Matrix(2, 2, Float64Array.from([Number.POSITIVE_INFINITY, 1, 1, Number.NaN]));
        const got = mm.matmul(a, b);
        // Row 0: 0·∞ + 1·1 = NaN; col 1 contains NaN so every entry in column 1 is NaN.
        expect(Number.isNaN(got.get(0, 0))).toBe(true);
        expect(Number.isNaN(got.get(0, 1))).toBe(true);
        expect(got.get(1, 0)).toBe(Number.POSITIVE_INFINITY);
        expect(Number.isNaN(got.get(1, 1))).toBe(true);
      });
    });

    describe("large products (JS packed cache-blocked path, or the blocked wasm path): rounding-error bound", () => {
      // Shapes chosen to exercise partial micro-tiles (dims not multiples of 4), several K blocks (k > 256)
      // and, for the last one, several column panels (m > 1024).
      const shapes: [number, number, number][] = [
        [67, 301, 130],
        [130, 257, 129],
        [64, 64, 1030],
      ];
      for (const variant of variants) {
        for (const [n, k, m] of shapes) {
          it(`${variant} ${n}×${k}·${k}×${m}: entrywise |ĉ−c| ≤ 2k·u·Σ|a||b| and relative Frobenius error ≤ 1e-13`, () => {
            const rng = new Rng(n * 1_000_003 + k * 1009 + m);
            const [a, b] = operands(rng, variant, n, k, m);
            const got = compute(mm, variant, a, b);
            const ref = naive(a, b, variant === "TN", variant === "NT");
            const scale = absProduct(a, b, variant === "TN", variant === "NT");
            // Both results carry rounding error ≤ γ_k·Σ|a||b| ≈ k·u·Σ|a||b| (Higham, Accuracy and Stability,
            // §3.5); their difference is therefore bounded by twice that.
            let worst = 0;
            for (let i = 0; i < got.data.length; i++) {
              const err = Math.abs(got.data[i] - ref.data[i]);
              worst = Math.max(worst, err / (2 * k * FLOAT64_UNIT_ROUNDOFF * scale.data[i]));
            }
            expect(worst).toBeLessThanOrEqual(1);
            expect(relativeFrobeniusError(got, ref)).toBeLessThanOrEqual(1e-13);
          });
        }
      }

      it("gives the same result through NN, TN and NT on transposed copies of the operands (tolerance 0 on the tiled path, bound above on the packed)", () => {
        const rng = new Rng(11);
        const a = randomMatrix(rng, 70, 90);
        const b = randomMatrix(rng, 90, 400);
        const at = new Matrix(90, 70);
        for (let i = 0; i < 70; i++) for (let j = 0; j < 90; j++) at.set(j, i, a.get(i, j));
        const bt = new Matrix(400, 90);
        for (let i = 0; i < 90; i++) for (let j = 0; j < 400; j++) bt.set(j, i, b.get(i, j));
        const nn = mm.matmul(a, b);
        // Packing makes the three variants read the same numbers in the same order: identical results.
        expect(Array.from(mm.matmulTN(at, b).data)).toEqual(Array.from(nn.data));
        expect(Array.from(mm.matmulNT(a, bt).data)).toEqual(Array.from(nn.data));
      });
    });

    describe("matmul kernels: errors", () => {
      const a = new Matrix(2, 3);
      const b = new Matrix(4, 5);

      it("names both shapes when the inner dimensions differ", () => {
        expect(() => mm.matmul(a, b)).toThrow(errors.ShapeError);
        expect(() => mm.matmul(a, b)).toThrow("matmul: inner dimensions of 2×3 and 4×5 do not match");
        expect(() => mm.matmulTNInto(new Matrix(3, 5), a, b)).toThrow(
          "matmulTN (Aᵀ·B): inner dimensions of 2×3 and 4×5",
        );
        expect(() => mm.matmulNTInto(new Matrix(2, 4), a, b)).toThrow(
          "matmulNT (A·Bᵀ): inner dimensions of 2×3 and 4×5",
        );
      });

      it("names the required output shape", () => {
        expect(() => mm.matmulInto(new Matrix(3, 3), a, new Matrix(3, 4))).toThrow(
          'out.shape = "3×3": must be 2×4. Allocate the buffer with the shape the operation produces.',
        );
      });

      it("rejects an output that is an input, or (for products > 4096 multiply-adds) a view overlapping one", () => {
        const sq = Matrix.identity(3);
        expect(() => mm.matmulInto(sq, sq, Matrix.identity(3))).toThrow("the output buffer overlaps an input");
        const buffer = new Float64Array(2 * 20 * 20);
        const x = new Matrix(20, 20, buffer.subarray(0, 400));
        const y = new Matrix(20, 20, buffer.subarray(390, 790)); // overlaps x by 10 entries
        expect(() => mm.matmulInto(y, x, Matrix.identity(20))).toThrow(errors.ShapeError);
        const z = new Matrix(20, 20, buffer.subarray(400, 800)); // adjacent, not overlapping
        expect(() => mm.matmulInto(z, x, Matrix.identity(20))).not.toThrow();
      });
    });
  });
}
