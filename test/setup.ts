/**
 * Global test set-up: every fast-check property runs with a pinned seed so CI is reproducible. Override
 * with `LINDYN_SEED=<n> npm test` to explore; fast-check prints the seed and the shrunk counterexample of
 * any failure, so a failure is replayable.
 */
import fc from "fast-check";

const seed = Number(process.env.LINDYN_SEED ?? 20221123);
fc.configureGlobal({ seed, numRuns: Number(process.env.LINDYN_RUNS ?? 50) });
