import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type Claim, defineClaim } from "../../src/claims/claim.js";
import { globToRegExp, parseShard, selectClaims } from "../../src/claims/select.js";

function claim(id: string, extra: { title?: string; tags?: string[]; paper?: string } = {}): Claim {
  return defineClaim({
    id,
    title: extra.title ?? `title of ${id}`,
    source: { paper: extra.paper ?? "Someone 2020", arxiv: "2001.00001" },
    statement: { text: `statement of ${id}` },
    expected: "verified",
    tags: extra.tags ?? [],
    check: () => ({ status: "verified", message: "" }),
  });
}

const catalogue = [
  claim("ziyin2022.origin"),
  claim("du2018.conservation", { tags: ["invariant"] }),
  claim("ziyin2022.bad-minimum", { title: "Bad minima exist" }),
  claim("negative.imbalance", { paper: "Basu et al. 2019" }),
];

describe("selectClaims", () => {
  it("selects all claims sorted by id when no pattern is given", () => {
    expect(selectClaims(catalogue).map((c) => c.id)).toEqual([
      "du2018.conservation",
      "negative.imbalance",
      "ziyin2022.bad-minimum",
      "ziyin2022.origin",
    ]);
  });

  it("matches exact ids and globs, and rejects a pattern that matches nothing", () => {
    expect(selectClaims(catalogue, { patterns: ["ziyin2022.*"] }).map((c) => c.id)).toEqual([
      "ziyin2022.bad-minimum",
      "ziyin2022.origin",
    ]);
    expect(selectClaims(catalogue, { patterns: ["du2018.conservation", "*.origin"] })).toHaveLength(2);
    expect(selectClaims(catalogue, { patterns: ["du2018.conservatio?"] })).toHaveLength(1);
    expect(() => selectClaims(catalogue, { patterns: ["du2018"] })).toThrow(/claim = "du2018": matches no claim id/);
  });

  it("greps id, title, tags, paper and statement case-insensitively", () => {
    expect(selectClaims(catalogue, { grep: "BAD MINIMA" }).map((c) => c.id)).toEqual(["ziyin2022.bad-minimum"]);
    expect(selectClaims(catalogue, { grep: "invariant" }).map((c) => c.id)).toEqual(["du2018.conservation"]);
    expect(selectClaims(catalogue, { grep: "basu" }).map((c) => c.id)).toEqual(["negative.imbalance"]);
    expect(() => selectClaims(catalogue, { grep: "(" })).toThrow(/--grep = "\(": must be a valid regular expression/);
    expect(() => selectClaims(catalogue, { grep: "nothing-here" })).toThrow(/matches no claim/);
  });

  it("shards partition any selection: every claim in exactly one shard, in id order (property)", () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.stringMatching(/^[a-z][a-z0-9.]{0,6}$/), { maxLength: 30 }),
        fc.integer({ min: 1, max: 7 }),
        (ids, count) => {
          const claims = ids.map((id) => claim(id));
          const shards = Array.from({ length: count }, (_, i) =>
            selectClaims(claims, { shard: { index: i + 1, count } }).map((c) => c.id),
          );
          const all = shards.flat();
          expect(all.sort()).toEqual([...ids].sort());
          for (const s of shards) expect(s).toEqual([...s].sort());
          // Round-robin keeps shard sizes within one of each other.
          const sizes = shards.map((s) => s.length);
          expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
        },
      ),
    );
  });

  it("shards do not depend on the catalogue's file order", () => {
    const reversed = [...catalogue].reverse();
    expect(selectClaims(reversed, { shard: { index: 2, count: 3 } })).toEqual(
      selectClaims(catalogue, { shard: { index: 2, count: 3 } }),
    );
  });
});

describe("parseShard", () => {
  it("parses i/n and rejects malformed or out-of-range shards with one clear message", () => {
    expect(parseShard("2/3")).toEqual({ index: 2, count: 3 });
    expect(() => parseShard("3/2")).toThrow(/--shard = "3\/2": needs 1 ≤ i ≤ n \(got i = 3, n = 2\)/);
    expect(() => parseShard("0/2")).toThrow(/needs 1 ≤ i ≤ n/);
    expect(() => parseShard("1/0")).toThrow(/needs 1 ≤ i ≤ n/);
    expect(() => parseShard("a/b")).toThrow(/must have the form i\/n/);
  });
});

describe("globToRegExp", () => {
  it("escapes regular-expression characters other than * and ?", () => {
    expect(globToRegExp("a.b*").test("a.bcd")).toBe(true);
    expect(globToRegExp("a.b*").test("axbcd")).toBe(false);
    expect(globToRegExp("(x)").test("(x)")).toBe(true);
  });
});
