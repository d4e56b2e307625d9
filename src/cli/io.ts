/**
 * The CLI's connection to the outside world, injectable so that commands are tested in-process.
 *
 * @packageDocumentation
 */

/** Output streams and the exit code a command sets. */
export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  /** Whether stderr is an interactive terminal (progress bars only then). */
  readonly isTTY: boolean;
  /** Set by a command to report a non-zero outcome without throwing. */
  exitCode?: number;
}

/** The real process streams. */
export const processIo: CliIo = {
  stdout: (text) => void process.stdout.write(text),
  stderr: (text) => void process.stderr.write(text),
  isTTY: Boolean(process.stderr.isTTY),
};

/** An in-memory IO for tests: collects what was written. */
export function memoryIo(): CliIo & { out: string; err: string } {
  const io = {
    out: "",
    err: "",
    isTTY: false,
    exitCode: undefined as number | undefined,
    stdout(text: string) {
      io.out += text;
    },
    stderr(text: string) {
      io.err += text;
    },
  };
  return io;
}
