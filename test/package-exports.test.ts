/**
 * Every subpath in package.json "exports" must resolve, after the build that `npm install` runs, to a
 * module that exports something: a stale or misspelt export map would otherwise only fail for users.
 */
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const pkg = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as {
  exports: Record<string, string | { types: string; default: string }>;
};
const entries = Object.entries(pkg.exports).filter(([key]) => key !== "./package.json");

describe("package exports", () => {
  it.each(entries)("%s points at a compiled module and its declarations", async (key, target) => {
    if (typeof target === "string") throw new Error(`${key} should map to { types, default }`);
    const js = fileURLToPath(new URL(`../${target.default}`, import.meta.url));
    const dts = fileURLToPath(new URL(`../${target.types}`, import.meta.url));
    expect(existsSync(js), `${js} is missing: run npm run build`).toBe(true);
    expect(existsSync(dts), `${dts} is missing: run npm run build`).toBe(true);
    const mod = (await import(js)) as Record<string, unknown>;
    if (key === "./testing/matchers") {
      // A side-effect module: importing it registers the matchers on vitest's expect.
      expect(typeof (expect(0) as unknown as Record<string, unknown>).toBeCloseToMatrix).toBe("function");
    } else {
      expect(Object.keys(mod).length).toBeGreaterThan(0);
    }
  });
});
