import { mkdtemp, readdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { memoryIo } from "../../src/cli/io.js";
import { runCli } from "../../src/cli/main.js";

const fixtures = fileURLToPath(new URL("../claims/fixtures/catalogue/", import.meta.url));
const sizeFixtures = fileURLToPath(new URL("../claims/fixtures/size/", import.meta.url));
const broken = fileURLToPath(new URL("../claims/fixtures/broken/", import.meta.url));

async function cli(...args: string[]) {
  const io = memoryIo();
  const code = await runCli(["node", "lindyn", ...args], io);
  return { code, out: io.out, err: io.err };
}

describe("lindyn verify: exit codes", () => {
  it("exits 0 when every selected claim gets its expected status (a negative control refuted counts)", async () => {
    const r = await cli("verify", "fixture.pass", "fixture.negative", "--proofs", fixtures);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/✓\s+fixture\.negative\s+arXiv 0000\.00000 §0\s+refuted\s+refuted/);
    expect(r.out).toMatch(/2 claims \(1 verified, 1 refuted\): all as expected · seed 20221123/);
  });

  it("exits 1 when a claim misses its expected status, and prints the shrunk counterexample", async () => {
    const r = await cli("verify", "fixture.wrong", "--proofs", fixtures);
    expect(r.code).toBe(1);
    expect(r.out).toContain("✗ fixture.wrong: expected verified, got refuted");
    // "every integer is even": the counterexample printed is an odd integer of [0, 100].
    const value = Number(/ {4}counterexample: (\d+)\n/.exec(r.out)?.[1]);
    expect(value % 2).toBe(1);
    expect(r.out).toMatch(/replay: lindyn verify fixture\.wrong --seed 20221123 --path \S+/);
  });

  it("exits 1 when a check throws (inconclusive) and keeps running the other claims", async () => {
    const r = await cli("verify", "--proofs", fixtures);
    expect(r.code).toBe(1);
    expect(r.out).toContain("✗ fixture.throws: expected verified, got inconclusive\n    the check threw Error: boom");
    expect(r.out).toMatch(/4 claims \(1 verified, 2 refuted, 1 inconclusive\): 2 not as expected/);
  });

  it("exits 1 when a proof file fails to load, naming the file on stderr", async () => {
    const r = await cli("verify", "a.x", "--proofs", broken);
    expect(r.code).toBe(1);
    expect(r.err).toContain("lindyn: import-throws.proof.ts: import failed: Error: cannot import me\n");
  });

  it.each([
    [["--shard", "3/2"], /^lindyn: --shard = "3\/2": needs 1 ≤ i ≤ n \(got i = 3, n = 2\)\. Use --shard i\/n/],
    [["--shard", "x"], /^lindyn: --shard = "x": must have the form i\/n/],
    [["--seed", "1.5"], /^lindyn: --seed = "1\.5": must be a whole number/],
    [["--runs", "0"], /^lindyn: --runs = 0: must be an integer ≥ 1/],
    [["--size", "huge"], /^lindyn: --size = "huge": must be one of ci, paper\. Pass e\.g\. --size paper/],
    [["--grep", "("], /^lindyn: --grep = "\(": must be a valid regular expression/],
    [["no.such.claim"], /^lindyn: claim = "no\.such\.claim": matches no claim id/],
    [["--path", "1:2"], /^lindyn: --path = "1:2": replays one claim, but 4 are selected/],
  ])("exits 2 with one clear stderr line for bad usage: %j", async (args, message) => {
    const r = await cli("verify", ...args, "--proofs", fixtures);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(message);
    expect(r.err.trimEnd().split("\n")).toHaveLength(1);
    expect(r.out).toBe("");
  });

  it("exits 2 on an unknown flag (commander's usage error)", async () => {
    const r = await cli("verify", "--bogus");
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/unknown option '--bogus'/);
  });

  it("exits 0 for an empty shard, saying so", async () => {
    const r = await cli("verify", "fixture.pass", "--shard", "2/2", "--proofs", fixtures);
    expect(r.code).toBe(0);
    expect(r.err).toContain("lindyn: shard 2/2 holds no claims");
  });
});

describe("lindyn verify: output", () => {
  it("--json prints the JSON report only on stdout, with the seed and runs given", async () => {
    const r = await cli("verify", "fixture.pass", "--json", "--seed", "77", "--runs", "5", "--proofs", fixtures);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.out);
    expect(report).toMatchObject({ schemaVersion: 1, seed: 77, runs: 5, totals: { claims: 1, matched: 1 } });
    expect(report.claims[0]).toMatchObject({ id: "fixture.pass", status: "verified", cases: 5, seed: 77 });
  });

  it("--size reaches ctx.size and the JSON report's top level; the default is ci", async () => {
    const paper = await cli("verify", "--json", "--size", "paper", "--proofs", sizeFixtures);
    expect(paper.code).toBe(0);
    const report = JSON.parse(paper.out);
    expect(report).toMatchObject({ schemaVersion: 1, size: "paper" });
    expect(report.claims[0]).toMatchObject({ id: "size.echo", status: "verified", message: "size paper" });
    const ci = JSON.parse((await cli("verify", "--json", "--proofs", sizeFixtures)).out);
    expect(ci.size).toBe("ci");
    expect(ci.claims[0]).toMatchObject({ status: "inconclusive", message: "size ci" });
  });

  it("documents --size in --help", async () => {
    const io = memoryIo();
    await runCli(["node", "lindyn", "verify", "--help"], io);
    expect(io.out).toMatch(/--size <ci\|paper>/);
  });

  it("replays a counterexample from the printed seed and path", async () => {
    const first = JSON.parse((await cli("verify", "fixture.negative", "--json", "--proofs", fixtures)).out);
    const c = first.claims[0].counterexample;
    const again = await cli(
      "verify",
      "fixture.negative",
      "--json",
      "--seed",
      String(c.seed),
      "--path",
      c.path,
      "--proofs",
      fixtures,
    );
    expect(JSON.parse(again.out).claims[0].counterexample.value).toBe(c.value);
  });

  it("--report writes results.json and summary.md", async () => {
    const dir = join(await mkdtemp(join(tmpdir(), "lindyn-cli-")), "report");
    const r = await cli("verify", "fixture.pass", "--report", dir, "--proofs", fixtures);
    expect(r.code).toBe(0);
    expect((await readdir(dir)).sort()).toEqual(["results.json", "summary.md"]);
    expect(r.err).toContain(`lindyn: report written to ${join(dir, "results.json")}`);
  });

  it("--grep and --shard select the same claims as the library (round-robin over sorted ids)", async () => {
    const r = await cli("verify", "--grep", "integer|dream", "--shard", "1/2", "--json", "--proofs", fixtures);
    // Matches fixture.negative, fixture.pass, fixture.wrong; sorted, shard 1/2 takes positions 0 and 2.
    expect(JSON.parse(r.out).claims.map((c: { id: string }) => c.id)).toEqual(["fixture.negative", "fixture.wrong"]);
  });
});

describe("lindyn list", () => {
  it("lists claims with sources, statements and expected verdicts", async () => {
    const r = await cli("list", "fixture.pass", "--proofs", fixtures);
    expect(r.code).toBe(0);
    expect(r.out).toBe(
      "fixture.pass  (expects verified)\n  Binomial square on small integers\n  source: Fixture, not a paper · arXiv 0000.00000 · §0\n  statement: (a + b)² = a² + 2ab + b²\n1 claim\n",
    );
  });

  it("--json lists every field of every claim", async () => {
    const r = await cli("list", "--json", "--proofs", fixtures);
    const json = JSON.parse(r.out);
    expect(json.schemaVersion).toBe(1);
    expect(json.claims).toHaveLength(4);
    expect(json.claims[0]).toEqual({
      id: "fixture.negative",
      title: "Freshman's dream (false)",
      expected: "refuted",
      source: { paper: "Fixture, not a paper", arxiv: "0000.00000", section: "§0" },
      statement: { text: "(a + b)² = a² + b²", latex: null },
      formalisation: null,
      tags: ["property"],
      defaults: { runs: 30, timeLimitMillis: null },
    });
  });
});
