/**
 * Zhou et al. 2022 (arXiv 2205.12101): in a three-layer ReLU net each layer has its own regime, read off the slope
 * S_{W_i} of log sup_t RD(W^[i]) against log m, and one initialisation can put the two hidden layers in different
 * regimes. Here: the note's MF-like family (p = (0, 1, 0), q = 1) vs the NTK-like family (0, ½, 0, ½).
 */
import { defineClaim } from "../src/claims/claim.js";
import { formatResidual } from "../src/claims/format-value.js";
import { ResidualTally } from "../src/claims/residual-check.js";
import { type LayerSlopes, layerSlopes } from "../src/model/nonlinear/three-layer/layer-slopes.js";
import { CI_WIDTHS, LAYER_BANDS, MF_LIKE, NTK_LIKE, seedsFor, ZHOU_SOURCE } from "./_zhou/source.js";

function describe(s: LayerSlopes): string {
  const rd = s.runs.map(
    (r, i) =>
      `m=${s.widths[i]}: RD(W¹) ${formatResidual(r.rdW1)}, RD(W²) ${formatResidual(r.rdW2)}${r.status === "converged" ? "" : ` [${r.status}]`}`,
  );
  return `S_W1 ${s.slopeW1.toFixed(3)}, S_W2 ${s.slopeW2.toFixed(3)}; ${rd.join("; ")}`;
}

export default defineClaim({
  id: "zhou2022.layers-in-different-regimes",
  title:
    "Three-layer ReLU net: under the MF-like init the first layer is linear while the second is not; under NTK-like both are linear",
  source: {
    ...ZHOU_SOURCE,
    section:
      'abstract ("different layers can lie in different regimes"); experiments, slopes S_{W_i}; lindyn note zhou2022-phase-diagram.md, "Three layers"',
  },
  statement: {
    text:
      "For x → W¹ → ReLU → W² → ReLU → a with output 1/α, β_i = m^{−p_i}, α = m^q: under p = (0, 1, 0), q = 1 the relative " +
      "distance sup_t RD(W¹) falls with the width (linear regime) while sup_t RD(W²) does not (its slope is larger by a clear " +
      "margin): the two layers are in different regimes. Under (0, ½, 0, ½) both fall (both linear).",
    latex: "p=(0,1,0),q=1:\\ S_{W_1} < 0 < S_{W_2};\\quad p=(0,\\tfrac12,0),q=\\tfrac12:\\ S_{W_1}, S_{W_2} < 0",
  },
  formalisation:
    "Ours, at CI widths: the m → ∞ limit is read as the least-squares slope of log sup_t RD(W^[i]) (incoming weights + bias) " +
    `against log m at m = ${CI_WIDTHS.join(", ")}, one run per width (the run's seed; --runs k: k seeds, each checked). Setting: ` +
    "the note's 4 points in 1-D, ReLU, antisymmetric pairs (rows 2j, 2j+1 of W² equal, a_{2j+1} = −a_{2j}, so f₀ ≡ 0), " +
    "raw full-batch GD on R = (1/2n)Σ(f − y)² with step min(0.5/λ_max(Θ/n), 1 % relative change of any of W¹, W², a), stop " +
    `at R < 1e-6. Bands: MF-like S_W1 < ${LAYER_BANDS.mfW1Below}, S_W2 > ${LAYER_BANDS.mfW2Above}, S_W2 − S_W1 > ` +
    `${LAYER_BANDS.mfGapAbove}; NTK-like S_W1, S_W2 < ${LAYER_BANDS.ntkBelow}; residual = distance outside the band, tolerance 0. ` +
    "Measured at seed 20221123: MF-like S_W1 = −0.819, S_W2 = +0.136; NTK-like −2.772, −1.435 (note, at m = 100…10⁴: " +
    "−0.53, +0.15 and −1.78, −1.05). Seeds 1, 2, 3, 20221124: MF-like S_W1 ∈ [−0.56, −0.30], S_W2 ∈ [0.14, 0.30]; NTK-like " +
    "S_W1 ∈ [−1.95, −1.34], S_W2 ∈ [−1.06, −0.77]. Widths this small do not separate 'critical' from 'condensed' for W², so " +
    "only 'not falling' is claimed for it. ≈ 2 s.",
  expected: "verified",
  tags: ["nonlinear", "phase-diagram", "width-scaling", "gradient-descent", "three-layer"],
  defaults: { runs: 1 },
  check: (ctx) => {
    const tally = new ResidualTally();
    const evidence: Record<string, string> = {};
    for (const seed of seedsFor(ctx.runs, ctx.seed)) {
      const mf = layerSlopes(MF_LIKE, { widths: CI_WIDTHS, seed });
      const ntk = layerSlopes(NTK_LIKE, { widths: CI_WIDTHS, seed });
      const dm = describe(mf);
      const dn = describe(ntk);
      tally.measure(
        `seed ${seed}: MF-like S_W1 < ${LAYER_BANDS.mfW1Below}`,
        Math.max(0, mf.slopeW1 - LAYER_BANDS.mfW1Below),
        0,
        dm,
      );
      tally.measure(
        `seed ${seed}: MF-like S_W2 > ${LAYER_BANDS.mfW2Above}`,
        Math.max(0, LAYER_BANDS.mfW2Above - mf.slopeW2),
        0,
        dm,
      );
      tally.measure(
        `seed ${seed}: MF-like S_W2 − S_W1 > ${LAYER_BANDS.mfGapAbove}`,
        Math.max(0, LAYER_BANDS.mfGapAbove - (mf.slopeW2 - mf.slopeW1)),
        0,
        dm,
      );
      tally.measure(
        `seed ${seed}: NTK-like S_W1 < ${LAYER_BANDS.ntkBelow}`,
        Math.max(0, ntk.slopeW1 - LAYER_BANDS.ntkBelow),
        0,
        dn,
      );
      tally.measure(
        `seed ${seed}: NTK-like S_W2 < ${LAYER_BANDS.ntkBelow}`,
        Math.max(0, ntk.slopeW2 - LAYER_BANDS.ntkBelow),
        0,
        dn,
      );
      evidence[`seed ${seed}`] =
        `MF-like (S_W1, S_W2) = (${mf.slopeW1.toFixed(3)}, ${mf.slopeW2.toFixed(3)}); NTK-like (${ntk.slopeW1.toFixed(3)}, ${ntk.slopeW2.toFixed(3)})`;
    }
    return tally.result({ noun: "checks", evidence });
  },
});
