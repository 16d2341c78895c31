// A tiny WebAssembly binary emitter: just the instructions the scatter kernel needs.
// Written here (instead of shipping a prebuilt .wasm or adding a WAT compiler such as `wabt` as a
// build step) because the kernel is ~100 instructions, its memory layout constants are baked in
// at run time, and generating the bytes in TypeScript keeps the package free of binary blobs.

/** WebAssembly value types used by {@link FunctionAssembler}. */
export const WasmType = { i32: 0x7f, f32: 0x7d, f64: 0x7c, v128: 0x7b } as const;

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

/** SIMD opcodes (after the 0xfd prefix) used by the kernels. */
export const Simd = {
  load: 0x00,
  store: 0x0b,
  const: 0x0c,
  shuffle: 0x0d,
  f32x4Splat: 0x13,
  f32x4ExtractLane: 0x1f,
  f32x4Ne: 0x42,
  anyTrue: 0x53,
  f64x2PromoteLow: 0x5f,
  f32x4Add: 0xe4,
  f32x4Sub: 0xe5,
  f32x4Mul: 0xe6,
  f32x4Min: 0xe8,
  f32x4Max: 0xe9,
  f64x2Splat: 0x14,
  f64x2Add: 0xf0,
  f64x2Sub: 0xf1,
  f64x2Mul: 0xf2,
} as const;

/**
 * Emits the body of one function. Methods append instructions and return `this` for chaining;
 * local indices count the parameters first.
 */
export class FunctionAssembler {
  readonly code: number[] = [];

  /** @param params - Number of i32 parameters. @param locals - Extra locals by type. */
  constructor(
    readonly params: number,
    readonly locals: readonly number[],
  ) {}

  private op(...bytes: number[]): this {
    this.code.push(...bytes);
    return this;
  }
  get(i: number): this {
    this.code.push(0x20);
    uleb(this.code, i);
    return this;
  }
  set(i: number): this {
    this.code.push(0x21);
    uleb(this.code, i);
    return this;
  }
  tee(i: number): this {
    this.code.push(0x22);
    uleb(this.code, i);
    return this;
  }
  i32(v: number): this {
    this.code.push(0x41);
    sleb(this.code, v);
    return this;
  }
  f32(v: number): this {
    const b = new Uint8Array(new Float32Array([v]).buffer);
    return this.op(0x43, ...b);
  }
  add(): this {
    return this.op(0x6a);
  }
  mul(): this {
    return this.op(0x6c);
  }
  shl(): this {
    return this.op(0x74);
  }
  shrU(): this {
    return this.op(0x76);
  }
  sub(): this {
    return this.op(0x6b);
  }
  ltU(): this {
    return this.op(0x49);
  }
  f64Add(): this {
    return this.op(0xa0);
  }
  f64Sub(): this {
    return this.op(0xa1);
  }
  f64Mul(): this {
    return this.op(0xa2);
  }
  f64Load(offset = 0): this {
    this.code.push(0x2b, 3);
    uleb(this.code, offset);
    return this;
  }
  f64Store(offset = 0): this {
    this.code.push(0x39, 3);
    uleb(this.code, offset);
    return this;
  }
  extractLaneF64(lane: number): this {
    this.code.push(0xfd, 0x21, lane);
    return this;
  }
  geU(): this {
    return this.op(0x4f);
  }
  gtU(): this {
    return this.op(0x4b);
  }
  leU(): this {
    return this.op(0x4d);
  }
  f32Ne(): this {
    return this.op(0x5c);
  }
  block(): this {
    return this.op(0x02, 0x40);
  }
  loop(): this {
    return this.op(0x03, 0x40);
  }
  if(): this {
    return this.op(0x04, 0x40);
  }
  end(): this {
    return this.op(0x0b);
  }
  br(depth: number): this {
    return this.op(0x0c, depth);
  }
  brIf(depth: number): this {
    return this.op(0x0d, depth);
  }
  i32Load(offset = 0): this {
    this.code.push(0x28, 2);
    uleb(this.code, offset);
    return this;
  }
  i32Store(offset = 0): this {
    this.code.push(0x36, 2);
    uleb(this.code, offset);
    return this;
  }
  /** `v128.load` with a static byte offset (alignment hint 16 bytes). */
  vload(offset = 0): this {
    this.code.push(0xfd, Simd.load, 4);
    uleb(this.code, offset);
    return this;
  }
  /** `v128.store` with a static byte offset. */
  vstore(offset = 0): this {
    this.code.push(0xfd, Simd.store, 4);
    uleb(this.code, offset);
    return this;
  }
  /** A SIMD instruction without immediates. */
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
  /** `i8x16.shuffle` with the given 16 lane indices. */
  shuffle(lanes: readonly number[]): this {
    this.code.push(0xfd, Simd.shuffle, ...lanes);
    return this;
  }
  extractLaneF32(lane: number): this {
    this.code.push(0xfd, Simd.f32x4ExtractLane, lane);
    return this;
  }

  /** Encoded function body (locals declaration + code + `end`). */
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

/** How the module's imported memory is declared. */
export interface MemoryImport {
  /** Initial size in 64 KiB pages. */
  initial: number;
  /** Maximum size in pages (required when `shared`). */
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
 * Assembles a module that imports `env.memory` and exports the given functions (all with only i32
 * parameters and no results).
 */
export function assembleModule(
  memory: MemoryImport,
  functions: readonly { name: string; fn: FunctionAssembler }[],
): Uint8Array {
  const out = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00];
  const types: number[] = [];
  uleb(types, functions.length);
  for (const { fn } of functions) {
    types.push(0x60);
    uleb(types, fn.params);
    for (let i = 0; i < fn.params; i++) types.push(WasmType.i32);
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
