/**
 * Matrix products into preallocated outputs: `out = A·B`, `out = Aᵀ·B`, `out = A·Bᵀ`.
 *
 * All three share kernels that read the operands through strides, so a transpose costs (almost) nothing:
 *
 * - **WebAssembly SIMD path** (when available; products with ≥ 4 rows, ≥ 4 columns and ≥ 512
 *   multiply-adds): the operands are copied into the kernel's memory (B re-laid as contiguous column
 *   bands), the 4×4 tiles are computed by an f64x2 kernel (`_internals/wasm-gemm.ts`) with the same
 *   per-entry operation order as the textbook loop, in blocks of 64 rows × 256 inner × 256 columns, and the
 *   remaining edge rows/columns by the JS register-tiled code. 2–4× faster than the JS kernels.
 * - **Register-tiled path** (small and medium shapes): 4×4 tiles of the output are accumulated in 16 local
 *   variables over the whole inner dimension, then stored once (no zero fill, no read-modify-write of the
 *   output). Each entry is summed in the same order as the textbook loop `Σ_{p=0}^{k−1} a_ip·b_pj`, so the
 *   result is bit-identical to the naive triple loop.
 * - **Packed, cache-blocked path** (all dimensions ≥ 64 and the right operand larger than ~256 KiB):
 *   Goto–van de Geijn blocking. A `KC × NC` panel of B and an `MC × KC` block of A are copied into
 *   contiguous, zero-padded scratch buffers in micro-panel order, so the 4×4 inner kernel streams through
 *   memory with unit stride. Each entry is summed block by block (`KC` terms at a time); the rounding
 *   error obeys the same `k·u·Σ|a_ip||b_pj|` bound as the naive loop.
 *
 * Results: bit-identical to the naive loop whenever the inner dimension is ≤ 256 on the tiled and wasm
 * paths (one K block); otherwise (and on the packed path) summed block by block within the same error
 * bound. Scratch buffers (and the wasm memory) are module-level and grow on demand, so products in hot
 * loops do not allocate after the first call of a given shape. IEEE semantics are kept: no
 * zero-skipping, so `0·∞` and NaN propagate as in the naive loop.
 *
 * @packageDocumentation
 */
import { loadWasmGemm, type WasmGemm } from "./_internals/wasm-gemm.js";
import { ShapeError } from "./errors.js";
import { assertShape, Matrix } from "./matrix.js";

function innerMismatch(op: string, a: Matrix, b: Matrix): ShapeError {
  return new ShapeError(
    `${op}: inner dimensions of ${a.shape} and ${b.shape} do not match. Check the order of the operands and whether one should be transposed.`,
  );
}

/** True when two typed arrays share at least one element of memory (subarray views included). */
function overlaps(x: Float64Array, y: Float64Array): boolean {
  if (x.buffer !== y.buffer || x.length === 0 || y.length === 0) return false;
  const xs = x.byteOffset;
  const ys = y.byteOffset;
  return xs < ys + y.byteLength && ys < xs + x.byteLength;
}

/**
 * Products with at most this many multiply-adds only check that the output is not the very same array as
 * an input: reading `TypedArray.prototype.buffer` costs ~20 ns in V8, as much as a whole 4×4 product.
 * Larger products also detect partial overlap between views into one buffer.
 */
const OVERLAP_CHECK_MIN_WORK = 4096;

function assertDistinct(op: string, out: Matrix, a: Matrix, b: Matrix, work: number): void {
  const o = out.data;
  if (o === a.data || o === b.data || (work > OVERLAP_CHECK_MIN_WORK && (overlaps(o, a.data) || overlaps(o, b.data)))) {
    throw new ShapeError(
      `${op}: the output buffer overlaps an input (the same array or a view into it). Pass a separate preallocated output matrix.`,
    );
  }
}

// ---------------------------------------------------------------------------------------------------------
// Dispatch

/** Below this many entries in the right operand (doubles), the unpacked path is used: B stays in cache. */
const PACK_MIN_B_ENTRIES = 32_768;
/** The packed path needs every dimension at least this large to amortise the packing. */
const PACK_MIN_DIM = 64;

/**
 * `C (n×m, row-major, contiguous) ← Â·B̂` where Â(i,p) = A[i·ars + p·acs] and B̂(p,j) = B[p·brs + j·bcs].
 */
function product(
  C: Float64Array,
  A: Float64Array,
  B: Float64Array,
  n: number,
  k: number,
  m: number,
  ars: number,
  acs: number,
  brs: number,
  bcs: number,
): void {
  if (
    wasm !== undefined &&
    n >= 4 &&
    m >= 4 &&
    k >= 1 &&
    n * k * m >= WASM_MIN_WORK &&
    n * k + k * m + n * m <= WASM_MAX_DOUBLES &&
    wasmProduct(C, A, B, n, k, m, ars, acs, brs, bcs)
  ) {
    return;
  }
  if (n >= PACK_MIN_DIM && m >= PACK_MIN_DIM && k >= PACK_MIN_DIM && k * m > PACK_MIN_B_ENTRIES) {
    packedProduct(C, A, B, n, k, m, ars, acs, brs, bcs);
  } else {
    tiledProduct(C, A, B, n, k, m, ars, acs, brs, bcs, false);
  }
}

// ---------------------------------------------------------------------------------------------------------
// WebAssembly SIMD path

const wasm: WasmGemm | undefined = loadWasmGemm();
/** Products with fewer multiply-adds stay in JS: the copies in and out of wasm memory would dominate. */
const WASM_MIN_WORK = 512;
/** Products whose operands exceed this many doubles (1 GiB) stay in JS rather than grow wasm memory further. */
const WASM_MAX_DOUBLES = 2 ** 27;
/** Blocking of the wasm path (rows of A, inner dimension, columns of B per kernel call). */
const WMC = 64;
const WKC = 256;
const WNC = 256;
let wasmF64 = new Float64Array(0);

/**
 * A Float64Array view of at least `doubles` entries of wasm memory, growing it when needed (it never
 * shrinks: its high-water mark is the largest product computed so far), or `undefined` when the memory
 * cannot grow that far. The view is cached: the memory only grows here, and only growing replaces its
 * buffer (reading `.buffer` on every call would cost ~20 ns, as much as a small product).
 */
function wasmView(doubles: number): Float64Array | undefined {
  if (wasmF64.length < doubles) {
    const memory = (wasm as WasmGemm).memory;
    const needBytes = doubles * 8;
    if (memory.buffer.byteLength < needBytes) {
      try {
        memory.grow(Math.ceil((needBytes - memory.buffer.byteLength) / 65536));
      } catch {
        return undefined; // out of memory: the caller falls back to the JS kernels
      }
    }
    wasmF64 = new Float64Array(memory.buffer);
    viewCount = 0; // every cached view points into the old (now detached) buffer
    viewNext = 0;
  }
  return wasmF64;
}

/**
 * Views `wasmF64[start, start + length)` for copying results out with a memcpy. The last few are cached
 * (a gradient evaluation uses a handful of shapes over and over), so steady-state products allocate
 * nothing.
 */
const VIEW_CACHE_SIZE = 8;
const viewStart = new Int32Array(VIEW_CACHE_SIZE);
const viewLength = new Int32Array(VIEW_CACHE_SIZE);
const views: Float64Array[] = [];
let viewCount = 0;
let viewNext = 0;

function wasmSlice(start: number, length: number): Float64Array {
  for (let i = 0; i < viewCount; i++) {
    // (A view detached by a memory growth has length 0: the length test also guards against stale entries.)
    if (viewStart[i] === start && viewLength[i] === length && views[i].length === length) return views[i];
  }
  const view = wasmF64.subarray(start, start + length);
  const slot = viewNext;
  viewNext = (viewNext + 1) % VIEW_CACHE_SIZE;
  viewStart[slot] = start;
  viewLength[slot] = length;
  views[slot] = view;
  viewCount = Math.max(viewCount, slot + 1);
  return view;
}

/** The wasm path of {@link product}; returns false (having done nothing) when wasm memory is unavailable. */
function wasmProduct(
  C: Float64Array,
  A: Float64Array,
  B: Float64Array,
  n: number,
  k: number,
  m: number,
  ars: number,
  acs: number,
  brs: number,
  bcs: number,
): boolean {
  const gemm4 = (wasm as WasmGemm).gemm4;
  const n4 = n - (n % 4);
  const m4 = m - (m % 4);
  // Layout in wasm memory (doubles): A (n·k entries, see below); then columns 0..m4−1 of B in column
  // bands of width WNC, band-major, each band a contiguous k×nc row-major panel (unit stride, row stride
  // nc whatever m is: cache- and TLB-friendly for large products); then C (n×m).
  const offB = n * k;
  const offC = offB + k * m4;
  const F = wasmView(offC + n * m);
  if (F === undefined) return false;
  // A stays as stored (the kernel takes its strides) unless it is a large Aᵀ, whose p-stride n would
  // make every step of the inner loop jump a whole row: that one is transposed on the way in.
  let kars = ars;
  let kacs = acs;
  if (acs === 1 || n * k <= 16_384) {
    F.set(A, 0);
  } else {
    for (let i = 0; i < n; i++) for (let p = 0; p < k; p++) F[i * k + p] = A[i * ars + p * acs];
    kars = k;
    kacs = 1;
  }
  if (bcs === 1 && brs === m && m4 === m && m <= WNC) {
    F.set(B, offB); // one band covering all of B, already in that layout
  } else {
    for (let jc = 0; jc < m4; jc += WNC) {
      const nc = Math.min(WNC, m4 - jc);
      const band = offB + jc * k;
      if (bcs === 1) {
        for (let p = 0; p < k; p++) {
          const dst = band + p * nc;
          const src = p * brs + jc;
          for (let j = 0; j < nc; j++) F[dst + j] = B[src + j];
        }
      } else {
        // B given transposed (A·Bᵀ): gather four of its rows at a time (nc is a multiple of 4).
        for (let j = 0; j < nc; j += 4) {
          const s0 = (jc + j) * bcs;
          const s1 = s0 + bcs;
          const s2 = s1 + bcs;
          const s3 = s2 + bcs;
          let d = band + j;
          for (let p = 0, q = 0; p < k; p++, q += brs, d += nc) {
            F[d] = B[s0 + q];
            F[d + 1] = B[s1 + q];
            F[d + 2] = B[s2 + q];
            F[d + 3] = B[s3 + q];
          }
        }
      }
    }
  }
  for (let jc = 0; jc < m4; jc += WNC) {
    const nc = Math.min(WNC, m4 - jc);
    const band = offB + jc * k;
    for (let pc = 0; pc < k; pc += WKC) {
      const kc = Math.min(WKC, k - pc);
      for (let ic = 0; ic < n4; ic += WMC) {
        const mc = Math.min(WMC, n4 - ic);
        gemm4(
          8 * (ic * kars + pc * kacs),
          8 * (band + pc * nc),
          8 * (offC + ic * m + jc),
          mc,
          kc,
          nc,
          kars,
          kacs,
          nc,
          m,
          pc > 0 ? 1 : 0,
        );
      }
    }
  }
  C.set(wasmSlice(offC, n * m));
  if (n4 !== n || m4 !== m) tiledProduct(C, A, B, n, k, m, ars, acs, brs, bcs, true);
  return true;
}

// ---------------------------------------------------------------------------------------------------------
// Register-tiled path (no packing)

function tiledProduct(
  C: Float64Array,
  A: Float64Array,
  B: Float64Array,
  n: number,
  k: number,
  m: number,
  ars: number,
  acs: number,
  brs: number,
  bcs: number,
  edgesOnly: boolean,
): void {
  const n4 = n - (n % 4);
  const m4 = m - (m % 4);
  // With edgesOnly, the n4×m4 block of full tiles has been computed elsewhere (WebAssembly kernel).
  const mainEnd = edgesOnly ? 0 : m4;
  const a1 = ars;
  const a2 = 2 * ars;
  const a3 = 3 * ars;
  const b1 = bcs;
  const b2 = 2 * bcs;
  const b3 = 3 * bcs;
  for (let i = 0; i < n4; i += 4) {
    const ai = i * ars;
    for (let j = 0; j < mainEnd; j += 4) {
      let c00 = 0,
        c01 = 0,
        c02 = 0,
        c03 = 0;
      let c10 = 0,
        c11 = 0,
        c12 = 0,
        c13 = 0;
      let c20 = 0,
        c21 = 0,
        c22 = 0,
        c23 = 0;
      let c30 = 0,
        c31 = 0,
        c32 = 0,
        c33 = 0;
      let a = ai;
      let b = j * bcs;
      for (let p = 0; p < k; p++) {
        const x0 = A[a];
        const x1 = A[a + a1];
        const x2 = A[a + a2];
        const x3 = A[a + a3];
        const y0 = B[b];
        const y1 = B[b + b1];
        const y2 = B[b + b2];
        const y3 = B[b + b3];
        c00 += x0 * y0;
        c01 += x0 * y1;
        c02 += x0 * y2;
        c03 += x0 * y3;
        c10 += x1 * y0;
        c11 += x1 * y1;
        c12 += x1 * y2;
        c13 += x1 * y3;
        c20 += x2 * y0;
        c21 += x2 * y1;
        c22 += x2 * y2;
        c23 += x2 * y3;
        c30 += x3 * y0;
        c31 += x3 * y1;
        c32 += x3 * y2;
        c33 += x3 * y3;
        a += acs;
        b += brs;
      }
      let c = i * m + j;
      C[c] = c00;
      C[c + 1] = c01;
      C[c + 2] = c02;
      C[c + 3] = c03;
      c += m;
      C[c] = c10;
      C[c + 1] = c11;
      C[c + 2] = c12;
      C[c + 3] = c13;
      c += m;
      C[c] = c20;
      C[c + 1] = c21;
      C[c + 2] = c22;
      C[c + 3] = c23;
      c += m;
      C[c] = c30;
      C[c + 1] = c31;
      C[c + 2] = c32;
      C[c + 3] = c33;
    }
    // Right edge: 4×1 strips.
    for (let j = m4; j < m; j++) {
      let s0 = 0;
      let s1 = 0;
      let s2 = 0;
      let s3 = 0;
      let a = ai;
      let b = j * bcs;
      for (let p = 0; p < k; p++) {
        const y = B[b];
        s0 += A[a] * y;
        s1 += A[a + a1] * y;
        s2 += A[a + a2] * y;
        s3 += A[a + a3] * y;
        a += acs;
        b += brs;
      }
      const c = i * m + j;
      C[c] = s0;
      C[c + m] = s1;
      C[c + 2 * m] = s2;
      C[c + 3 * m] = s3;
    }
  }
  // Bottom edge: 1×4 strips, then single entries.
  for (let i = n4; i < n; i++) {
    const ai = i * ars;
    for (let j = 0; j < m4; j += 4) {
      let s0 = 0;
      let s1 = 0;
      let s2 = 0;
      let s3 = 0;
      let a = ai;
      let b = j * bcs;
      for (let p = 0; p < k; p++) {
        const x = A[a];
        s0 += x * B[b];
        s1 += x * B[b + b1];
        s2 += x * B[b + b2];
        s3 += x * B[b + b3];
        a += acs;
        b += brs;
      }
      const c = i * m + j;
      C[c] = s0;
      C[c + 1] = s1;
      C[c + 2] = s2;
      C[c + 3] = s3;
    }
    for (let j = m4; j < m; j++) {
      let s = 0;
      let a = ai;
      let b = j * bcs;
      for (let p = 0; p < k; p++) {
        s += A[a] * B[b];
        a += acs;
        b += brs;
      }
      C[i * m + j] = s;
    }
  }
}

// ---------------------------------------------------------------------------------------------------------
// Packed, cache-blocked path

/** Micro-tile (register block) size. */
const MR = 4;
const NR = 4;
/** Inner-dimension block: a KC×NR micro-panel of B (8 KiB) stays in L1. */
const KC = 256;
/** Row block of A: an MC×KC block (256 KiB) stays in L2. */
const MC = 128;
/** Column block of B: a KC×NC panel (2 MiB) stays in L3. */
const NC = 1024;

let packA = new Float64Array(0);
let packB = new Float64Array(0);
/** Holds a partial 4×4 tile at the matrix edges. */
const edgeTile = new Float64Array(MR * NR);

function packedProduct(
  C: Float64Array,
  A: Float64Array,
  B: Float64Array,
  n: number,
  k: number,
  m: number,
  ars: number,
  acs: number,
  brs: number,
  bcs: number,
): void {
  if (packA.length < MC * KC) packA = new Float64Array(MC * KC);
  if (packB.length < KC * NC) packB = new Float64Array(KC * NC);
  const PA = packA;
  const PB = packB;
  for (let jc = 0; jc < m; jc += NC) {
    const nc = Math.min(NC, m - jc);
    for (let pc = 0; pc < k; pc += KC) {
      const kc = Math.min(KC, k - pc);
      const first = pc === 0;
      // Pack B(pc:pc+kc, jc:jc+nc) as NR-wide micro-panels, p-major inside each, zero-padded.
      let o = 0;
      for (let jr = 0; jr < nc; jr += NR) {
        const nr = Math.min(NR, nc - jr);
        const col = (jc + jr) * bcs;
        for (let p = 0; p < kc; p++) {
          const src = (pc + p) * brs + col;
          if (nr === NR) {
            PB[o] = B[src];
            PB[o + 1] = B[src + bcs];
            PB[o + 2] = B[src + 2 * bcs];
            PB[o + 3] = B[src + 3 * bcs];
          } else {
            for (let q = 0; q < NR; q++) PB[o + q] = q < nr ? B[src + q * bcs] : 0;
          }
          o += NR;
        }
      }
      for (let ic = 0; ic < n; ic += MC) {
        const mc = Math.min(MC, n - ic);
        // Pack A(ic:ic+mc, pc:pc+kc) as MR-tall micro-panels, p-major inside each, zero-padded.
        let oa = 0;
        for (let ir = 0; ir < mc; ir += MR) {
          const mr = Math.min(MR, mc - ir);
          const row = (ic + ir) * ars;
          for (let p = 0; p < kc; p++) {
            const src = row + (pc + p) * acs;
            if (mr === MR) {
              PA[oa] = A[src];
              PA[oa + 1] = A[src + ars];
              PA[oa + 2] = A[src + 2 * ars];
              PA[oa + 3] = A[src + 3 * ars];
            } else {
              for (let q = 0; q < MR; q++) PA[oa + q] = q < mr ? A[src + q * ars] : 0;
            }
            oa += MR;
          }
        }
        for (let jr = 0; jr < nc; jr += NR) {
          const nr = Math.min(NR, nc - jr);
          const bo = jr * kc;
          for (let ir = 0; ir < mc; ir += MR) {
            const mr = Math.min(MR, mc - ir);
            microKernel(C, PA, PB, ir * kc, bo, kc, (ic + ir) * m + jc + jr, m, mr, nr, first);
          }
        }
      }
    }
  }
}

/** 4×4 tile of C from packed micro-panels; stores (first K block) or accumulates (later blocks). */
function microKernel(
  C: Float64Array,
  PA: Float64Array,
  PB: Float64Array,
  ao: number,
  bo: number,
  kc: number,
  c0: number,
  ldc: number,
  mr: number,
  nr: number,
  first: boolean,
): void {
  let c00 = 0,
    c01 = 0,
    c02 = 0,
    c03 = 0;
  let c10 = 0,
    c11 = 0,
    c12 = 0,
    c13 = 0;
  let c20 = 0,
    c21 = 0,
    c22 = 0,
    c23 = 0;
  let c30 = 0,
    c31 = 0,
    c32 = 0,
    c33 = 0;
  let a = ao;
  let b = bo;
  for (let p = 0; p < kc; p++) {
    const x0 = PA[a];
    const x1 = PA[a + 1];
    const x2 = PA[a + 2];
    const x3 = PA[a + 3];
    const y0 = PB[b];
    const y1 = PB[b + 1];
    const y2 = PB[b + 2];
    const y3 = PB[b + 3];
    c00 += x0 * y0;
    c01 += x0 * y1;
    c02 += x0 * y2;
    c03 += x0 * y3;
    c10 += x1 * y0;
    c11 += x1 * y1;
    c12 += x1 * y2;
    c13 += x1 * y3;
    c20 += x2 * y0;
    c21 += x2 * y1;
    c22 += x2 * y2;
    c23 += x2 * y3;
    c30 += x3 * y0;
    c31 += x3 * y1;
    c32 += x3 * y2;
    c33 += x3 * y3;
    a += MR;
    b += NR;
  }
  if (mr === MR && nr === NR) {
    let c = c0;
    if (first) {
      C[c] = c00;
      C[c + 1] = c01;
      C[c + 2] = c02;
      C[c + 3] = c03;
      c += ldc;
      C[c] = c10;
      C[c + 1] = c11;
      C[c + 2] = c12;
      C[c + 3] = c13;
      c += ldc;
      C[c] = c20;
      C[c + 1] = c21;
      C[c + 2] = c22;
      C[c + 3] = c23;
      c += ldc;
      C[c] = c30;
      C[c + 1] = c31;
      C[c + 2] = c32;
      C[c + 3] = c33;
    } else {
      C[c] += c00;
      C[c + 1] += c01;
      C[c + 2] += c02;
      C[c + 3] += c03;
      c += ldc;
      C[c] += c10;
      C[c + 1] += c11;
      C[c + 2] += c12;
      C[c + 3] += c13;
      c += ldc;
      C[c] += c20;
      C[c + 1] += c21;
      C[c + 2] += c22;
      C[c + 3] += c23;
      c += ldc;
      C[c] += c30;
      C[c + 1] += c31;
      C[c + 2] += c32;
      C[c + 3] += c33;
    }
    return;
  }
  const T = edgeTile;
  T[0] = c00;
  T[1] = c01;
  T[2] = c02;
  T[3] = c03;
  T[4] = c10;
  T[5] = c11;
  T[6] = c12;
  T[7] = c13;
  T[8] = c20;
  T[9] = c21;
  T[10] = c22;
  T[11] = c23;
  T[12] = c30;
  T[13] = c31;
  T[14] = c32;
  T[15] = c33;
  for (let i = 0; i < mr; i++) {
    const row = c0 + i * ldc;
    for (let j = 0; j < nr; j++) C[row + j] = first ? T[i * NR + j] : C[row + j] + T[i * NR + j];
  }
}

// ---------------------------------------------------------------------------------------------------------
// Public API

/**
 * `out ← A·B`. `out` must be `A.rows × B.cols` and must not overlap `A` or `B` (the same array is always
 * detected; partial overlap of views into one buffer is detected for products of more than 4096
 * multiply-adds, where the check is cheap relative to the product).
 *
 * @throws ShapeError when the inner dimensions differ, `out` has the wrong shape, or `out` overlaps an input
 */
export function matmulInto(out: Matrix, a: Matrix, b: Matrix): Matrix {
  if (a.cols !== b.rows) throw innerMismatch("matmul", a, b);
  if (out.rows !== a.rows || out.cols !== b.cols) assertShape("out", out, a.rows, b.cols);
  const k = a.cols;
  const m = b.cols;
  assertDistinct("matmul", out, a, b, a.rows * k * m);
  product(out.data, a.data, b.data, a.rows, k, m, k, 1, m, 1);
  return out;
}

/**
 * `out ← Aᵀ·B` without forming `Aᵀ`. `out` must be `A.cols × B.cols` and must not overlap `A` or `B`.
 *
 * @throws ShapeError when `A.rows ≠ B.rows`, `out` has the wrong shape, or `out` overlaps an input
 */
export function matmulTNInto(out: Matrix, a: Matrix, b: Matrix): Matrix {
  if (a.rows !== b.rows) throw innerMismatch("matmulTN (Aᵀ·B)", a, b);
  if (out.rows !== a.cols || out.cols !== b.cols) assertShape("out", out, a.cols, b.cols);
  const n = a.cols;
  const m = b.cols;
  assertDistinct("matmulTN", out, a, b, n * a.rows * m);
  product(out.data, a.data, b.data, n, a.rows, m, 1, n, m, 1);
  return out;
}

/**
 * `out ← A·Bᵀ` without forming `Bᵀ`. `out` must be `A.rows × B.rows` and must not overlap `A` or `B`.
 *
 * @throws ShapeError when `A.cols ≠ B.cols`, `out` has the wrong shape, or `out` overlaps an input
 */
export function matmulNTInto(out: Matrix, a: Matrix, b: Matrix): Matrix {
  if (a.cols !== b.cols) throw innerMismatch("matmulNT (A·Bᵀ)", a, b);
  if (out.rows !== a.rows || out.cols !== b.rows) assertShape("out", out, a.rows, b.rows);
  const k = a.cols;
  assertDistinct("matmulNT", out, a, b, a.rows * k * b.rows);
  product(out.data, a.data, b.data, a.rows, k, b.rows, k, 1, 1, k);
  return out;
}

/**
 * Which kernel set this process uses for larger products: `"wasm-simd"` (the WebAssembly f64x2 kernel,
 * used for products with at least 4 rows, 4 columns and 512 multiply-adds) or `"js"` (no WebAssembly SIMD,
 * or disabled with the environment variable `LINDYN_NO_WASM=1` before lindyn is loaded). Both give
 * results bit-identical to the textbook loop for inner dimensions up to 256, and obey the same
 * `k·u·Σ|a||b|` error bound beyond.
 */
export function matmulBackend(): "wasm-simd" | "js" {
  return wasm === undefined ? "js" : "wasm-simd";
}

/** Allocating convenience `A·B` (not for hot loops). */
export function matmul(a: Matrix, b: Matrix): Matrix {
  if (a.cols !== b.rows) throw innerMismatch("matmul", a, b);
  return matmulInto(new Matrix(a.rows, b.cols), a, b);
}

/** Allocating convenience `Aᵀ·B` (not for hot loops). */
export function matmulTN(a: Matrix, b: Matrix): Matrix {
  if (a.rows !== b.rows) throw innerMismatch("matmulTN (Aᵀ·B)", a, b);
  return matmulTNInto(new Matrix(a.cols, b.cols), a, b);
}

/** Allocating convenience `A·Bᵀ` (not for hot loops). */
export function matmulNT(a: Matrix, b: Matrix): Matrix {
  if (a.cols !== b.cols) throw innerMismatch("matmulNT (A·Bᵀ)", a, b);
  return matmulNTInto(new Matrix(a.rows, b.rows), a, b);
}
