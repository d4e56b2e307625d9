/**
 * The contract between the benchmark orchestrator (`bench/run.ts`) and its sections. A section measures
 * lindyn and, where one exists, a peer implementation (NumPy/SciPy under `bench/peers/`) on the SAME
 * problem in the same run, and returns rows that the orchestrator prints and writes to JSON.
 *
 * To add a section: write `bench/<name>.ts` exporting a {@link BenchSection}, and add it to the list in
 * `bench/sections.ts`.
 *
 * @packageDocumentation
 */

/** Settings shared by every section (from the command line). */
export interface BenchContext {
  /** Smaller problem set and fewer repeats (for a smoke run). */
  readonly quick: boolean;
  /** Skip peers entirely (no Python needed). */
  readonly noPeer: boolean;
  /** Python interpreter for peers. */
  readonly python: string;
  /** BLAS/OpenMP threads the peer may use (lindyn is single-threaded). */
  readonly peerThreads: number;
  /**
   * Which clock the headline numbers use: process CPU time (fair for single-threaded sides on a busy
   * machine) or wall time (needed when the peer runs several BLAS threads). Both are kept in the JSON.
   */
  readonly clock: "cpu" | "wall";
  /** Repository root (peers live in `<root>/bench/peers`). */
  readonly root: string;
  /** Directory for scratch files exchanged with peers (inside `bench/results/`, gitignored). */
  readonly scratchDir: string;
  /** Progress output (stderr), so stdout keeps only the tables. */
  log(message: string): void;
}

/** One measured quantity of one side. */
export interface Measurement {
  /** Headline value in the row's unit (e.g. GFLOP/s or milliseconds). */
  readonly value: number;
  /** Raw numbers kept in the JSON (median/min seconds, repeats, evaluations, …). */
  readonly details?: Record<string, number | string | boolean>;
}

/** An agreement check between the two sides: they must have solved the same problem. */
export interface AgreementCheck {
  /** What is compared (e.g. "final loss"). */
  readonly quantity: string;
  readonly lindyn: number;
  readonly peer: number;
  /** |lindyn − peer| / max(|peer|, floor). */
  readonly relativeDifference: number;
  /** Accepted relative difference and why it is what it is. */
  readonly tolerance: number;
  readonly why: string;
  readonly ok: boolean;
}

/** One problem measured on both sides. */
export interface BenchRow {
  /** Problem label, e.g. `n = 256`. */
  readonly case: string;
  /** Unit of the two headline values. */
  readonly unit: string;
  /** True when larger is better (GFLOP/s), false when smaller is better (time). */
  readonly higherIsBetter: boolean;
  readonly lindyn: Measurement;
  /** Missing when the peer was skipped; then `peerSkipped` says why. */
  readonly peer?: Measurement;
  readonly peerSkipped?: string;
  /** Speed ratio lindyn/peer (> 1 means lindyn is faster), whatever the unit. */
  readonly ratio?: number;
  readonly checks?: readonly AgreementCheck[];
  /** Further columns to print (already formatted). */
  readonly extra?: Record<string, string>;
}

/** What a section returns. */
export interface SectionResult {
  readonly rows: readonly BenchRow[];
  /** Printed under the table (method, caveats). */
  readonly notes?: readonly string[];
  /** Set when the whole section could not run; printed instead of a table. */
  readonly skipped?: string;
}

/** A benchmark section. */
export interface BenchSection {
  /** Short id used on the command line (`--only matmul,flow`). */
  readonly id: string;
  /** Table title. */
  readonly title: string;
  run(ctx: BenchContext): Promise<SectionResult>;
}
