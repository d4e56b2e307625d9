import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { cartesianGrid } from "../../src/sweep/grid.js";
import { inShard, parseShard } from "../../src/sweep/shard.js";

describe("cartesianGrid", () => {
  it("enumerates the product with the first axis slowest and stable readable keys", () => {
    const pts = cartesianGrid({ a: [0, 0.5], b: ["x", "y", "z"] });
    expect(pts.map((p) => p.key)).toEqual(["a=0,b=x", "a=0,b=y", "a=0,b=z", "a=0.5,b=x", "a=0.5,b=y", "a=0.5,b=z"]);
    expect(pts.map((p) => p.index)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(pts[4]?.params).toEqual({ a: 0.5, b: "y" });
  });
  it("rejects empty axes and repeated values", () => {
    expect(() => cartesianGrid({ a: [] })).toThrow(/non-empty/);
    expect(() => cartesianGrid({ a: [1, 1] })).toThrow(/repeat/);
  });
});

describe("shards", () => {
  it("parses i/n (1-based) and rejects anything else", () => {
    expect(parseShard("2/3")).toEqual({ index: 2, count: 3 });
    for (const bad of ["0/2", "3/2", "1", "a/b", "1/0", ""]) expect(() => parseShard(bad)).toThrow(/--shard/);
  });
  it("the shards of a grid are disjoint and cover it", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 200 }), fc.integer({ min: 1, max: 9 }), (total, n) => {
        const owners = Array.from({ length: total }, (_, i) =>
          Array.from({ length: n }, (_, k) => k + 1).filter((k) => inShard(i, { index: k, count: n })),
        );
        expect(owners.every((o) => o.length === 1)).toBe(true);
      }),
    );
  });
});
