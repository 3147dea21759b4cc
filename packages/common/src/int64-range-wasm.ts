/**
 * The min/max loop of int64Range as a WebAssembly function, for the first batches of a run.
 *
 * Why: a scan computes one batch's Timestamp range per batch, so the JavaScript loop runs only a
 * few dozen times in a run, mostly before V8 has optimised it: the first 64 Ki-row batch took
 * 4-6 ms in the interpreter, later ones ~0.4 ms. WebAssembly is compiled before its first call
 * (a few µs for this module), and compares 64-bit integers natively: ~0.1 ms a batch, copy
 * included, from the first batch on.
 *
 * The function, as text:
 *
 *   (import "m" "memory" (memory 1))
 *   (func (export "minmax") (param $at i32) (param $n i32)      ;; n >= 1 values at byte $at
 *     (local $min i64) (local $max i64) (local $v i64) (local $end i32)
 *     (local.set $max (local.tee $min (i64.load (local.get $at))))
 *     (local.set $end (i32.add (local.get $at) (i32.shl (local.get $n) (i32.const 3))))
 *     (local.set $at (i32.add (local.get $at) (i32.const 8)))
 *     (block (loop
 *       (br_if 1 (i32.ge_u (local.get $at) (local.get $end)))
 *       (local.set $v (i64.load (local.get $at)))
 *       (local.set $min (select (local.get $v) (local.get $min) (i64.lt_s (local.get $v) (local.get $min))))
 *       (local.set $max (select (local.get $v) (local.get $max) (i64.gt_s (local.get $v) (local.get $max))))
 *       (local.set $at (i32.add (local.get $at) (i32.const 8)))
 *       (br 0)))
 *     (i64.store (i32.const 0) (local.get $min))
 *     (i64.store (i32.const 8) (local.get $max)))
 */

const [AT, N, MIN, MAX, V, END] = [0, 1, 2, 3, 4, 5];
const I32 = 0x7f;
const I64 = 0x7e;
const op = {
  block: 0x02, loop: 0x03, end: 0x0b, br: 0x0c, brIf: 0x0d, select: 0x1b,
  get: 0x20, set: 0x21, tee: 0x22, i64Load: 0x29, i64Store: 0x37, i32Const: 0x41,
  i32GeU: 0x4f, i64LtS: 0x53, i64GtS: 0x55, i32Add: 0x6a, i32Shl: 0x74,
} as const;
const EMPTY_BLOCK = 0x40;
/** memarg of an 8-byte access: alignment 2^3, offset 0. */
const ALIGN8 = [3, 0];

const BODY = [
  // locals: 3 x i64 (min, max, v), 1 x i32 (end)
  2, 3, I64, 1, I32,
  op.get, AT, op.i64Load, ...ALIGN8, op.tee, MIN, op.set, MAX,
  op.get, AT, op.get, N, op.i32Const, 3, op.i32Shl, op.i32Add, op.set, END,
  op.get, AT, op.i32Const, 8, op.i32Add, op.set, AT,
  op.block, EMPTY_BLOCK, op.loop, EMPTY_BLOCK,
  op.get, AT, op.get, END, op.i32GeU, op.brIf, 1,
  op.get, AT, op.i64Load, ...ALIGN8, op.set, V,
  op.get, V, op.get, MIN, op.get, V, op.get, MIN, op.i64LtS, op.select, op.set, MIN,
  op.get, V, op.get, MAX, op.get, V, op.get, MAX, op.i64GtS, op.select, op.set, MAX,
  op.get, AT, op.i32Const, 8, op.i32Add, op.set, AT,
  op.br, 0, op.end, op.end,
  op.i32Const, 0, op.get, MIN, op.i64Store, ...ALIGN8,
  op.i32Const, 8, op.get, MAX, op.i64Store, ...ALIGN8,
  op.end,
];

const ascii = (s: string): number[] => [s.length, ...[...s].map((c) => c.charCodeAt(0))];
/** A section: id, then its content's length (every length here is below 128: one LEB128 byte). */
function section(id: number, content: number[]): number[] {
  if (content.length >= 128) throw new Error('int64-range-wasm: a section needs a multi-byte length');
  return [id, content.length, ...content];
}

const MODULE = new Uint8Array([
  0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
  ...section(1, [1, 0x60, 2, I32, I32, 0]), // one type: (i32, i32) -> ()
  ...section(2, [1, ...ascii('m'), ...ascii('memory'), 0x02, 0x00, 1]), // import memory, min 1 page
  ...section(3, [1, 0]), // one function, of type 0
  ...section(7, [1, ...ascii('minmax'), 0x00, 0]), // export function 0
  ...section(10, [1, BODY.length, ...BODY]),
]);

/** Where the values go in the module's memory: after the two results. */
const VALUES_AT = 16;
const PAGE = 65536;

/** The part of the WebAssembly global used here (TypeScript's ES libs leave it to the DOM lib). */
interface WasmMemory {
  readonly buffer: ArrayBuffer;
  grow(pages: number): number;
}
declare const WebAssembly: {
  Memory: new (descriptor: { initial: number }) => WasmMemory;
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: Record<string, unknown> };
};

interface Kernel {
  memory: WasmMemory;
  minmax: (at: number, n: number) => void;
}

let kernel: Kernel | null | undefined;

/** The compiled kernel, or null where WebAssembly is unavailable (`node --jitless`). */
function load(): Kernel | null {
  if (kernel !== undefined) return kernel;
  try {
    const memory = new WebAssembly.Memory({ initial: 1 });
    const instance = new WebAssembly.Instance(new WebAssembly.Module(MODULE), { m: { memory } });
    kernel = { memory, minmax: instance.exports['minmax'] as Kernel['minmax'] };
  } catch {
    kernel = null;
  }
  return kernel;
}

/**
 * Exact min and max of `values` (at least one), or undefined when WebAssembly is unavailable.
 * The values are copied into the module's memory, which grows to the largest column seen.
 */
export function int64RangeWasm(values: BigInt64Array): { min: bigint; max: bigint } | undefined {
  const k = load();
  if (k === null) return undefined;
  const n = values.length;
  const need = VALUES_AT + n * 8;
  if (k.memory.buffer.byteLength < need) k.memory.grow(Math.ceil((need - k.memory.buffer.byteLength) / PAGE));
  const bytes = new Uint8Array(k.memory.buffer);
  bytes.set(new Uint8Array(values.buffer, values.byteOffset, n * 8), VALUES_AT);
  k.minmax(VALUES_AT, n);
  const out = new BigInt64Array(k.memory.buffer, 0, 2);
  return { min: out[0]!, max: out[1]! };
}
