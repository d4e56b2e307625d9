/**
 * Runs the example conjectures of examples/ (executable documentation): the true one is verified, the false
 * one is refuted with a shrunk counterexample a person can read and a replay path.
 */
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { loadCatalogue } from "../../src/claims/catalogue.js";
import { runClaim } from "../../src/claims/runner.js";

const examples = await loadCatalogue({ dir: fileURLToPath(new URL("../../examples/", import.meta.url)) });
const byId = new Map(examples.claims.map((c) => [c.id, c]));

describe("examples/", () => {
  it("load without errors", () => {
    expect(examples.errors).toEqual([]);
    expect([...byId.keys()].sort()).toEqual(["gd-conserves-imbalance", "loss-never-increases"]);
  });

  it("the true conjecture (the loss never increases along gradient flow) is verified", async () => {
    const verdict = await runClaim(byId.get("loss-never-increases")!);
    expect(verdict.status, verdict.message).toBe("verified");
  });

  it("the false conjecture (gradient descent conserves Q) is refuted with a readable, replayable counterexample", async () => {
    const verdict = await runClaim(byId.get("gd-conserves-imbalance")!);
    expect(verdict.status, verdict.message).toBe("refuted");
    const c = verdict.counterexample!;
    expect(c.value).toMatch(/^\{ widths \[1, 1, 1\], data samples\(X = .*\), γ \[0, 0\], W .* \}$/);
    expect(c.value).not.toMatch(/\d\.\d/); // integers and fractions only
    expect(c.replay).toMatch(/^lindyn verify gd-conserves-imbalance --seed 20221123 --path \S+$/);
    expect(c.residual).toBeGreaterThan(c.tolerance!);
  });
});
