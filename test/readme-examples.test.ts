/**
 * Executable documentation: every `lindyn …` line in README.md's "Examples" block runs here in-process and
 * must exit with 0, so the README cannot drift from the CLI.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { memoryIo } from "../src/cli/io.js";
import { runCli } from "../src/cli/main.js";

/** Splits a shell line into words, honouring single quotes (all the README uses). */
function shellWords(line: string): string[] {
  const words: string[] = [];
  const re = /'([^']*)'|(\S+)/g;
  for (let m = re.exec(line); m !== null; m = re.exec(line)) words.push(m[1] ?? (m[2] as string));
  return words;
}

const readme = readFileSync(new URL("../README.md", import.meta.url), "utf8");
const block = /### Examples[\s\S]*?```sh\n([\s\S]*?)```/.exec(readme)?.[1] ?? "";
const commands = block
  .split("\n")
  .map((l) => l.trim())
  .filter((l) => l.startsWith("lindyn "));

describe("README examples", () => {
  it("the Examples block lists commands", () => {
    expect(commands.length).toBeGreaterThanOrEqual(5);
  });

  it.each(commands)("%s", async (command) => {
    const io = memoryIo();
    const code = await runCli(["node", ...shellWords(command)], io);
    expect(io.err, io.err).not.toMatch(/Error|error:/);
    expect(code).toBe(0);
    expect(io.out.length).toBeGreaterThan(0);
    if (command.includes("--json")) expect(() => JSON.parse(io.out)).not.toThrow();
  });
});
