import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { defaultProofsDir, loadCatalogue, runningFromSource } from "../../src/claims/catalogue.js";

const fixtures = (name: string) => fileURLToPath(new URL(`./fixtures/${name}/`, import.meta.url));

describe("loadCatalogue", () => {
  it("loads every claim a proof file exports (one or an array), in file then export order", async () => {
    const c = await loadCatalogue({ dir: fixtures("catalogue") });
    expect(c.errors).toEqual([]);
    expect(c.claims.map((x) => x.id)).toEqual(["fixture.pass", "fixture.negative", "fixture.wrong", "fixture.throws"]);
  });

  it("collects broken files as errors and still loads the good claims", async () => {
    const c = await loadCatalogue({ dir: fixtures("broken") });
    expect(c.claims.map((x) => x.id)).toEqual(["a.x"]);
    const byFile = Object.fromEntries(c.errors.map((e) => [e.file, e.message]));
    expect(Object.keys(byFile).sort()).toEqual([
      "a.x.proof.ts",
      "import-throws.proof.ts",
      "not-a-claim.proof.ts",
      "wrong-id.proof.ts",
    ]);
    expect(byFile["a.x.proof.ts"]).toBe('duplicate claim id "a.x" (also in a.proof.ts)');
    expect(byFile["import-throws.proof.ts"]).toMatch(/import failed: Error: cannot import me/);
    expect(byFile["not-a-claim.proof.ts"]).toMatch(/must be a Claim or an array of Claims/);
    expect(byFile["wrong-id.proof.ts"]).toMatch(/"other.name" must equal "wrong-id" or start with "wrong-id."/);
  });

  it("reports a missing folder as an error instead of throwing", async () => {
    const c = await loadCatalogue({ dir: fixtures("does-not-exist") });
    expect(c.claims).toEqual([]);
    expect(c.errors[0]?.message).toMatch(/cannot read the proofs folder/);
  });

  it("finds the project's proofs/ from the sources (under vitest the loader runs from src/claims/*.ts)", () => {
    expect(runningFromSource()).toBe(true);
    expect(defaultProofsDir()).toBe(fileURLToPath(new URL("../../proofs/", import.meta.url)));
  });
});
