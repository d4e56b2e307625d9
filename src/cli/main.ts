/**
 * The `lindyn` command line: composes the subcommands, each defined in its own file under `commands/`.
 * Exit codes: 0 success, 1 a verdict or run that did not meet expectations, 2 bad usage or input.
 *
 * @packageDocumentation
 */
import { Command, CommanderError } from "commander";
import { LindynError } from "../core/errors.js";
import { registerDerive } from "./commands/derive.js";
import { registerList } from "./commands/list.js";
import { registerMerge } from "./commands/merge.js";
import { registerSimulate } from "./commands/simulate.js";
import { registerSweep } from "./commands/sweep.js";
import { registerVerify } from "./commands/verify.js";
import { type CliIo, processIo } from "./io.js";

/** Builds the program with every subcommand registered. */
export function buildProgram(io: CliIo): Command {
  const program = new Command("lindyn")
    .description(
      "Executable, machine-checked claims about the learning dynamics of deep linear networks.\n" +
        "Depth L = number of weight matrices; loss c·E‖f − y‖² + Σ γ_i‖W_i‖² with c = 1 unless stated.",
    )
    .version("0.1.0")
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.stdout(s), writeErr: (s) => io.stderr(s) })
    .showHelpAfterError("(run with --help for usage)");
  // Subcommands, one file each under commands/ (add new registrations here, one line each).
  registerSimulate(program, io);
  registerVerify(program, io);
  registerList(program, io);
  registerSweep(program, io);
  registerMerge(program, io);
  registerDerive(program, io);
  return program;
}

/**
 * Runs the CLI on `argv` (as `process.argv`: node, script, args…) and resolves to the exit code.
 * Usage errors print one clear line on stderr and give exit code 2.
 */
export async function runCli(argv: readonly string[], io: CliIo = processIo): Promise<number> {
  const program = buildProgram(io);
  try {
    await program.parseAsync([...argv]);
    return io.exitCode ?? 0;
  } catch (error) {
    if (error instanceof CommanderError) {
      if (
        error.code === "commander.helpDisplayed" ||
        error.code === "commander.version" ||
        error.code === "commander.help"
      )
        return 0;
      return 2;
    }
    if (error instanceof LindynError) {
      io.stderr(`lindyn: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
}
