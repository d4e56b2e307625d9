/**
 * Writing a report folder (`--report <dir>`): results.json and summary.md, each written to a temporary
 * file in the same folder and renamed into place, so a reader never sees a half-written report and an
 * interrupted run leaves the previous report intact.
 *
 * @packageDocumentation
 */
import { randomUUID } from "node:crypto";
import { mkdir, rename, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { RunSummary } from "../claims/runner.js";
import { type ReportOptions, stringifyJsonReport, toJsonReport } from "./json.js";
import { formatMarkdown } from "./markdown.js";

/** The files {@link writeReport} wrote (absolute or as given). */
export interface WrittenReport {
  readonly json: string;
  readonly markdown: string;
}

/** Writes `results.json` and `summary.md` into `dir` (created if missing), atomically per file. */
export async function writeReport(
  dir: string,
  summary: RunSummary,
  options: ReportOptions = {},
): Promise<WrittenReport> {
  await mkdir(dir, { recursive: true });
  const json = join(dir, "results.json");
  const markdown = join(dir, "summary.md");
  await writeFileAtomic(json, stringifyJsonReport(toJsonReport(summary, options)));
  await writeFileAtomic(markdown, formatMarkdown(summary, options));
  return { json, markdown };
}

/**
 * Writes `text` to `file` through a temporary sibling and a rename (atomic on POSIX file systems when
 * both are in the same folder). The temporary file is removed if anything fails.
 */
export async function writeFileAtomic(file: string, text: string): Promise<void> {
  const temp = `${file}.${process.pid}.${randomUUID().slice(0, 8)}.tmp`;
  try {
    await writeFile(temp, text, { encoding: "utf8", flag: "wx" });
    await rename(temp, file);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}
