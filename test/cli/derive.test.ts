import katex from "katex";
import { describe, expect, it } from "vitest";
import { memoryIo } from "../../src/cli/io.js";
import { runCli } from "../../src/cli/main.js";
import { deriveCriticalGamma } from "../../src/symbolic/derivations/critical-gamma.js";
import { landscape } from "../../src/symbolic/derivations/landscape.js";
import { noisyGlobalMinimum } from "../../src/symbolic/derivations/noisy-global-minimum.js";
import { depth2Trajectory } from "../../src/symbolic/trajectories/index.js";

async function run(...args: string[]) {
  const io = memoryIo();
  const code = await runCli(["node", "lindyn", "derive", ...args], io);
  return { code, out: io.out, err: io.err };
}

describe("lindyn derive", () => {
  it("landscape --json prints critical points, the global minimum, thresholds and the phase at full double precision", async () => {
    const r = await run("landscape", "--depth", "3", "--A", "1", "--a", "1", "--gamma", "0.2", "--Ey2", "1", "--json");
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.out);
    const l = landscape({ depth: 3, A: 1, a: 1, gamma: 0.2, Ey2: 1 });
    // JSON numbers round-trip doubles exactly, so the CLI's values equal the library's bit for bit.
    expect(doc.criticalPoints).toEqual(
      l.criticalPoints.map(({ b, P, loss, kind, weights }) => ({ b, P, loss, kind, weights })),
    );
    expect(doc.globalMinimum).toEqual(l.globalMinimum);
    expect(doc).toMatchObject({
      originIsLocalMinimum: true,
      phase: "nonzero-global",
      gammaC: l.gammaC,
      gammaSp: l.gammaSp,
    });
    for (const p of doc.criticalPoints)
      expect(Object.keys(p)).toEqual(expect.arrayContaining(["b", "P", "loss", "kind"]));
  });

  it("landscape takes one γ per layer and prints text by default", async () => {
    const r = await run("landscape", "--depth", "3", "--a", "-1", "--gamma", "0.1,0.3,0.5", "--Ey2", "1");
    expect(r.code).toBe(0);
    const l = landscape({ depth: 3, A: 1, a: -1, gamma: [0.1, 0.3, 0.5], Ey2: 1 });
    expect(r.out).toContain(
      `global minimum: b = ${l.globalMinimum.b}, P = ${l.globalMinimum.P}, loss = ${l.globalMinimum.loss}`,
    );
    expect(r.out).toContain("h(b) = A·b^4 - |a|·b + γ̄");
  });

  it("critical-gamma prints the formula, with --A/--a the values, and --latex valid KaTeX", async () => {
    const text = await run("critical-gamma", "--depth", "4");
    expect(text.code).toBe(0);
    expect(text.out).toContain("γ_c = √((2|a|)/(3A))·|a|/3");
    const json = await run("critical-gamma", "--depth", "4", "--A", "1", "--a", "1", "--json");
    const doc = JSON.parse(json.out);
    const cg = deriveCriticalGamma(4);
    if (cg.order === "none") throw new Error("L = 4 has a transition");
    expect(doc).toMatchObject(cg.values({ A: 1, a: 1 }));
    expect(doc.formulas.gammaC.latex).toBe(cg.gammaC.equationLatex);
    const latex = await run("critical-gamma", "--depth", "L", "--latex");
    expect(latex.code).toBe(0);
    const lines = latex.out.trim().split("\n");
    expect(lines).toHaveLength(6);
    for (const line of lines) katex.renderToString(line, { throwOnError: true });
  });

  it("global-minimum (the issue's example) prints {loss, beta, b, layerNormsSquared, weights}", async () => {
    const r = await run(
      "global-minimum",
      "--Sxx",
      "[[1,0.3],[0.3,0.5]]",
      "--Sxy",
      "[0.8,0.4]",
      "--Ey2",
      "1",
      "--widths",
      "2,3,1",
      "--gamma",
      "0.05",
      "--noise",
      "0.5",
      "--json",
    );
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.out);
    const m = noisyGlobalMinimum({
      Sxx: [
        [1, 0.3],
        [0.3, 0.5],
      ],
      Sxy: [0.8, 0.4],
      Ey2: 1,
      widths: [2, 3, 1],
      gamma: 0.05,
      noise: 0.5,
    });
    expect(doc).toMatchObject({
      loss: m.loss,
      beta: m.beta,
      b: m.b,
      layerNormsSquared: m.layerNormsSquared,
      weights: m.weights,
    });
  });

  it("trajectory (the issue's example) prints {t, u, w, P} from depth2Trajectory", async () => {
    const r = await run(
      "trajectory",
      "--depth",
      "2",
      "--A",
      "1",
      "--a",
      "1",
      "--gamma",
      "0.1",
      "--u0",
      "1",
      "--w0",
      "0.1",
      "--t",
      "0.5",
      "--json",
    );
    expect(r.code).toBe(0);
    const s = depth2Trajectory({ A: 1, a: 1, gamma: 0.1, u0: 1, w0: 0.1 }).at(0.5);
    expect(JSON.parse(r.out)).toMatchObject({ t: 0.5, u: s.u, w: s.w, P: s.P });
    const many = JSON.parse((await run("trajectory", "--u0", "1", "--w0", "0.1", "--t", "0,1,2", "--json")).out);
    expect(many.map((x: { t: number }) => x.t)).toEqual([0, 1, 2]);
  });

  it("every quantity has --help with an example (exit 0)", async () => {
    for (const q of ["landscape", "critical-gamma", "global-minimum", "trajectory", "feature-learning"]) {
      const r = await run(q, "--help");
      expect(r.code).toBe(0);
      expect(r.out).toContain("Example");
    }
  });

  it.each([
    [["landscape", "--depth", "3", "--A", "1", "--a", "2", "--gamma", "0.2", "--Ey2", "1"], /Cauchy–Schwarz/],
    [["landscape", "--depth", "3", "--gamma", "0.2,0.1"], /one entry per weight matrix/],
    [["landscape", "--depth", "13", "--gamma", "0.2"], /--depth "13"/],
    [["landscape", "--depth", "3", "--gamma", "x"], /--gamma "x"/],
    [["critical-gamma", "--depth", "4", "--A", "1"], /--A and --a go together/],
    [["trajectory", "--depth", "3", "--u0", "1", "--w0", "1", "--t", "1"], /depth 2 only/],
    [
      ["global-minimum", "--Sxx", "[[1,2],[2,1]]", "--Sxy", "1,1", "--Ey2", "9", "--widths", "2,2,1", "--gamma", "0.1"],
      /positive semi-definite/,
    ],
  ])("bad or inconsistent parameters %j: one line on stderr, exit code 2", async (args, message) => {
    const r = await run(...(args as string[]));
    expect(r.code).toBe(2);
    expect(r.err).toMatch(message as RegExp);
    expect(
      r.err
        .trim()
        .split("\n")
        .filter((l) => !l.startsWith("(run with --help")),
    ).toHaveLength(1);
    expect(r.out).toBe("");
  });
});
