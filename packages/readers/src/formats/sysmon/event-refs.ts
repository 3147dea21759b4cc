import { SpillFile } from '../../sort/spill-file.js';

/** One block of refs in push order; its arrays are views valid until the next block is read. */
export interface EventRefBlock {
  length: number;
  lines: Int32Array;
  offsets: Float64Array;
  /** Fingerprints (key-hash.ts) of the (host, guid) and (host, pid) keys the row's process is found by. */
  guidKeys: Uint32Array;
  pidKeys: Uint32Array;
}

export interface EventRefsOptions {
  /** Refs per block (20 bytes each). */
  blockRefs?: number;
  /** Full blocks kept in memory before later ones go to a spill file. */
  memoryBlocks?: number;
}

/** 64 Ki refs: 1.25 MiB blocks, few enough writes and reads to cost nothing beside the parse. */
const BLOCK_REFS = 1 << 16;
/** 5 MiB (about 260 k events) in memory: small and medium files never touch the disk. */
const MEMORY_BLOCKS = 4;
const REF_BYTES = 20;

/**
 * For each event of one table in one syslog file: where its line is (line number and byte offset)
 * and the fingerprints of the two keys its row's process is looked up by: (Computer, ProcessGuid)
 * and the (Computer, ProcessId) fallback (for an EventID 1 row, its parent's). Recorded by the
 * correlation pass, which reads every line anyway, so a prefiltered scan can find the few lines
 * whose row may take a needle from its process (e.g. a command line) without parsing the others,
 * and without the pass looking any process up.
 *
 * 20 bytes per event would make peak memory grow with the input (200 MB at 10 M events), so
 * blocks beyond the first few are appended to a file in a private temporary directory and read
 * back in order; the directory goes at `dispose` or, at the latest, at exit (SpillDir).
 */
export class EventRefs {
  private readonly blockRefs: number;
  private readonly memoryBlocks: number;
  private readonly inMemory: ArrayBuffer[] = [];
  private current: ArrayBuffer;
  private currentBlock: EventRefBlock;
  private fill = 0;
  private spilledBlocks = 0;
  private readonly file = new SpillFile('sysmon event refs', 'kqlr-refs-', 'refs.bin');

  constructor(options: EventRefsOptions = {}) {
    this.blockRefs = options.blockRefs ?? BLOCK_REFS;
    this.memoryBlocks = options.memoryBlocks ?? MEMORY_BLOCKS;
    this.current = new ArrayBuffer(this.blockRefs * REF_BYTES);
    this.currentBlock = this.view(this.current, this.blockRefs);
  }

  /** Refs pushed: full blocks in memory and on disk, and the current block's. */
  get count(): number {
    return (this.inMemory.length + this.spilledBlocks) * this.blockRefs + this.fill;
  }

  push(line: number, offset: number, guidKey: number, pidKey: number): void {
    if (this.fill === this.blockRefs) this.retireCurrent();
    const b = this.currentBlock;
    b.lines[this.fill] = line;
    b.offsets[this.fill] = offset;
    b.guidKeys[this.fill] = guidKey;
    b.pidKeys[this.fill] = pidKey;
    this.fill++;
  }

  /** The refs in push order, a block at a time (spilled blocks read back into one buffer). */
  *blocks(): Generator<EventRefBlock> {
    for (const buf of this.inMemory) yield this.view(buf, this.blockRefs);
    if (this.spilledBlocks > 0) {
      const buf = new ArrayBuffer(this.blockRefs * REF_BYTES);
      const bytes = new Uint8Array(buf);
      const block = this.view(buf, this.blockRefs);
      for (let k = 0; k < this.spilledBlocks; k++) {
        this.file.readAt(bytes, bytes.length, k * bytes.length, 'block');
        yield block;
      }
    }
    if (this.fill > 0) yield { ...this.currentBlock, length: this.fill };
  }

  /** Removes the spill file, if any; the refs are gone afterwards. */
  dispose(): void {
    this.file.dispose();
    this.inMemory.length = 0;
    this.spilledBlocks = this.fill = 0;
  }

  private retireCurrent(): void {
    if (this.inMemory.length < this.memoryBlocks) {
      this.inMemory.push(this.current);
      this.current = new ArrayBuffer(this.blockRefs * REF_BYTES);
      this.currentBlock = this.view(this.current, this.blockRefs);
    } else {
      this.file.append(new Uint8Array(this.current));
      this.spilledBlocks++;
    }
    this.fill = 0;
  }

  /** Offsets first (8-byte aligned), then lines, then both keys. */
  private view(buf: ArrayBuffer, length: number): EventRefBlock {
    const n = this.blockRefs;
    return {
      length,
      offsets: new Float64Array(buf, 0, n),
      lines: new Int32Array(buf, n * 8, n),
      guidKeys: new Uint32Array(buf, n * 12, n),
      pidKeys: new Uint32Array(buf, n * 16, n),
    };
  }
}
