import { BufferRegion, type FieldNode, type RecordBatch as BatchHeader } from 'apache-arrow/ipc/metadata/message';
import type { ColumnLayout } from './arrow-buffer-layout.js';

/** One contiguous read of a record batch body, placed at `at` in the compacted body. */
export interface BodyRead {
  /** Body-relative byte range in the file. */
  from: number;
  to: number;
  at: number;
}

/**
 * What to read of one record batch to get only some columns: merged byte ranges of their buffers,
 * and the field nodes / buffer regions / variadic counts of those columns alone, with buffer
 * offsets rebased into a compacted body holding just those ranges. Fed to apache-arrow's
 * VectorLoader, this decodes exactly as a full read would, without touching the other columns.
 */
export interface BatchProjection {
  reads: BodyRead[];
  compactLength: number;
  nodes: FieldNode[];
  /** The field node of each kept column itself (its length is the batch's). */
  topNodes: FieldNode[];
  buffers: BufferRegion[];
  variadicCounts: number[];
}

/**
 * Ranges closer than this are read as one: a pread costs more than reading a few KiB through
 * (DeviceFileEvents' fixed-width columns are small next to its strings).
 */
const MERGE_GAP = 16 * 1024;

/** Null when the header's node/buffer counts disagree with the schema (corrupt metadata). */
export function projectBatch(header: BatchHeader, layouts: readonly ColumnLayout[], wanted: readonly number[]): BatchProjection | null {
  const { nodes, buffers } = header;
  const counts = header.variadicBufferCounts ?? [];
  const keep = new Set(wanted);
  const outNodes: FieldNode[] = [];
  const topNodes: FieldNode[] = [];
  const kept: BufferRegion[] = [];
  const outCounts: number[] = [];
  let node = 0;
  let buffer = 0;
  let variadic = 0;
  for (let col = 0; col < layouts.length; col++) {
    const layout = layouts[col]!;
    let extra = 0;
    for (let v = 0; v < layout.variadic; v++) extra += counts[variadic + v] ?? 0;
    const nBuffers = layout.buffers + extra;
    if (keep.has(col)) {
      if (nodes[node] !== undefined) topNodes.push(nodes[node]!);
      outNodes.push(...nodes.slice(node, node + layout.nodes));
      kept.push(...buffers.slice(buffer, buffer + nBuffers));
      outCounts.push(...counts.slice(variadic, variadic + layout.variadic));
    }
    node += layout.nodes;
    buffer += nBuffers;
    variadic += layout.variadic;
  }
  if (node !== nodes.length || buffer !== buffers.length) return null;
  const reads = mergedReads(kept);
  return { reads, compactLength: compactEnd(reads), nodes: outNodes, topNodes, buffers: kept.map((b) => rebase(b, reads)), variadicCounts: outCounts };
}

function mergedReads(regions: readonly BufferRegion[]): BodyRead[] {
  const spans = regions.filter((r) => r.length > 0).map((r) => ({ from: r.offset, to: r.offset + r.length })).sort((a, b) => a.from - b.from);
  const reads: BodyRead[] = [];
  let at = 0;
  for (const s of spans) {
    const last = reads[reads.length - 1];
    if (last !== undefined && s.from <= last.to + MERGE_GAP) {
      if (s.to > last.to) {
        at += s.to - last.to;
        last.to = s.to;
      }
      continue;
    }
    // Each read starts 8-aligned in the compacted body, as it was in the file.
    at = align8(at);
    reads.push({ from: s.from, to: s.to, at });
    at += s.to - s.from;
  }
  return reads;
}

function compactEnd(reads: readonly BodyRead[]): number {
  const last = reads[reads.length - 1];
  return last === undefined ? 0 : last.at + (last.to - last.from);
}

function rebase(region: BufferRegion, reads: readonly BodyRead[]): BufferRegion {
  if (region.length === 0) return new BufferRegion(0, 0);
  const read = reads.find((r) => region.offset >= r.from && region.offset + region.length <= r.to)!;
  return new BufferRegion(read.at + (region.offset - read.from), region.length);
}

function align8(n: number): number {
  return (n + 7) & ~7;
}
