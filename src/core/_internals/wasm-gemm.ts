/**
 * A WebAssembly SIMD (128-bit, f64x2) micro-kernel for the bulk of a matrix product, assembled at load
 * time from the few opcodes it needs (no toolchain, no binary blob in the repository).
 *
 * `gemm4(a, b, c, n4, kc, m4, ars, acs, ldb, ldc, accumulate)` computes, for i < n4 and j < m4 (both
 * multiples of 4), `C[i][j] (+)= Σ_{p<kc} A(i,p)·B(p,j)` where, in 8-byte elements from the byte addresses
 * a, b, c of the module's memory, A(i,p) = a[i·ars + p·acs], B(p,j) = b[p·ldb + j], C[i][j] = c[i·ldc + j].
 * Each 4×4 tile of C is held in eight f64x2 registers over the whole `p` loop; every lane performs
 * exactly the scalar `s += a·b` sequence of the textbook loop (separate multiply and add, no fused
 * multiply-add), so with `accumulate = 0` the result is bit-identical to the naive triple loop.
 *
 * Opcodes: WebAssembly core spec 2.0 and the fixed-width SIMD proposal (v128.load 0xfd00, v128.store
 * 0xfd0b, v128.load64_splat 0xfd0a, v128.const 0xfd0c, f64x2.add 0xfdf001, f64x2.mul 0xfdf201).
 *
 * @packageDocumentation
 */

/** Signature of the exported kernel (all arguments are i32; addresses in bytes, strides in elements). */
export type Gemm4 = (
  a: number,
  b: number,
  c: number,
  n4: number,
  kc: number,
  m4: number,
  ars: number,
  acs: number,
  ldb: number,
  ldc: number,
  accumulate: number,
) => void;

/** The part of `WebAssembly.Memory` used here (the project's TS lib has no WebAssembly types). */
export interface WasmMemory {
  readonly buffer: ArrayBuffer;
  grow(pages: number): number;
}

/** The part of the `WebAssembly` global used here. */
interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: Record<string, unknown> };
}

/** The instantiated kernel and its memory. */
export interface WasmGemm {
  readonly gemm4: Gemm4;
  readonly memory: WasmMemory;
}

// --- a minimal assembler ----------------------------------------------------------------------------------

function uleb(v: number): number[] {
  const out: number[] = [];
  do {
    let byte = v & 0x7f;
    v >>>= 7;
    if (v !== 0) byte |= 0x80;
    out.push(byte);
  } while (v !== 0);
  return out;
}

function sleb(v: number): number[] {
  const out: number[] = [];
  for (;;) {
    const byte = v & 0x7f;
    v >>= 7;
    if ((v === 0 && (byte & 0x40) === 0) || (v === -1 && (byte & 0x40) !== 0)) {
      out.push(byte);
      return out;
    }
    out.push(byte | 0x80);
  }
}

function vec(items: number[][]): number[] {
  return [...uleb(items.length), ...items.flat()];
}

function section(id: number, bytes: number[]): number[] {
  return [id, ...uleb(bytes.length), ...bytes];
}

function name(s: string): number[] {
  return [...uleb(s.length), ...Array.from(s, (ch) => ch.charCodeAt(0))];
}

const I32 = 0x7f;
const V128 = 0x7b;
const get = (i: number) => [0x20, ...uleb(i)];
const set = (i: number) => [0x21, ...uleb(i)];
const i32 = (v: number) => [0x41, ...sleb(v)];
const ADD = [0x6a];
const MUL = [0x6c];
const SHL = [0x74];
const GE_S = [0x4e];
const BLOCK = [0x02, 0x40];
const LOOP = [0x03, 0x40];
const IF = [0x04, 0x40];
const ELSE = [0x05];
const END = [0x0b];
const brIf = (depth: number) => [0x0d, ...uleb(depth)];
const br = (depth: number) => [0x0c, ...uleb(depth)];
const simd = (op: number) => [0xfd, ...uleb(op)];
const memarg = (alignLog2: number, offset: number) => [...uleb(alignLog2), ...uleb(offset)];
const V128_LOAD = (offset: number) => [...simd(0x00), ...memarg(3, offset)];
const V128_STORE = (offset: number) => [...simd(0x0b), ...memarg(3, offset)];
const LOAD64_SPLAT = [...simd(0x0a), ...memarg(3, 0)];
const V128_ZERO = [...simd(0x0c), ...new Array<number>(16).fill(0)];
const F64X2_ADD = simd(0xf0);
const F64X2_MUL = simd(0xf2);

// Parameters 0..10, then locals.
const A = 0;
const B = 1;
const C = 2;
const N4 = 3;
const KC = 4;
const M4 = 5;
const ARS = 6;
const ACS = 7;
const LDB = 8;
const LDC = 9;
const ACC = 10;
const I = 11;
const J = 12;
const P = 13;
const PA = 14; // byte address of A(i, p)
const PB = 15; // byte address of B(p, j)
const PC = 16; // byte address of C[i + r][j]
const ARS8 = 17; // ars·8 (row step of A in bytes)
const ACS8 = 18;
const LDB8 = 19;
const LDC8 = 20;
const ARS16 = 21;
const ARS24 = 22;
const I32_LOCALS = 12; // 11..22
const ACC0 = 23; // eight f64x2 accumulators 23..30: row r, column pair h at ACC0 + 2r + h
const BV0 = 31;
const BV1 = 32;
const X = 33;
const V128_LOCALS = 11; // 23..33

function kernelBody(): number[] {
  const code: number[] = [];
  const emit = (...parts: number[][]) => {
    for (const p of parts) code.push(...p);
  };
  emit(get(ARS), i32(3), SHL, set(ARS8));
  emit(get(ACS), i32(3), SHL, set(ACS8));
  emit(get(LDB), i32(3), SHL, set(LDB8));
  emit(get(LDC), i32(3), SHL, set(LDC8));
  emit(get(ARS8), i32(2), MUL, set(ARS16));
  emit(get(ARS8), i32(3), MUL, set(ARS24));
  emit(i32(0), set(I));
  emit(BLOCK, LOOP); // rows, in steps of 4
  emit(get(I), get(N4), GE_S, brIf(1));
  emit(i32(0), set(J));
  emit(BLOCK, LOOP); // columns, in steps of 4
  emit(get(J), get(M4), GE_S, brIf(1));
  for (let r = 0; r < 8; r++) emit(V128_ZERO, set(ACC0 + r));
  emit(get(A), get(I), get(ARS8), MUL, ADD, set(PA));
  emit(get(B), get(J), i32(3), SHL, ADD, set(PB));
  emit(i32(0), set(P));
  emit(BLOCK, LOOP); // inner dimension
  emit(get(P), get(KC), GE_S, brIf(1));
  emit(get(PB), V128_LOAD(0), set(BV0));
  emit(get(PB), V128_LOAD(16), set(BV1));
  const rowOffset = [null, ARS8, ARS16, ARS24];
  for (let r = 0; r < 4; r++) {
    const off = rowOffset[r];
    if (off === null || off === undefined) emit(get(PA));
    else emit(get(PA), get(off), ADD);
    emit(LOAD64_SPLAT, set(X));
    emit(get(ACC0 + 2 * r), get(X), get(BV0), F64X2_MUL, F64X2_ADD, set(ACC0 + 2 * r));
    emit(get(ACC0 + 2 * r + 1), get(X), get(BV1), F64X2_MUL, F64X2_ADD, set(ACC0 + 2 * r + 1));
  }
  emit(get(PA), get(ACS8), ADD, set(PA));
  emit(get(PB), get(LDB8), ADD, set(PB));
  emit(get(P), i32(1), ADD, set(P));
  emit(br(0), END, END);
  // Store (or accumulate) the tile.
  emit(get(C), get(I), get(LDC), MUL, get(J), ADD, i32(3), SHL, ADD, set(PC));
  emit(get(ACC), IF);
  for (let r = 0; r < 4; r++) {
    emit(get(PC), get(PC), V128_LOAD(0), get(ACC0 + 2 * r), F64X2_ADD, V128_STORE(0));
    emit(get(PC), get(PC), V128_LOAD(16), get(ACC0 + 2 * r + 1), F64X2_ADD, V128_STORE(16));
    emit(get(PC), get(LDC8), ADD, set(PC));
  }
  emit(ELSE);
  for (let r = 0; r < 4; r++) {
    emit(get(PC), get(ACC0 + 2 * r), V128_STORE(0));
    emit(get(PC), get(ACC0 + 2 * r + 1), V128_STORE(16));
    emit(get(PC), get(LDC8), ADD, set(PC));
  }
  emit(END);
  emit(get(J), i32(4), ADD, set(J));
  emit(br(0), END, END);
  emit(get(I), i32(4), ADD, set(I));
  emit(br(0), END, END);
  emit(END); // function
  return code;
}

function moduleBytes(): Uint8Array {
  const locals = vec([
    [...uleb(I32_LOCALS), I32],
    [...uleb(V128_LOCALS), V128],
  ]);
  const body = [...locals, ...kernelBody()];
  const params = Array.from({ length: 11 }, () => [I32]);
  return new Uint8Array([
    0x00,
    0x61,
    0x73,
    0x6d,
    0x01,
    0x00,
    0x00,
    0x00,
    ...section(1, vec([[0x60, ...vec(params), ...vec([])]])), // type: (i32 × 11) → ()
    ...section(3, vec([[0]])), // function 0 has type 0
    ...section(5, vec([[0x00, ...uleb(1)]])), // memory: 1 page minimum, no maximum
    ...section(
      7,
      vec([
        [...name("gemm4"), 0x00, 0],
        [...name("memory"), 0x02, 0],
      ]),
    ),
    ...section(10, vec([[...uleb(body.length), ...body]])),
  ]);
}

/**
 * Instantiates the kernel, or returns `undefined` when WebAssembly SIMD is unavailable (or disabled with
 * the environment variable `LINDYN_NO_WASM=1`); callers then use their pure-JS path.
 */
export function loadWasmGemm(): WasmGemm | undefined {
  try {
    if (typeof process !== "undefined" && process.env?.LINDYN_NO_WASM === "1") return undefined;
    const api = (globalThis as { WebAssembly?: WasmApi }).WebAssembly;
    if (api === undefined) return undefined;
    const instance = new api.Instance(new api.Module(moduleBytes()), {});
    const { gemm4, memory } = instance.exports as { gemm4: Gemm4; memory: WasmMemory };
    return { gemm4, memory };
  } catch {
    return undefined;
  }
}
