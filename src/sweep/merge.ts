/**
 * Merging the results files of the shards of one sweep into one file, in grid order.
 *
 * @packageDocumentation
 */
import { renameSync, writeFileSync } from "node:fs";
import { DomainError, errorMessage } from "../core/errors.js";
import { assertCompatible, latestByKey, readSweepFile } from "./results-file.js";
import type { SweepMeta, SweepRecord } from "./sweep-point.js";

/** Options of {@link mergeSweepFiles}. */
export interface MergeOptions {
  /** Fail unless every grid point is present. @defaultValue false */
  readonly requireComplete?: boolean;
}

/** What a merge did. */
export interface MergeSummary {
  readonly sweep: string;
  readonly file: string;
  /** Points in the full grid. */
  readonly total: number;
  /** Distinct points written. */
  readonly points: number;
  /** Grid points absent from every input. */
  readonly missing: number;
  /** Keys found in several inputs with different results (the first input's record is kept). */
  readonly conflicts: readonly string[];
  /** Lines dropped because they were truncated. */
  readonly truncatedInputs: number;
}

function sameOutcome(a: SweepRecord, b: SweepRecord): boolean {
  return JSON.stringify(a.result ?? null) === JSON.stringify(b.result ?? null) && (a.error ?? "") === (b.error ?? "");
}

/**
 * Merges shard files of the same sweep (same name and fingerprint) into `output`: one meta line
 * (`shard: "merged"`), then one record per point in grid order. A point computed successfully in one shard
 * wins over an error record of the same point elsewhere. Written to a temporary file and renamed into place.
 * @throws DomainError when an input is missing or belongs to another sweep, or when `requireComplete` fails
 */
export function mergeSweepFiles(inputs: readonly string[], output: string, options: MergeOptions = {}): MergeSummary {
  if (inputs.length === 0) {
    throw new DomainError(
      errorMessage("inputs", inputs, "must name at least one results file", "Pass the shard files."),
    );
  }
  let meta: SweepMeta | undefined;
  const merged = new Map<string, SweepRecord>();
  const conflicts: string[] = [];
  let truncatedInputs = 0;
  for (const path of inputs) {
    const contents = readSweepFile(path);
    if (contents === undefined) {
      throw new DomainError(errorMessage("input", path, "must be an existing sweep results file", "Check the path."));
    }
    if (contents.droppedBytes > 0) truncatedInputs++;
    if (meta === undefined) meta = contents.meta;
    else assertCompatible(path, contents.meta, meta);
    for (const rec of latestByKey(contents.records).values()) {
      const prev = merged.get(rec.key);
      if (prev === undefined) merged.set(rec.key, rec);
      else if (prev.error !== undefined && rec.error === undefined) merged.set(rec.key, rec);
      else if (!sameOutcome(prev, rec) && rec.error === undefined) conflicts.push(rec.key);
    }
  }
  const m = meta as SweepMeta;
  const records = [...merged.values()].sort((a, b) => a.index - b.index);
  const missing = m.total - records.length;
  if (options.requireComplete && missing > 0) {
    throw new DomainError(
      errorMessage(
        "merged points",
        records.length,
        `must cover the whole grid of ${m.total}`,
        `Run the missing shards (${missing} points absent).`,
      ),
    );
  }
  const lines = [JSON.stringify({ meta: { ...m, shard: "merged" } }), ...records.map((r) => JSON.stringify(r))];
  const tmp = `${output}.tmp-${process.pid}`;
  writeFileSync(tmp, `${lines.join("\n")}\n`);
  renameSync(tmp, output);
  return { sweep: m.sweep, file: output, total: m.total, points: records.length, missing, conflicts, truncatedInputs };
}
