// A tiny WebAssembly binary emitter: just the instructions latentkit's run-time kernels need (the
// GEMM kernels of this package, the scatter and eigensolver kernels of @latentkit/pca).
// Written here instead of shipping prebuilt .wasm files or adding a WAT compiler such as `wabt` as
// a build step: the kernels are a few hundred instructions, some constants are baked in at run
// time, and emitting the bytes in TypeScript keeps the packages free of binary blobs and of a
// compiler toolchain on the build machines.

/** WebAssembly value types, for the parameters and `locals` of a {@link FunctionAssembler}. */
export const WasmType = {
  /** 32-bit integer (also used for addresses). */
  i32: 0x7f,
  /** 32-bit float. */
  f32: 0x7d,
  /** 64-bit float. */
  f64: 0x7c,
  /** 128-bit SIMD vector (4 × f32, 2 × f64, …). */
  v128: 0x7b,
} as const;

function uleb(out: number[], value: number): void {
  let v = value >>> 0;
  do {
    let byte = v & 0x7f;
    v >>>= 7;
    if (v !== 0) byte |= 0x80;
    out.push(byte);
  } while (v !== 0);
}

function sleb(out: number[], value: number): void {
  let v = value | 0;
  for (;;) {
    const byte = v & 0x7f;
    v >>= 7;
    const done = (v === 0 && (byte & 0x40) === 0) || (v === -1 && (byte & 0x40) !== 0);
    out.push(done ? byte : byte | 0x80);
    if (done) return;
  }
}

/**
 * Opcodes of the SIMD instructions (the byte after the `0xfd` prefix). Those without immediates
 * go through {@link FunctionAssembler.simd}; loads, stores, constants, shuffles and lane accesses
 * have their own methods, which use the entries marked below.
 */
export const Simd = {
  /** `v128.load` (used by {@link FunctionAssembler.vload}). */
  load: 0x00,
  /** `v128.load32_splat` (used by {@link FunctionAssembler.vloadSplat32}). */
  load32Splat: 0x09,
  /** `v128.store` (used by {@link FunctionAssembler.vstore}). */
  store: 0x0b,
  /** `v128.const` (used by {@link FunctionAssembler.vzero}). */
  const: 0x0c,
  /** `i8x16.shuffle` (used by {@link FunctionAssembler.shuffle}). */
  shuffle: 0x0d,
  /** `f32x4.splat`: one f32 into all four lanes. */
  f32x4Splat: 0x13,
  /** `f32x4.extract_lane` (used by {@link FunctionAssembler.extractLaneF32}). */
  f32x4ExtractLane: 0x1f,
  /** `f32x4.ne`: lane-wise `≠`, all-ones lanes where true (NaN ≠ NaN, so it detects NaN). */
  f32x4Ne: 0x42,
  /** `v128.any_true`: i32 1 if any bit of the vector is set. */
  anyTrue: 0x53,
  /** `f64x2.promote_low_f32x4`: the two low f32 lanes widened to f64. */
  f64x2PromoteLow: 0x5f,
  /** `f32x4.add`. */
  f32x4Add: 0xe4,
  /** `f32x4.sub`. */
  f32x4Sub: 0xe5,
  /** `f32x4.mul`. */
  f32x4Mul: 0xe6,
  /** `f32x4.div` (IEEE, correctly rounded). */
  f32x4Div: 0xe7,
  /** `f32x4.sqrt` (IEEE, correctly rounded). */
  f32x4Sqrt: 0xe3,
  /** `f32x4.min` (NaN-propagating). */
  f32x4Min: 0xe8,
  /** `f32x4.max` (NaN-propagating). */
  f32x4Max: 0xe9,
  /** `f64x2.splat`: one f64 into both lanes. */
  f64x2Splat: 0x14,
  /** `f64x2.add`. */
  f64x2Add: 0xf0,
  /** `f64x2.sub`. */
  f64x2Sub: 0xf1,
  /** `f64x2.mul`. */
  f64x2Mul: 0xf2,
  /** `i32x4.splat`: one i32 into all four lanes. */
  i32x4Splat: 0x11,
  /** `f32x4.gt`: lane-wise `>`, all-ones lanes where true (false for NaN). */
  f32x4Gt: 0x44,
  /** `f32x4.ge`: lane-wise `≥`, all-ones lanes where true (false for NaN). */
  f32x4Ge: 0x46,
  /** `v128.bitselect`: bits of the first operand where the third's are set, else the second's. */
  bitselect: 0x52,
  /** `f32x4.nearest`: round to the nearest integer, ties to even. */
  f32x4Nearest: 0x6a,
  /** `i32x4.shl`: shift each lane left by an i32 amount (mod 32). */
  i32x4Shl: 0xab,
  /** `i32x4.add`. */
  i32x4Add: 0xae,
  /** `f32x4.abs`. */
  f32x4Abs: 0xe0,
  /** `f32x4.neg`. */
  f32x4Neg: 0xe1,
  /** `i32x4.trunc_sat_f32x4_s`: float lanes to signed integers (saturating; NaN gives 0). */
  i32x4TruncSatF32x4S: 0xf8,
} as const;

/**
 * Emits the body of one function, instruction by instruction, on a stack machine: each method
 * appends one instruction (named after its WebAssembly mnemonic; unprefixed integer operations
 * are `i32`) and returns `this` for chaining. Local indices count the parameters first.
 * Addresses are byte offsets into the imported memory; `offset` arguments are the static byte
 * offset of the memory instruction.
 */
export class FunctionAssembler {
  /** The instructions emitted so far (without the locals declaration and the final `end`). */
  readonly code: number[] = [];
  /** Number of parameters. */
  readonly params: number;
  /** The parameters' {@link WasmType}s, in order. */
  readonly paramTypes: readonly number[];

  /**
   * @param params - The parameters: a count of i32 parameters, or each one's {@link WasmType}
   *   (e.g. addresses as `i32`, coefficients as `f32`).
   * @param locals - Types of the extra locals ({@link WasmType} values), numbered after them.
   */
  constructor(
    params: number | readonly number[],
    readonly locals: readonly number[],
  ) {
    this.paramTypes = typeof params === 'number' ? new Array(params).fill(WasmType.i32) : params;
    this.params = this.paramTypes.length;
  }

  private op(...bytes: number[]): this {
    this.code.push(...bytes);
    return this;
  }
  private mem(opcode: number, align: number, offset: number): this {
    this.code.push(opcode, align);
    uleb(this.code, offset);
    return this;
  }
  /** `local.get i`. */
  get(i: number): this {
    this.code.push(0x20);
    uleb(this.code, i);
    return this;
  }
  /** `local.set i`. */
  set(i: number): this {
    this.code.push(0x21);
    uleb(this.code, i);
    return this;
  }
  /** `local.tee i`. */
  tee(i: number): this {
    this.code.push(0x22);
    uleb(this.code, i);
    return this;
  }
  /** `i32.const v`. */
  i32(v: number): this {
    this.code.push(0x41);
    sleb(this.code, v);
    return this;
  }
  /** `f32.const v` (rounded to float32). */
  f32(v: number): this {
    const b = new Uint8Array(new Float32Array([v]).buffer);
    return this.op(0x43, ...b);
  }
  /** `i32.add`. */
  add(): this {
    return this.op(0x6a);
  }
  /** `i32.mul`. */
  mul(): this {
    return this.op(0x6c);
  }
  /** `i32.div_u`. */
  divU(): this {
    return this.op(0x6e);
  }
  /** `i32.rem_u`. */
  remU(): this {
    return this.op(0x70);
  }
  /** `i32.and`. */
  and(): this {
    return this.op(0x71);
  }
  /** `i32.shl`. */
  shl(): this {
    return this.op(0x74);
  }
  /** `i32.shr_u`. */
  shrU(): this {
    return this.op(0x76);
  }
  /** `i32.sub`. */
  sub(): this {
    return this.op(0x6b);
  }
  /** `i32.eqz`. */
  eqz(): this {
    return this.op(0x45);
  }
  /** `i32.ne`. */
  ne(): this {
    return this.op(0x47);
  }
  /** `i32.lt_u`. */
  ltU(): this {
    return this.op(0x49);
  }
  /** `i32.ge_u`. */
  geU(): this {
    return this.op(0x4f);
  }
  /** `i32.gt_u`. */
  gtU(): this {
    return this.op(0x4b);
  }
  /** `i32.le_u`. */
  leU(): this {
    return this.op(0x4d);
  }
  /** `f32.add`. */
  f32Add(): this {
    return this.op(0x92);
  }
  /** `f32.mul`. */
  f32Mul(): this {
    return this.op(0x94);
  }
  /** `f32.max` (NaN if either operand is NaN). */
  f32Max(): this {
    return this.op(0x97);
  }
  /** `f32.ne`. */
  f32Ne(): this {
    return this.op(0x5c);
  }
  /** `f64.add`. */
  f64Add(): this {
    return this.op(0xa0);
  }
  /** `f64.sub`. */
  f64Sub(): this {
    return this.op(0xa1);
  }
  /** `f64.mul`. */
  f64Mul(): this {
    return this.op(0xa2);
  }
  /** `i32.load` (4-byte aligned). */
  i32Load(offset = 0): this {
    return this.mem(0x28, 2, offset);
  }
  /** `i32.store` (4-byte aligned). */
  i32Store(offset = 0): this {
    return this.mem(0x36, 2, offset);
  }
  /** `f32.load` (4-byte aligned). */
  f32Load(offset = 0): this {
    return this.mem(0x2a, 2, offset);
  }
  /** `f32.store` (4-byte aligned). */
  f32Store(offset = 0): this {
    return this.mem(0x38, 2, offset);
  }
  /** `f64.load` (8-byte aligned). */
  f64Load(offset = 0): this {
    return this.mem(0x2b, 3, offset);
  }
  /** `f64.store` (8-byte aligned). */
  f64Store(offset = 0): this {
    return this.mem(0x39, 3, offset);
  }
  /** `f64x2.extract_lane lane`. */
  extractLaneF64(lane: number): this {
    this.code.push(0xfd, 0x21, lane);
    return this;
  }
  /** `block` (no result). */
  block(): this {
    return this.op(0x02, 0x40);
  }
  /** `loop` (no result). */
  loop(): this {
    return this.op(0x03, 0x40);
  }
  /** `if` (no result). */
  if(): this {
    return this.op(0x04, 0x40);
  }
  /** `else`. */
  else(): this {
    return this.op(0x05);
  }
  /** `end` of a block, loop or if. */
  end(): this {
    return this.op(0x0b);
  }
  /** `br depth`. */
  br(depth: number): this {
    return this.op(0x0c, depth);
  }
  /** `br_if depth`. */
  brIf(depth: number): this {
    return this.op(0x0d, depth);
  }
  private simdMem(opcode: number, align: number, offset: number): this {
    this.code.push(0xfd);
    uleb(this.code, opcode);
    this.code.push(align);
    uleb(this.code, offset);
    return this;
  }
  /** `v128.load` (alignment hint 16 bytes; unaligned addresses are allowed). */
  vload(offset = 0): this {
    return this.simdMem(Simd.load, 4, offset);
  }
  /** `v128.load32_splat`: one float32 (or i32) loaded into all four lanes. */
  vloadSplat32(offset = 0): this {
    return this.simdMem(Simd.load32Splat, 2, offset);
  }
  /** `v128.store` (alignment hint 16 bytes). */
  vstore(offset = 0): this {
    return this.simdMem(Simd.store, 4, offset);
  }
  /** A SIMD instruction without immediates ({@link Simd} opcode). */
  simd(opcode: number): this {
    this.code.push(0xfd);
    uleb(this.code, opcode);
    return this;
  }
  /** `v128.const` with all 16 bytes zero. */
  vzero(): this {
    this.code.push(0xfd, Simd.const);
    for (let i = 0; i < 16; i++) this.code.push(0);
    return this;
  }
  /** `i8x16.shuffle` with the given 16 byte-lane indices. */
  shuffle(lanes: readonly number[]): this {
    this.code.push(0xfd, Simd.shuffle, ...lanes);
    return this;
  }
  /** `f32x4.extract_lane lane`. */
  extractLaneF32(lane: number): this {
    this.code.push(0xfd, Simd.f32x4ExtractLane, lane);
    return this;
  }

  /** Encoded function body (size, locals declaration, code and the final `end`). */
  encode(): number[] {
    const body: number[] = [];
    uleb(body, this.locals.length);
    for (const t of this.locals) body.push(1, t);
    body.push(...this.code, 0x0b);
    const out: number[] = [];
    uleb(out, body.length);
    out.push(...body);
    return out;
  }
}

/** How a module's imported memory (`env.memory`) is declared. */
export interface MemoryImport {
  /** Initial size in 64 KiB pages (the memory given at instantiation must be at least this). */
  initial: number;
  /** Maximum size in pages (required when `shared`; omit it to accept any non-shared memory). */
  maximum?: number;
  /** Whether the memory is a shared (SharedArrayBuffer-backed) memory. */
  shared?: boolean;
}

function section(out: number[], id: number, payload: number[]): void {
  out.push(id);
  uleb(out, payload.length);
  out.push(...payload);
}

function name(out: number[], s: string): void {
  uleb(out, s.length);
  for (let i = 0; i < s.length; i++) out.push(s.charCodeAt(i));
}

/**
 * Assembles a module that imports `env.memory` and exports the given functions (each with the
 * parameters its {@link FunctionAssembler} declares and no result). Instantiate it with
 * `new WebAssembly.Instance(new WebAssembly.Module(bytes), { env: { memory } })`; check
 * `WebAssembly.validate(bytes)` first when it uses SIMD, which an engine may lack.
 *
 * @param memory - How the imported memory is declared.
 * @param functions - Export name and body of each function.
 * @returns The module's binary encoding.
 */
export function assembleModule(
  memory: MemoryImport,
  functions: readonly { name: string; fn: FunctionAssembler }[],
): Uint8Array<ArrayBuffer> {
  const out = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00];
  const types: number[] = [];
  uleb(types, functions.length);
  for (const { fn } of functions) {
    types.push(0x60);
    uleb(types, fn.params);
    types.push(...fn.paramTypes);
    types.push(0);
  }
  section(out, 1, types);
  const imports: number[] = [1];
  name(imports, 'env');
  name(imports, 'memory');
  imports.push(0x02);
  const flags = (memory.maximum !== undefined ? 1 : 0) | (memory.shared ? 2 : 0);
  imports.push(flags);
  uleb(imports, memory.initial);
  if (memory.maximum !== undefined) uleb(imports, memory.maximum);
  section(out, 2, imports);
  const funcs: number[] = [];
  uleb(funcs, functions.length);
  functions.forEach((_, i) => {
    uleb(funcs, i);
  });
  section(out, 3, funcs);
  const exports: number[] = [];
  uleb(exports, functions.length);
  functions.forEach(({ name: n }, i) => {
    name(exports, n);
    exports.push(0x00);
    uleb(exports, i);
  });
  section(out, 7, exports);
  const code: number[] = [];
  uleb(code, functions.length);
  for (const { fn } of functions) code.push(...fn.encode());
  section(out, 10, code);
  return Uint8Array.from(out);
}
