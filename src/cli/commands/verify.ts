/**
 * `lindyn verify [ids or globs…]`: the main job. Runs the claims of the catalogue, prints a table (or
 * JSON), optionally writes a report folder, and exits 0 iff every claim got its expected status and every
 * proof file loaded; 1 otherwise; 2 for bad usage.
 *
 * @packageDocumentation
 */
import type { Command } from "commander";
import { type Catalogue, loadCatalogue } from "../../claims/catalogue.js";
import {
  requireRuns,
  requireSeed,
  requireSize,
  runClaims,
  seedFromEnvironment,
  sizeFromEnvironment,
} from "../../claims/runner.js";
import { parseShard, selectClaims } from "../../claims/select.js";
import { DomainError, errorMessage } from "../../core/errors.js";
import { stringifyJsonReport, toJsonReport } from "../../report/json.js";
import { createProgress } from "../../report/progress.js";
import { formatTable } from "../../report/table.js";
import { writeReport } from "../../report/write-report.js";
import type { CliIo } from "../io.js";

/** Options as commander hands them over (strings, validated in {@link registerVerify}'s action). */
interface VerifyFlags {
  json?: boolean;
  report?: string;
  seed?: string;
  runs?: string;
  size?: string;
  grep?: string;
  shard?: string;
  path?: string;
  proofs?: string;
}

/** Registers `verify` on `program`. */
export function registerVerify(program: Command, io: CliIo): Command {
  return program
    .command("verify")
    .description(
      "Check claims of the catalogue and print their verdicts. Exit 0 iff every claim got its expected status.",
    )
    .argument("[claims...]", "claim ids or globs (e.g. du2018.* ); default: all")
    .option("--json", "print the JSON report (schemaVersion 1) instead of the table")
    .option("--report <dir>", "also write <dir>/results.json and <dir>/summary.md (atomically)")
    .option("--seed <n>", "seed given to every claim (default: LINDYN_SEED or 20221123)")
    .option("--runs <n>", "cases per claim, overriding each claim's default")
    .option(
      "--size <ci|paper>",
      "experiment size: ci (seconds per claim) or paper (the paper's sizes, minutes; claims without one ignore it) (default: LINDYN_SIZE or ci)",
    )
    .option("--grep <regex>", "keep claims whose id, title, tags, source or statement match (case-insensitive)")
    .option("--shard <i/n>", "run only shard i of n (claims sorted by id, dealt round-robin)")
    .option("--path <path>", "replay a counterexample's fast-check path (needs exactly one claim and its --seed)")
    .option("--proofs <dir>", "folder of *.proof.js files to load instead of the built-in catalogue")
    .action(async (patterns: string[], flags: VerifyFlags) => {
      const seed =
        flags.seed === undefined ? seedFromEnvironment() : requireSeed(parseInteger("--seed", flags.seed), "--seed");
      const runs = flags.runs === undefined ? undefined : requireRuns(parseInteger("--runs", flags.runs), "--runs");
      const size = flags.size === undefined ? sizeFromEnvironment() : requireSize(flags.size, "--size");
      const shard = flags.shard === undefined ? undefined : parseShard(flags.shard);
      const catalogue = await loadCatalogueFrom(flags.proofs);
      const claims = selectClaims(catalogue.claims, {
        patterns,
        ...(flags.grep === undefined ? {} : { grep: flags.grep }),
        ...(shard === undefined ? {} : { shard }),
      });
      if (flags.path !== undefined && claims.length !== 1) {
        throw new DomainError(
          errorMessage(
            "--path",
            flags.path,
            `replays one claim, but ${claims.length} are selected`,
            "Name the claim: lindyn verify <id> --seed <s> --path <path>.",
          ),
        );
      }
      reportLoadErrors(io, catalogue);
      if (claims.length === 0) {
        io.stderr(
          shard === undefined
            ? `lindyn: the catalogue in ${catalogue.dir} has no claims\n`
            : `lindyn: shard ${shard.index}/${shard.count} holds no claims\n`,
        );
      }
      const progress = createProgress({ write: (s) => io.stderr(s), isTTY: io.isTTY });
      const summary = await runClaims(claims, {
        seed,
        size,
        ...(runs === undefined ? {} : { runs }),
        ...(flags.path === undefined ? {} : { path: flags.path }),
        onProgress: progress.onProgress,
      });
      progress.done();
      const options = { loadErrors: catalogue.errors };
      if (flags.json) io.stdout(stringifyJsonReport(toJsonReport(summary, options)));
      else io.stdout(formatTable(summary, options));
      if (flags.report !== undefined) {
        const written = await writeReport(flags.report, summary, options);
        io.stderr(`lindyn: report written to ${written.json} and ${written.markdown}\n`);
      }
      if (summary.totals.mismatched > 0 || catalogue.errors.length > 0) io.exitCode = 1;
    });
}

/**
 * Parses a whole number given on the command line.
 *
 * @throws DomainError naming the flag when `text` is not an integer
 */
export function parseInteger(flag: string, text: string): number {
  if (!/^\s*[+-]?\d+\s*$/.test(text)) {
    throw new DomainError(errorMessage(flag, text, "must be a whole number", `Pass e.g. ${flag} 42.`));
  }
  return Number(text);
}

/** Loads the built-in catalogue, or the proof files of `dir` when given. */
export function loadCatalogueFrom(dir: string | undefined): Promise<Catalogue> {
  return dir === undefined ? loadCatalogue() : loadCatalogue({ dir });
}

/** Prints one stderr line per proof file that failed to load. */
export function reportLoadErrors(io: CliIo, catalogue: Catalogue): void {
  for (const e of catalogue.errors) io.stderr(`lindyn: ${e.file}: ${e.message}\n`);
}
