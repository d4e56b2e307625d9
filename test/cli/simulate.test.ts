import { describe, expect, it } from "vitest";
import { memoryIo } from "../../src/cli/io.js";
import { runCli } from "../../src/cli/main.js";

async function run(...args: string[]) {
  const io = memoryIo();
  const code = await runCli(["node", "lindyn", ...args], io);
  return { code, out: io.out, err: io.err };
}

describe("lindyn simulate", () => {
  it("prints the documented JSON and its final end-to-end map equals the product of the final weights (float64 round-off, 1e-14)", async () => {
    const { code, out } = await run(
      "simulate",
      "--widths",
      "2,3,3,1",
      "--Sxx",
      "[[1,0.2],[0.2,0.5]]",
      "--Sxy",
      "[0.8,0.3]",
      "--Ey2",
      "1",
      "--gamma",
      "0.01",
      "--init",
      "small:0.3",
      "--t",
      "5",
      "--points",
      "6",
      "--json",
    );
    expect(code).toBe(0);
    const r = JSON.parse(out);
    for (const key of ["status", "times", "loss", "layerNormsSquared", "imbalance", "final"])
      expect(r).toHaveProperty(key);
    expect(r.status).toBe("ok");
    expect(r.times).toHaveLength(6);
    expect(r.layerNormsSquared[0]).toHaveLength(3);
    expect(r.imbalance[0]).toHaveLength(2);
    // Independent route: multiply the printed weights by hand.
    const [W1, W2, W3] = r.final.weights as number[][][];
    const mul = (A: number[][], B: number[][]) =>
      A.map((row) => B[0]!.map((_, j) => row.reduce((s, a, k) => s + a * B[k]![j]!, 0)));
    const P = mul(W3!, mul(W2!, W1!));
    expect(P[0]![0]).toBeCloseTo(r.final.endToEnd[0][0], 14);
    expect(P[0]![1]).toBeCloseTo(r.final.endToEnd[0][1], 14);
    // Gradient flow never increases the loss (up to the integrator tolerance rtol = 1e-8).
    for (let k = 1; k < r.loss.length; k++) expect(r.loss[k]).toBeLessThanOrEqual(r.loss[k - 1] * (1 + 1e-8));
  });

  it("with γ = 0 the imbalance norms stay at their initial value (rtol 1e-10 ⇒ relative drift < 1e-7)", async () => {
    const { out } = await run(
      "simulate",
      "--widths",
      "3,4,2",
      "--data",
      "whitened:2,1",
      "--init",
      "gaussian:0.5",
      "--t",
      "3",
      "--rtol",
      "1e-10",
      "--atol",
      "1e-12",
      "--json",
    );
    const r = JSON.parse(out);
    const q0 = r.imbalance[0][0];
    for (const row of r.imbalance) expect(Math.abs(row[0] - q0) / q0).toBeLessThan(1e-7);
  });

  it("explicit weights start exactly there (the first recorded layer norm is ‖W_1‖² of the given weights)", async () => {
    const { out } = await run(
      "simulate",
      "--widths",
      "1,1,1",
      "--Sxx",
      "1",
      "--Sxy",
      "1",
      "--Ey2",
      "1",
      "--init-weights",
      "[[[2]],[[0.5]]]",
      "--t",
      "0.1",
      "--json",
    );
    const r = JSON.parse(out);
    expect(r.layerNormsSquared[0]).toEqual([4, 0.25]);
  });

  it("gradient descent with --lr runs whole steps and reports times k·lr", async () => {
    const { code, out } = await run(
      "simulate",
      "--widths",
      "2,2,1",
      "--method",
      "gd",
      "--lr",
      "0.01",
      "--t",
      "1",
      "--points",
      "3",
      "--json",
    );
    expect(code).toBe(0);
    const r = JSON.parse(out);
    expect(r.method).toBe("gd");
    expect(r.times[2]).toBeCloseTo(1, 12);
  });

  it.each([
    [["--widths", "2,0,1"], /--widths "2,0,1": must list at least two integer widths ≥ 1/],
    [["--widths", "2,3,1", "--gamma", "-1"], /gamma\[0\].*-1.*≥ 0/],
    [["--widths", "2,3,1", "--gamma", "0.1,0.2,0.3"], /gamma.*one entry per weight matrix \(2\)/],
    [["--widths", "2,3,1", "--Sxx", "[[1,2],[0,1]]", "--Sxy", "[1,1]", "--Ey2", "1"], /Sxx.*symmetric.*Symmetrise/],
    [
      ["--widths", "2,3,1", "--Sxx", "[[1,0],[0,-1]]", "--Sxy", "[1,1]", "--Ey2", "1"],
      /Sxx.*(semidefinite|eigenvalue)/i,
    ],
    [["--widths", "2,3,1", "--Sxx", "[[1,0],[0,1]]", "--Sxy", "[NaN,1]", "--Ey2", "1"], /--Sxy.*JSON/],
    [["--widths", "3,3,1", "--Sxx", "[[1,0],[0,1]]", "--Sxy", "[1,1]", "--Ey2", "1"], /Sxx|width|shape/i],
    [["--widths", "2,3,1", "--Sxx", "[[1,0],[0,1]]"], /--Sxx, --Sxy and --Ey2 go together/],
    [["--widths", "2,3,1", "--noise", "-0.5"], /noise.*-0\.5.*≥ 0/],
    [["--widths", "2,3,1", "--rtol", "0"], /rtol.*0/],
    [["--widths", "2,3,1", "--init", "huge"], /--init "huge"/],
    [["--widths", "2,3,1", "--method", "euler"], /--method "euler": must be one of dopri5, rk4, gd/],
  ])("bad input %j: one clear line on stderr and exit code 2", async (args, pattern) => {
    const { code, err } = await run("simulate", ...(args as string[]));
    expect(code).toBe(2);
    expect(err).toMatch(pattern as RegExp);
    expect(err.trim().split("\n")).toHaveLength(1);
  });
});
