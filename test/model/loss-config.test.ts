import { describe, expect, it } from "vitest";
import { DomainError, ShapeError } from "../../src/core/errors.js";
import { LinearNet } from "../../src/model/architecture.js";
import { lossConfig } from "../../src/model/loss-config.js";

describe("lossConfig", () => {
  it("defaults: c = 1, no weight decay, no noise; lengths L and L − 1", () => {
    expect(lossConfig(new LinearNet([2, 3, 4, 1]))).toEqual({ c: 1, gamma: [0, 0, 0], noise: [0, 0] });
    expect(lossConfig(new LinearNet([2, 1]))).toEqual({ c: 1, gamma: [0], noise: [] });
  });

  it("expands one number to every layer and keeps per-layer arrays; the result is frozen", () => {
    const cfg = lossConfig(new LinearNet([2, 3, 4, 1]), { c: 0.5, gamma: 0.1, noise: [0.2, 0] });
    expect(cfg).toEqual({ c: 0.5, gamma: [0.1, 0.1, 0.1], noise: [0.2, 0] });
    expect(Object.isFrozen(cfg) && Object.isFrozen(cfg.gamma) && Object.isFrozen(cfg.noise)).toBe(true);
  });

  it("accepts zero noise on a depth-1 net, rejects non-zero noise there", () => {
    expect(lossConfig(new LinearNet([2, 1]), { noise: 0 }).noise).toEqual([]);
    expect(() => lossConfig(new LinearNet([2, 1]), { noise: 0.5 })).toThrow(DomainError);
  });

  it("names the offending entry, its value and the fix", () => {
    const net = new LinearNet([2, 3, 1]);
    expect(() => lossConfig(net, { gamma: [0.1, -0.2] })).toThrow(
      "gamma[1] (weight decay on W_2) = -0.2: must be a finite number ≥ 0. Weight decay is a penalty γ‖W‖²; use 0 to switch it off.",
    );
    expect(() => lossConfig(net, { noise: Number.POSITIVE_INFINITY })).toThrow(
      /noise\[0\] \(variance σ² of hidden layer 1\) = Infinity: must be a finite number ≥ 0/,
    );
    expect(() => lossConfig(net, { noise: [] })).toThrow(ShapeError);
    expect(() => lossConfig(net, { c: 0.25 as 0.5 })).toThrow(DomainError);
  });
});
