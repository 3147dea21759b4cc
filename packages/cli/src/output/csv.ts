import type { RecordBatch } from 'apache-arrow';
import type { TableSchema } from '@kqlr/common';
import { readRows } from '@kqlr/engine';
import { cellText } from './cell-text.js';

/**
 * RFC 4180 CSV, the shape of a Defender portal export (telemetry-formats.md §3(a)): a header of
 * column names, a field quoted only when it holds a comma, a quote or a line break, quotes doubled,
 * null and "" both empty, CRLF line ends as the RFC asks.
 */
export function csvField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvHeader(schema: TableSchema): string {
  return schema.columns.map((c) => csvField(c.name)).join(',') + '\r\n';
}

export function* csvLines(batch: RecordBatch, schema: TableSchema): Generator<string> {
  const types = schema.columns.map((c) => c.type);
  for (const row of readRows(batch, schema)) {
    yield row.map((v, j) => csvField(cellText(v, types[j]!))).join(',') + '\r\n';
  }
}
