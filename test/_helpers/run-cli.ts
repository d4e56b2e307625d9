/**
 * Runs the real `lindyn` program in-process (runCli with its exit-code and error handling) and returns the
 * exit code with everything written to stdout and stderr.
 */
import { type CliIo, memoryIo } from "../../src/cli/io.js";
import { runCli } from "../../src/cli/main.js";

/** `lindyn <args…>` in-process. */
export async function runLindyn(
  args: readonly string[],
): Promise<{ code: number; io: CliIo & { out: string; err: string } }> {
  const io = memoryIo();
  const code = await runCli(["node", "lindyn", ...args], io);
  return { code, io };
}
