/**
 * One training run of a three-layer family at one width, with the first-layer condensation measure before and after.
 */
import { firstLayerCondensation } from "../../src/model/nonlinear/three-layer/condensation.js";
import type { ThreeLayerFamily } from "../../src/model/nonlinear/three-layer/layer-slopes.js";
import { type ThreeLayerResult, trainThreeLayer } from "../../src/model/nonlinear/three-layer/three-layer-relu.js";

export interface CondensationRun {
  readonly run: ThreeLayerResult;
  readonly initial: number;
  readonly final: number;
}

export function condensationRun(family: ThreeLayerFamily, width: number, seed: number): CondensationRun {
  const run = trainThreeLayer({
    width,
    betas: [width ** -family.p[0], width ** -family.p[1], width ** -family.p[2]],
    alpha: width ** family.q,
    seed,
    lossTol: 1e-6,
  });
  return { run, initial: firstLayerCondensation(run.initial), final: firstLayerCondensation(run.final) };
}

export function describeCondensation(c: CondensationRun): string {
  return `clustered fraction ${c.initial.toFixed(3)} → ${c.final.toFixed(3)}; RD(W¹) ${c.run.rdW1.toPrecision(3)}; ${c.run.status} after ${c.run.steps} steps (R = ${c.run.finalLoss.toExponential(2)})`;
}
