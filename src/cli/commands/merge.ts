/**
 * `lindyn merge`: merges the results files of the shards of one sweep (any sweep run by `lindyn sweep`)
 * into one JSON-lines file in grid order.
 *
 * @packageDocumentation
 */
import type { Command } from "commander";
import { mergeSweepFiles } from "../../sweep/merge.js";
import type { CliIo } from "../io.js";

/** Options of `lindyn merge`. */
export interface MergeCommandOptions {
  out: string;
  requireComplete?: boolean;
  json?: boolean;
}

const HELP_AFTER = `
The inputs must come from the same sweep with the same configuration (checked by the fingerprint in each
file's first line). A point present in several inputs is written once; a successful record wins over an
error record of the same point. The output is written to a temporary file and renamed into place.
Exit code 0 when the merge covers the whole grid, 1 when points are missing, 2 for bad input.

Example:
  lindyn sweep feature-regimes --shard 1/2 --out a.jsonl   # on one machine
  lindyn sweep feature-regimes --shard 2/2 --out b.jsonl   # on another
  lindyn merge --out all.jsonl a.jsonl b.jsonl`;

/** Registers `lindyn merge` on `program`. */
export function registerMerge(program: Command, io: CliIo): void {
  program
    .command("merge")
    .description("Merge the shard results files of one sweep into one file (grid order).")
    .argument("<inputs...>", "shard results files (JSON lines)")
    .requiredOption("--out <file>", "merged results file")
    .option("--require-complete", "fail (exit 2) unless every grid point is present")
    .option("--json", "print the merge summary as JSON")
    .addHelpText("after", HELP_AFTER)
    .action((inputs: string[], options: MergeCommandOptions) => {
      const summary = mergeSweepFiles(inputs, options.out, { requireComplete: options.requireComplete ?? false });
      if (options.json) io.stdout(`${JSON.stringify(summary, null, 2)}\n`);
      else {
        io.stdout(
          `merged ${inputs.length} file${inputs.length === 1 ? "" : "s"} of sweep ${summary.sweep} → ${summary.file}: ` +
            `${summary.points} of ${summary.total} points, ${summary.missing} missing` +
            `${summary.conflicts.length > 0 ? `, ${summary.conflicts.length} conflicting duplicates (first kept)` : ""}` +
            `${summary.truncatedInputs > 0 ? `, ${summary.truncatedInputs} input(s) had a truncated last line (dropped)` : ""}\n`,
        );
      }
      if (summary.missing > 0) io.exitCode = 1;
    });
}
