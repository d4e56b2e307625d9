/**
 * The JSON-lines results file of a sweep: a meta line, then one line per finished point, each written with
 * a single `write` system call as soon as the point finishes (so killing the process loses at most the
 * points in flight, never a written one). Reading tolerates a truncated last line (a kill or a full disk in
 * the middle of a write): it is dropped, cut off the file before appending, and that point is recomputed.
 *
 * @packageDocumentation
 */
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, truncateSync, writeSync } from "node:fs";
import { dirname } from "node:path";
import { DomainError, errorMessage } from "../core/errors.js";
import type { SweepMeta, SweepRecord } from "./sweep-point.js";

/** What {@link readSweepFile} found. */
export interface SweepFileContents {
  readonly meta: SweepMeta;
  /** Every complete point record in file order (a key may repeat after a retry; later wins). */
  readonly records: SweepRecord[];
  /** Bytes up to and including the last complete line. */
  readonly validBytes: number;
  /** Bytes of a truncated last line that were ignored (0 when the file ends with a newline). */
  readonly droppedBytes: number;
}

function parseLine(path: string, lineNo: number, text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new DomainError(
      errorMessage(
        `${path}:${lineNo}`,
        text.length > 60 ? `${text.slice(0, 60)}…` : text,
        "must be one JSON object per line",
        "The file is corrupt in the middle (only the last line may be truncated); restore it or start a new --out file.",
      ),
    );
  }
}

/**
 * Reads a results file. Returns undefined when the file does not exist or holds no complete line.
 * @throws DomainError for a corrupt line before the last one, or a first line that is not a meta line
 */
export function readSweepFile(path: string): SweepFileContents | undefined {
  if (!existsSync(path)) return undefined;
  const buf = readFileSync(path);
  const lastNewline = buf.lastIndexOf(0x0a);
  const validBytes = lastNewline + 1;
  const droppedBytes = buf.length - validBytes;
  if (validBytes === 0) return undefined;
  const lines = buf.subarray(0, validBytes).toString("utf8").split("\n");
  lines.pop(); // the empty string after the final newline
  let meta: SweepMeta | undefined;
  const records: SweepRecord[] = [];
  lines.forEach((line, k) => {
    if (line.trim() === "") return;
    const value = parseLine(path, k + 1, line) as Record<string, unknown>;
    if (k === 0) {
      if (value === null || typeof value !== "object" || typeof value.meta !== "object") {
        throw new DomainError(
          errorMessage(`${path}:1`, line.slice(0, 60), "must be the sweep's meta line", "Is this a lindyn sweep file?"),
        );
      }
      meta = value.meta as SweepMeta;
      return;
    }
    if (typeof value.key !== "string" || typeof value.index !== "number") {
      throw new DomainError(
        errorMessage(
          `${path}:${k + 1}`,
          line.slice(0, 60),
          "must be a point record with key and index",
          "Is this a lindyn sweep file?",
        ),
      );
    }
    records.push(value as unknown as SweepRecord);
  });
  if (meta === undefined) return undefined;
  return { meta, records, validBytes, droppedBytes };
}

/** Keeps the last record per key (a retried point supersedes its earlier error line). */
export function latestByKey(records: readonly SweepRecord[]): Map<string, SweepRecord> {
  const map = new Map<string, SweepRecord>();
  for (const r of records) map.set(r.key, r);
  return map;
}

/** Options of {@link SweepWriter.open}. */
export interface SweepWriterOptions {
  /**
   * Call `fsync` at most this often (milliseconds) and on close. Each line is written to the operating system
   * immediately regardless; fsync additionally protects against power loss.
   * @defaultValue 1000
   */
  readonly fsyncIntervalMs?: number;
}

/** Appends records to a results file, one `write` per line. */
export class SweepWriter {
  readonly path: string;
  private fd: number | undefined;
  private readonly fsyncIntervalMs: number;
  private lastSync = Date.now();

  private constructor(path: string, fd: number, fsyncIntervalMs: number) {
    this.path = path;
    this.fd = fd;
    this.fsyncIntervalMs = fsyncIntervalMs;
  }

  /**
   * Opens `path` for appending. A new file gets `meta` as its first line. An existing file must carry the
   * same sweep and fingerprint (else DomainError: it belongs to a different configuration); a truncated
   * last line is cut off first.
   */
  static open(
    path: string,
    meta: SweepMeta,
    existing: SweepFileContents | undefined,
    options: SweepWriterOptions = {},
  ): SweepWriter {
    const interval = options.fsyncIntervalMs ?? 1000;
    mkdirSync(dirname(path), { recursive: true });
    if (existing !== undefined) {
      assertCompatible(path, existing.meta, meta);
      if (existing.droppedBytes > 0) truncateSync(path, existing.validBytes);
      return new SweepWriter(path, openSync(path, "a"), interval);
    }
    const fd = openSync(path, "w");
    const writer = new SweepWriter(path, fd, interval);
    writer.writeLine(JSON.stringify({ meta }));
    return writer;
  }

  /** Writes one record as one line (one system call for the whole line). */
  append(record: SweepRecord): void {
    this.writeLine(JSON.stringify(record));
    const now = Date.now();
    if (now - this.lastSync >= this.fsyncIntervalMs && this.fd !== undefined) {
      fsyncSync(this.fd);
      this.lastSync = now;
    }
  }

  private writeLine(text: string): void {
    if (this.fd === undefined) throw new DomainError(`${this.path}: the results file is already closed.`);
    const buf = Buffer.from(`${text}\n`, "utf8");
    let off = 0;
    while (off < buf.length) off += writeSync(this.fd, buf, off, buf.length - off);
  }

  /** fsyncs and closes (idempotent). */
  close(): void {
    if (this.fd === undefined) return;
    try {
      fsyncSync(this.fd);
    } finally {
      closeSync(this.fd);
      this.fd = undefined;
    }
  }
}

/** Throws unless an existing file's meta matches the sweep being run. */
export function assertCompatible(path: string, found: SweepMeta, expected: SweepMeta): void {
  if (found.sweep !== expected.sweep || found.fingerprint !== expected.fingerprint) {
    throw new DomainError(
      errorMessage(
        path,
        `${found.sweep} (${String(found.fingerprint).slice(0, 12)})`,
        `was written by a different sweep configuration than ${expected.sweep} (${expected.fingerprint.slice(0, 12)})`,
        "Use a new --out file, or --fresh to overwrite it.",
      ),
    );
  }
}
