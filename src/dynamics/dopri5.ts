/**
 * Adaptive Dormand–Prince 5(4) with FSAL and the 4th-order continuous extension (dense output), after
 * Hairer's DOPRI5 (Hairer, Nørsett & Wanner, *Solving Ordinary Differential Equations I*, 2nd ed., §II.4–
 * II.6; Dormand & Prince 1980; dense output of Dormand & Prince 1986 / Shampine 1986 as in DOPRI5's
 * `CONTD5`).
 *
 * @packageDocumentation
 */
import { DomainError, errorMessage } from "../core/errors.js";
import {
  countOption,
  divergedAfterStep,
  expandTolerance,
  isAllFinite,
  OutputRecorder,
  positiveOption,
  resolveOutputTimes,
  startIntegration,
  validateInitialState,
  validateSpan,
} from "./_internals/integration-setup.js";
import type { IntegrationResult, IntegrationStats, OdeRhs } from "./integration-result.js";

/** Options of {@link dopri5}. */
export interface Dopri5Options {
  /**
   * Start time.
   * @defaultValue 0
   */
  t0?: number;
  /** End time (≥ t0). */
  tEnd: number;
  /**
   * Output times, non-decreasing, inside `[t0, tEnd]`. The solver does not step to them: each is filled
   * from the dense output of the step that covers it (exact copies at `t0` and at step ends), so the step
   * sequence, and hence the accuracy, does not depend on how many outputs are requested.
   * @defaultValue `[t0, tEnd]`
   */
  times?: ArrayLike<number>;
  /**
   * Relative tolerance, one number or one per component (> 0).
   * @defaultValue 1e-8
   */
  rtol?: number | ArrayLike<number>;
  /**
   * Absolute tolerance, one number or one per component (> 0).
   * @defaultValue 1e-10
   */
  atol?: number | ArrayLike<number>;
  /**
   * Initial step size.
   * @defaultValue chosen by the Hairer–Nørsett–Wanner heuristic (§II.4), costing one extra evaluation
   */
  h0?: number;
  /**
   * Largest step size.
   * @defaultValue `tEnd − t0`
   */
  hMax?: number;
  /**
   * Budget of attempted steps (accepted + rejected); status `max-steps` when exhausted.
   * @defaultValue 100000
   */
  maxSteps?: number;
  /**
   * Smallest step the error control may ask for; below it the run stops with `step-underflow`. The
   * floating-point floor `16·ε·|t|` always applies as well.
   * @defaultValue 0 (only the floating-point floor)
   */
  minStep?: number;
  /**
   * The run stops with status `diverged` as soon as ‖y‖∞ exceeds this.
   * @defaultValue 1e100
   */
  divergenceThreshold?: number;
  /**
   * Safety factor of the step-size controller.
   * @defaultValue 0.9
   */
  safety?: number;
  /**
   * Smallest factor by which one step may shrink the step size (Hairer's FAC1).
   * @defaultValue 0.2
   */
  minFactor?: number;
  /**
   * Largest factor by which one step may grow the step size (Hairer's FAC2).
   * @defaultValue 10
   */
  maxFactor?: number;
  /**
   * PI-control parameter β (Hairer's BETA; Gustafsson's controller). 0 gives the classical controller
   * h ← h·safety·err^(−1/5); 0.04 is Hairer's recommendation for PI control.
   * @defaultValue 0
   */
  piBeta?: number;
  /**
   * Diagnostics only: take steps of exactly this size (the last one shortened to land on `tEnd`) with no
   * error control. Used to measure the order of the method; `rtol`/`atol` are then ignored.
   * @defaultValue undefined (adaptive)
   */
  fixedStep?: number;
  /**
   * Called after every accepted step with the new time and state (the solver's own buffer: read it, do not
   * keep or modify it). Not called at `t0`.
   * @defaultValue undefined
   */
  onStep?: (t: number, y: Float64Array) => void;
}

// Dormand–Prince 5(4) tableau (HNW I, Table II.5.2).
const C2 = 1 / 5;
const C3 = 3 / 10;
const C4 = 4 / 5;
const C5 = 8 / 9;
const A21 = 1 / 5;
const A31 = 3 / 40;
const A32 = 9 / 40;
const A41 = 44 / 45;
const A42 = -56 / 15;
const A43 = 32 / 9;
const A51 = 19372 / 6561;
const A52 = -25360 / 2187;
const A53 = 64448 / 6561;
const A54 = -212 / 729;
const A61 = 9017 / 3168;
const A62 = -355 / 33;
const A63 = 46732 / 5247;
const A64 = 49 / 176;
const A65 = -5103 / 18656;
const A71 = 35 / 384;
const A73 = 500 / 1113;
const A74 = 125 / 192;
const A75 = -2187 / 6784;
const A76 = 11 / 84;
// Error coefficients: 5th-order weights minus 4th-order embedded weights.
const E1 = 71 / 57600;
const E3 = -71 / 16695;
const E4 = 71 / 1920;
const E5 = -17253 / 339200;
const E6 = 22 / 525;
const E7 = -1 / 40;
// Dense output (DOPRI5 CONTD5).
const D1 = -12715105075 / 11282082432;
const D3 = 87487479700 / 32700410799;
const D4 = -10690763975 / 1880347072;
const D5 = 701980252875 / 199316789632;
const D6 = -1453857185 / 822651844;
const D7 = 69997945 / 29380423;

// Vector kernels of one step, kept small and at module level so that V8 optimises them early and shares
// the optimised code across every call of dopri5. All buffers have the same length n.

/** ys ← y + h·a21·k1. */
function stage2(ys: Float64Array, y: Float64Array, h: number, k1: Float64Array): void {
  const c1 = h * A21;
  for (let i = 0; i < ys.length; i++) ys[i] = (y[i] as number) + c1 * (k1[i] as number);
}

/** ys ← y + h·(a31·k1 + a32·k2). */
function stage3(ys: Float64Array, y: Float64Array, h: number, k1: Float64Array, k2: Float64Array): void {
  for (let i = 0; i < ys.length; i++)
    ys[i] = (y[i] as number) + h * (A31 * (k1[i] as number) + A32 * (k2[i] as number));
}

/** ys ← y + h·(a41·k1 + a42·k2 + a43·k3). */
function stage4(
  ys: Float64Array,
  y: Float64Array,
  h: number,
  k1: Float64Array,
  k2: Float64Array,
  k3: Float64Array,
): void {
  for (let i = 0; i < ys.length; i++)
    ys[i] = (y[i] as number) + h * (A41 * (k1[i] as number) + A42 * (k2[i] as number) + A43 * (k3[i] as number));
}

/** ys ← y + h·(a51·k1 + … + a54·k4). */
function stage5(
  ys: Float64Array,
  y: Float64Array,
  h: number,
  k1: Float64Array,
  k2: Float64Array,
  k3: Float64Array,
  k4: Float64Array,
): void {
  for (let i = 0; i < ys.length; i++)
    ys[i] =
      (y[i] as number) +
      h * (A51 * (k1[i] as number) + A52 * (k2[i] as number) + A53 * (k3[i] as number) + A54 * (k4[i] as number));
}

/** ys ← y + h·(a61·k1 + … + a65·k5). */
function stage6(
  ys: Float64Array,
  y: Float64Array,
  h: number,
  k1: Float64Array,
  k2: Float64Array,
  k3: Float64Array,
  k4: Float64Array,
  k5: Float64Array,
): void {
  for (let i = 0; i < ys.length; i++)
    ys[i] =
      (y[i] as number) +
      h *
        (A61 * (k1[i] as number) +
          A62 * (k2[i] as number) +
          A63 * (k3[i] as number) +
          A64 * (k4[i] as number) +
          A65 * (k5[i] as number));
}

/** yNew ← y + h·(a71·k1 + a73·k3 + … + a76·k6) (the 5th-order solution; a72 = 0). */
function stage7(
  yNew: Float64Array,
  y: Float64Array,
  h: number,
  k1: Float64Array,
  k3: Float64Array,
  k4: Float64Array,
  k5: Float64Array,
  k6: Float64Array,
): void {
  for (let i = 0; i < yNew.length; i++)
    yNew[i] =
      (y[i] as number) +
      h *
        (A71 * (k1[i] as number) +
          A73 * (k3[i] as number) +
          A74 * (k4[i] as number) +
          A75 * (k5[i] as number) +
          A76 * (k6[i] as number));
}

/** Σ_i (e_i / sk_i)² with e the embedded error estimate and sk_i = atol_i + rtol_i·max(|y_i|, |yNew_i|). */
function errorSumOfSquares(
  h: number,
  y: Float64Array,
  yNew: Float64Array,
  k1: Float64Array,
  k3: Float64Array,
  k4: Float64Array,
  k5: Float64Array,
  k6: Float64Array,
  k7: Float64Array,
  atol: Float64Array,
  rtol: Float64Array,
): number {
  let sum = 0;
  for (let i = 0; i < y.length; i++) {
    const e =
      h *
      (E1 * (k1[i] as number) +
        E3 * (k3[i] as number) +
        E4 * (k4[i] as number) +
        E5 * (k5[i] as number) +
        E6 * (k6[i] as number) +
        E7 * (k7[i] as number));
    const sk =
      (atol[i] as number) + (rtol[i] as number) * Math.max(Math.abs(y[i] as number), Math.abs(yNew[i] as number));
    const q = e / sk;
    sum += q * q;
  }
  return sum;
}

/** Coefficients r2…r5 of the continuous extension (CONTD5) of the step from y to yNew. */
function denseCoefficients(
  r2: Float64Array,
  r3: Float64Array,
  r4: Float64Array,
  r5: Float64Array,
  y: Float64Array,
  yNew: Float64Array,
  h: number,
  k1: Float64Array,
  k3: Float64Array,
  k4: Float64Array,
  k5: Float64Array,
  k6: Float64Array,
  k7: Float64Array,
): void {
  for (let i = 0; i < y.length; i++) {
    const d = (yNew[i] as number) - (y[i] as number);
    const bspl = h * (k1[i] as number) - d;
    r2[i] = d;
    r3[i] = bspl;
    r4[i] = d - h * (k7[i] as number) - bspl;
    r5[i] =
      h *
      (D1 * (k1[i] as number) +
        D3 * (k3[i] as number) +
        D4 * (k4[i] as number) +
        D5 * (k5[i] as number) +
        D6 * (k6[i] as number) +
        D7 * (k7[i] as number));
  }
}

/** dst ← the continuous extension at θ = s ∈ (0, 1] of the step starting at y. */
function denseEvaluate(
  dst: Float64Array,
  y: Float64Array,
  s: number,
  r2: Float64Array,
  r3: Float64Array,
  r4: Float64Array,
  r5: Float64Array,
): void {
  const s1 = 1 - s;
  for (let i = 0; i < y.length; i++) {
    dst[i] =
      (y[i] as number) +
      s * ((r2[i] as number) + s1 * ((r3[i] as number) + s * ((r4[i] as number) + s1 * (r5[i] as number))));
  }
}

const EPS = 2 ** -52;

/**
 * Integrates `y' = f(t, y)` from `t0` to `tEnd` with the Dormand–Prince 5(4) pair: 5th-order solution,
 * embedded 4th-order error estimate, first-same-as-last (6 evaluations per step), and the standard
 * 4th-order continuous extension for output times between steps.
 *
 * @remarks
 * Error norm (HNW I §II.4): `err = √(mean_i (ê_i / (atol_i + rtol_i·max(|y_i|, |ŷ_i|)))²)` and a step is
 * accepted when `err ≤ 1`. New step `h·min(maxFactor, max(minFactor, err^(−1/5+0.75β)·errPrev^β/safety⁻¹))`,
 * never growing right after a rejection. A stage that is NaN/±∞ counts as a rejection and shrinks the step
 * by `minFactor`; if that persists down to the step floor, the status is `non-finite`. All stage and
 * dense-output buffers are allocated once at the start: a step allocates nothing.
 *
 * Numerical trouble never throws; read `status`. Invalid options throw {@link DomainError} or
 * {@link ShapeError} naming the parameter and the fix.
 *
 * @example
 * ```ts
 * const r = dopri5((t, y, dy) => { dy[0] = -y[0]; }, Float64Array.of(1), { tEnd: 1, times: [0.5, 1] });
 * r.states[1][0]; // ≈ e^{-1}
 * ```
 */
export function dopri5(rhs: OdeRhs, y0: Float64Array, options: Dopri5Options): IntegrationResult {
  if (typeof rhs !== "function") {
    throw new DomainError(
      errorMessage("rhs", rhs, "must be a function (t, y, dydt) => void", "Pass the ODE right-hand side."),
    );
  }
  validateInitialState("y0", y0);
  if (options === null || typeof options !== "object") {
    throw new DomainError(errorMessage("options", options, "must be an object with tEnd", "Pass e.g. { tEnd: 10 }."));
  }
  const t0 = options.t0 ?? 0;
  const tEnd = options.tEnd;
  validateSpan(t0, tEnd);
  const n = y0.length;
  const rtol = expandTolerance("rtol", options.rtol, 1e-8, n);
  const atol = expandTolerance("atol", options.atol, 1e-10, n);
  const span = tEnd - t0;
  const hMax = positiveOption("hMax", options.hMax, span > 0 ? span : 1, "Pass a positive largest step or omit it.");
  const maxSteps = countOption("maxSteps", options.maxSteps, 100_000, true);
  const minStep =
    options.minStep === undefined
      ? 0
      : positiveOption("minStep", options.minStep, 0, "Pass a positive smallest step, or omit it for no floor.");
  const divergenceThreshold = positiveOption(
    "divergenceThreshold",
    options.divergenceThreshold,
    1e100,
    "Pass a positive bound on ‖y‖∞ (Infinity to disable).",
  );
  const safety = positiveOption("safety", options.safety, 0.9, "Use a value in (0, 1], typically 0.9.");
  if (safety > 1) throw new DomainError(errorMessage("safety", safety, "must be ≤ 1", "Use e.g. 0.9."));
  const minFactor = positiveOption("minFactor", options.minFactor, 0.2, "Use a value in (0, 1), e.g. 0.2.");
  const maxFactor = positiveOption("maxFactor", options.maxFactor, 10, "Use a value > 1, e.g. 10.");
  if (!(minFactor < 1)) throw new DomainError(errorMessage("minFactor", minFactor, "must be < 1", "Use e.g. 0.2."));
  if (!(maxFactor > 1)) throw new DomainError(errorMessage("maxFactor", maxFactor, "must be > 1", "Use e.g. 10."));
  const piBeta = options.piBeta ?? 0;
  if (typeof piBeta !== "number" || !(piBeta >= 0 && piBeta <= 0.2)) {
    throw new DomainError(
      errorMessage(
        "piBeta",
        piBeta,
        "must lie in [0, 0.2]",
        "Use 0 (classical control) or 0.04 (Hairer's PI control).",
      ),
    );
  }
  const fixedStep =
    options.fixedStep === undefined
      ? undefined
      : positiveOption("fixedStep", options.fixedStep, 0, "Pass a positive step size, or omit it for adaptive steps.");
  const h0 =
    options.h0 === undefined ? undefined : positiveOption("h0", options.h0, 0, "Pass a positive step or omit it.");
  const onStep = options.onStep;
  const out = new OutputRecorder(resolveOutputTimes(options.times, t0, tEnd), n);

  // Work buffers, allocated once.
  let y = y0.slice();
  let yNew = new Float64Array(n);
  let k1 = new Float64Array(n);
  let k7 = new Float64Array(n);
  const k2 = new Float64Array(n);
  const k3 = new Float64Array(n);
  const k4 = new Float64Array(n);
  const k5 = new Float64Array(n);
  const k6 = new Float64Array(n);
  const ys = new Float64Array(n);
  const needDense = out.times.length > 0;
  const r2 = needDense ? new Float64Array(n) : ys;
  const r3 = needDense ? new Float64Array(n) : ys;
  const r4 = needDense ? new Float64Array(n) : ys;
  const r5 = needDense ? new Float64Array(n) : ys;

  const stats: IntegrationStats = { evaluations: 0, accepted: 0, rejected: 0 };
  let t = t0;
  // No closure captures t or y: a captured, reassigned double would be re-boxed (allocated) every step.

  const early = startIntegration(out, rhs, t0, y, k1, span, divergenceThreshold, stats);
  if (early !== undefined) return early;

  let h: number;
  if (fixedStep !== undefined) h = fixedStep;
  else if (h0 !== undefined) h = Math.min(h0, hMax);
  else {
    h = initialStep(rhs, t, y, k1, rtol, atol, hMax, ys, k2);
    stats.evaluations++;
  }

  const expo1 = 0.2 - 0.75 * piBeta;
  const facc1 = 1 / minFactor;
  const facc2 = 1 / maxFactor;
  let facOld = 1e-4;
  let lastRejected = false;
  let lastNonFinite = false;
  let attempts = 0;

  while (t < tEnd) {
    if (attempts >= maxSteps) {
      return out.finish(
        "max-steps",
        `Step budget maxSteps = ${maxSteps} exhausted at t = ${t} (tEnd = ${tEnd}); raise maxSteps or loosen rtol/atol.`,
        t,
        y,
        stats,
      );
    }
    const floor = Math.max(minStep, 16 * EPS * Math.abs(t));
    if (fixedStep === undefined && (h < floor || t + h === t)) {
      if (lastNonFinite) {
        return out.finish(
          "non-finite",
          `The right-hand side keeps returning non-finite values near t = ${t}, even for steps of ${h}.`,
          t,
          y,
          stats,
        );
      }
      return out.finish(
        "step-underflow",
        `Step size ${h} fell below the floor ${floor} at t = ${t}: the solution is likely singular (finite-time blow-up) or the tolerances are unreachable.`,
        t,
        y,
        stats,
      );
    }
    let last = false;
    if (fixedStep !== undefined) {
      // Grid t0 + k·h computed directly (no accumulated round-off, no sliver of a last step).
      let target = t0 + (stats.accepted + 1) * fixedStep;
      if (target >= tEnd - 1e-9 * fixedStep) {
        target = tEnd;
        last = true;
      }
      h = target - t;
    } else {
      if (h > hMax) h = hMax;
      // Stretch by 1% to avoid a sliver of a final step (as DOPRI5).
      if (t + 1.01 * h >= tEnd) {
        h = tEnd - t;
        last = true;
      }
    }
    attempts++;

    // Stages (the vector work lives in small module-level kernels below, which V8 optimises within a few
    // steps; inlined here they waited for this whole function's much slower optimising compile).
    stage2(ys, y, h, k1);
    rhs(t + C2 * h, ys, k2);
    stage3(ys, y, h, k1, k2);
    rhs(t + C3 * h, ys, k3);
    stage4(ys, y, h, k1, k2, k3);
    rhs(t + C4 * h, ys, k4);
    stage5(ys, y, h, k1, k2, k3, k4);
    rhs(t + C5 * h, ys, k5);
    stage6(ys, y, h, k1, k2, k3, k4, k5);
    const tNew = last ? tEnd : t + h;
    rhs(t + h, ys, k6);
    stage7(yNew, y, h, k1, k3, k4, k5, k6);
    rhs(tNew, yNew, k7);
    stats.evaluations += 6;

    let finite = isAllFinite(yNew) && isAllFinite(k7);
    if (finite) finite = isAllFinite(k2) && isAllFinite(k3) && isAllFinite(k4) && isAllFinite(k5) && isAllFinite(k6);
    if (!finite) {
      stats.rejected++;
      if (fixedStep !== undefined) {
        return out.finish("non-finite", `A stage of the step from t = ${t} with h = ${h} was non-finite.`, t, y, stats);
      }
      lastNonFinite = true;
      lastRejected = true;
      h *= minFactor;
      continue;
    }

    let err = 0;
    if (fixedStep === undefined) {
      err = errorSumOfSquares(h, y, yNew, k1, k3, k4, k5, k6, k7, atol, rtol);
      err = Math.sqrt(err / n);
    }

    if (fixedStep !== undefined || err <= 1) {
      stats.accepted++;
      lastNonFinite = false;
      if (out.pendingUpTo(tNew)) {
        // Dense output coefficients (CONTD5) for every output time in (t, tNew].
        denseCoefficients(r2, r3, r4, r5, y, yNew, h, k1, k3, k4, k5, k6, k7);
        while (out.pendingUpTo(tNew)) {
          const tOut = out.nextTime;
          if (tOut === tNew) {
            out.recordNext(yNew);
            continue;
          }
          denseEvaluate(out.takeNext(), y, (tOut - t) / h, r2, r3, r4, r5);
        }
      }
      // Advance: swap buffers (FSAL: k7 is f at the new state).
      const ty = y;
      y = yNew;
      yNew = ty;
      const tk = k1;
      k1 = k7;
      k7 = tk;
      t = tNew;
      const diverged = divergedAfterStep(out, t, y, divergenceThreshold, stats);
      if (diverged !== undefined) return diverged;
      onStep?.(t, y);
      if (fixedStep === undefined) {
        const fac11 = err ** expo1;
        let fac = fac11 / facOld ** piBeta;
        fac = Math.max(facc2, Math.min(facc1, fac / safety));
        let hNew = h / fac;
        if (lastRejected) hNew = Math.min(hNew, h);
        facOld = Math.max(err, 1e-4);
        lastRejected = false;
        h = hNew;
      }
    } else {
      stats.rejected++;
      lastRejected = true;
      const fac11 = err ** expo1;
      h /= Math.min(facc1, fac11 / safety);
    }
  }
  return out.finish("ok", undefined, t, y, stats);
}

/**
 * Initial step size of HNW I §II.4 (DOPRI5's HINIT), with RMS norms: h₀ = 0.01·‖y₀‖/‖f₀‖, one explicit Euler
 * step to estimate ‖y''‖, then h = (0.01 / max(‖f₀‖, ‖y''‖))^{1/5}, capped at 100·h₀ and `hMax`.
 * Uses one evaluation; `ys`/`f1` are scratch buffers.
 */
function initialStep(
  rhs: OdeRhs,
  t: number,
  y: Float64Array,
  f0: Float64Array,
  rtol: Float64Array,
  atol: Float64Array,
  hMax: number,
  ys: Float64Array,
  f1: Float64Array,
): number {
  const n = y.length;
  let dnf = 0;
  let dny = 0;
  for (let i = 0; i < n; i++) {
    const sk = (atol[i] as number) + (rtol[i] as number) * Math.abs(y[i] as number);
    dnf += ((f0[i] as number) / sk) ** 2;
    dny += ((y[i] as number) / sk) ** 2;
  }
  dnf /= n;
  dny /= n;
  let h = dnf <= 1e-10 || dny <= 1e-10 ? 1e-6 : 0.01 * Math.sqrt(dny / dnf);
  h = Math.min(h, hMax);
  for (let i = 0; i < n; i++) ys[i] = (y[i] as number) + h * (f0[i] as number);
  rhs(t + h, ys, f1);
  let der2 = 0;
  for (let i = 0; i < n; i++) {
    const sk = (atol[i] as number) + (rtol[i] as number) * Math.abs(y[i] as number);
    der2 += (((f1[i] as number) - (f0[i] as number)) / sk) ** 2;
  }
  der2 = Math.sqrt(der2 / n) / h;
  const der12 = Math.max(Math.abs(der2), Math.sqrt(dnf));
  // A non-finite trial derivative makes der12 NaN: fall back to the cautious h.
  const h1 = !(der12 > 1e-15) ? Math.max(1e-6, h * 1e-3) : (0.01 / der12) ** (1 / 5);
  const hh = Math.min(100 * h, Number.isFinite(h1) ? h1 : h, hMax);
  return hh > 0 ? hh : h;
}
