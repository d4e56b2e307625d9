// A small run shared by the report tests: one verified, one refuted as expected (with a replayable
// counterexample), one inconclusive where verified was expected.
import { defineClaim } from "../../src/claims/claim.js";
import { type RunSummary, runClaims } from "../../src/claims/runner.js";

export function sampleSummary(): Promise<RunSummary> {
  const source = { paper: "Du, Hu, Lee 2018", arxiv: "1806.00900", section: "Thm 2.1" };
  return runClaims(
    [
      defineClaim({
        id: "s.ok",
        title: "Holds",
        source,
        statement: { text: "Q is conserved", latex: "\\dot Q = 0" },
        formalisation: "checked on 3 settings",
        expected: "verified",
        check: () => ({
          status: "verified",
          message: "3 settings within tolerance",
          cases: 3,
          worstResidual: 2e-12,
          tolerance: 1e-8,
        }),
      }),
      defineClaim({
        id: "s.neg",
        title: "Negative | control",
        source: { paper: "Basu et al. 2019" },
        statement: { text: "Q is conserved with weight decay" },
        expected: "refuted",
        check: () => ({
          status: "refuted",
          message: "counterexample",
          cases: 2,
          worstResidual: Number.NaN,
          tolerance: 1e-8,
          counterexample: {
            value: "{ widths: [1, 1, 1], gamma: 1/16 }",
            residual: 0.25,
            tolerance: 1e-8,
            reason: "residual 0.25 > tolerance 1e-8",
            seed: 9,
            path: "4:1",
            shrinks: 3,
            replay: null,
          },
          evidence: { drift: Float64Array.of(0.25, Number.POSITIVE_INFINITY) },
        }),
      }),
      defineClaim({
        id: "s.flaky",
        title: "Integrator trouble",
        source,
        statement: { text: "converges" },
        expected: "verified",
        check: () => ({ status: "inconclusive", message: "integrator: max-steps at t = 4" }),
      }),
    ],
    { seed: 9 },
  );
}
