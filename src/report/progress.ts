/**
 * Progress while claims run, on stderr: on a terminal one line rewritten in place (`[3/12] running
 * du2018.conservation…`), otherwise one plain line per finished claim (CI logs).
 *
 * @packageDocumentation
 */
import type { ProgressEvent } from "../claims/runner.js";
import { timeCell } from "./_internals/cells.js";

/** Where progress goes. */
export interface ProgressSink {
  write(text: string): void;
  /** A terminal: rewrite one line in place. Otherwise print a line per finished claim. */
  readonly isTTY: boolean;
}

/** A progress callback for {@link runClaims}, plus `done()` which clears the terminal line. */
export interface ProgressReporter {
  readonly onProgress: (event: ProgressEvent) => void;
  done(): void;
}

/** Creates the progress reporter for `sink`. */
export function createProgress(sink: ProgressSink): ProgressReporter {
  let drawn = false;
  const clear = "\r\u001b[2K";
  return {
    onProgress(event) {
      const counter = `[${event.index + 1}/${event.total}]`;
      if (sink.isTTY) {
        if (event.kind === "start") {
          sink.write(`${clear}${counter} running ${event.claim.id}…`);
          drawn = true;
        } else if (!event.matched) {
          // Keep mismatches visible above the progress line.
          sink.write(
            `${clear}${counter} ✗ ${event.claim.id}: ${event.verdict.status} (expected ${event.claim.expected})\n`,
          );
          drawn = false;
        }
        return;
      }
      if (event.kind === "finish") {
        const mark = event.matched ? "✓" : "✗";
        const expected = event.matched ? "" : ` (expected ${event.claim.expected})`;
        sink.write(
          `${counter} ${mark} ${event.claim.id}: ${event.verdict.status}${expected} in ${timeCell(event.verdict.millis)}\n`,
        );
      }
    },
    done() {
      if (sink.isTTY && drawn) sink.write(clear);
      drawn = false;
    },
  };
}
