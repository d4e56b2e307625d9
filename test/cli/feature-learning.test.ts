import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { FeatureLearningResult } from "../../src/cli/commands/derive-feature-learning.js";
import { runLindyn } from "../_helpers/run-cli.js";

const run = runLindyn;

const EXAMPLE = [
  "derive",
  "feature-learning",
  "--u0",
  "0.3,-0.2,0.1",
  "--w0",
  "0.1,0.4,-0.3",
  "--eta-u",
  "1",
  "--eta-w",
  "0.5",
  "--kappa",
  "1",
  "--A",
  "1",
  "--a",
  "1",
];

interface Golden {
  cases: {
    name: string;
    points: { t: number; u: number[]; alpha: number[]; P: number; ntk: number; cosAngle: number }[];
  }[];
}
const golden = JSON.parse(readFileSync(new URL("../goldens/feature_learning.json", import.meta.url), "utf8")) as Golden;

describe("lindyn derive feature-learning", () => {
  it("the issue's example prints {t, P, z, ntk, cosAngle, u, w} matching the mpmath golden at t = 2 (1e-10 relative)", async () => {
    const { code, io } = await run([...EXAMPLE, "--t", "2", "--json"]);
    expect(io.err).toBe("");
    expect(code).toBe(0);
    const r = JSON.parse(io.out) as FeatureLearningResult;
    for (const key of ["t", "P", "z", "ntk", "cosAngle", "u", "w"]) expect(r).toHaveProperty(key);
    expect(r.t).toBe(2);
    const g = golden.cases.find((c) => c.name === "cli-example")?.points.find((p) => p.t === 2);
    expect(g).toBeDefined();
    if (g === undefined) return;
    const rel = (x: number, y: number, scale = Math.abs(y)) => Math.abs(x - y) / scale;
    expect(rel(r.P, g.P)).toBeLessThanOrEqual(1e-10);
    expect(rel(r.ntk, g.ntk)).toBeLessThanOrEqual(1e-10);
    expect(Math.abs(r.cosAngle - g.cosAngle)).toBeLessThanOrEqual(1e-10);
    r.u.forEach((x, i) => {
      expect(rel(x, g.u[i] as number, 0.5)).toBeLessThanOrEqual(1e-10);
    });
    r.w.forEach((x, i) => {
      expect(rel(x, g.alpha[i] as number, 0.5)).toBeLessThanOrEqual(1e-10);
    });
    // ntk is κ²Σ(η_u w_i² + η_w u_i²) of the printed weights (1e-14: the same sum, different order).
    const ntk = r.w.reduce((s, x) => s + 1 * x * x, 0) + r.u.reduce((s, x) => s + 0.5 * x * x, 0);
    expect(rel(r.ntk, ntk)).toBeLessThanOrEqual(1e-14);
  });

  it("--t inf gives the least-squares output a/A and the NTK ratio; text output names the loss convention", async () => {
    const { code, io } = await run([...EXAMPLE, "--a", "0.5", "--A", "2", "--t", "inf", "--json"]);
    expect(code).toBe(0);
    const r = JSON.parse(io.out) as FeatureLearningResult;
    expect(r.t).toBe("Infinity");
    expect(Math.abs(r.f - 0.25)).toBeLessThanOrEqual(1e-15); // a/A exactly up to one rounding
    // K_f(0) = κ²Σ(η_u w0_i² + η_w u0_i²) = 0.26 + 0.5·0.14 = 0.33 by hand; the ratio is K_f(∞)/0.33 (1e-14).
    expect(Math.abs((r.limits.ntkRatio as number) / (r.ntk / 0.33) - 1)).toBeLessThanOrEqual(1e-14);
    const text = await run([...EXAMPLE, "--t", "1"]);
    expect(text.io.out).toContain("L = ½E[(f − y)²]");
    expect(text.io.out).toMatch(/^t\s+1$/m);
  });

  it("--help states L = ½E[(f − y)²]; --latex prints the closed forms", async () => {
    const help = await run(["derive", "feature-learning", "--help"]);
    expect(help.code).toBe(0);
    expect(help.io.out).toContain("L = ½E[(f − y)²]");
    const latex = await run([...EXAMPLE, "--latex"]);
    expect(latex.io.out).toContain("\\dot z = \\tfrac{A'\\lambda^2}{2}");
  });

  it("bad input gives one clear stderr line and exit code 2", async () => {
    const cases: string[][] = [
      ["derive", "feature-learning", "--u0", "0.3,-0.2", "--w0", "0.1"],
      ["derive", "feature-learning", "--u0", "0.3", "--w0", "0.1", "--eta-u", "0"],
      ["derive", "feature-learning", "--u0", "0.3", "--w0", "0.1", "--t", "-1"],
      ["derive", "feature-learning", "--u0", "abc", "--w0", "0.1"],
      ["derive", "feature-learning", "--u0", "0.3"],
      ["derive", "feature-learning", "--u0", "0.3", "--w0", "0.1", "--A", "1", "--a", "2", "--Ey2", "1"],
    ];
    for (const args of cases) {
      const { code, io } = await run(args);
      expect(code, args.join(" ")).toBe(2);
      const lines = io.err
        .trim()
        .split("\n")
        .filter((l) => !l.startsWith("(run with --help"));
      expect(lines, io.err).toHaveLength(1);
    }
  });
});
