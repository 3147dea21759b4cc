import { MetadataVersion, Type, UnionMode, type DataType, type Field } from 'apache-arrow';

/**
 * How many field nodes, body buffers and variadic-buffer counts one column takes in an IPC record
 * batch. The Arrow IPC format lists the nodes and buffers of all columns flattened depth-first in
 * schema order, so skipping a column means knowing its share exactly (Arrow columnar format,
 * "Buffer layout" per type). The reader checks the totals against each batch's header, so a
 * miscount is caught instead of silently reading another column's bytes.
 */
export interface ColumnLayout {
  nodes: number;
  buffers: number;
  /** Entries of the batch's `variadicBufferCounts` (one per view-typed column). */
  variadic: number;
}

/** The layout of `field`, or null for a type this module does not know (the caller falls back). */
export function columnLayout(field: Field | DataType, version: MetadataVersion): ColumnLayout | null {
  const type = 'type' in field ? field.type : field;
  const out: ColumnLayout = { nodes: 0, buffers: 0, variadic: 0 };
  return addLayout(type, version, out) ? out : null;
}

function addLayout(type: DataType, version: MetadataVersion, out: ColumnLayout): boolean {
  out.nodes += 1;
  switch (type.typeId) {
    case Type.Null:
      // No buffers at all: a Null column is only its length.
      return true;
    case Type.Bool:
    case Type.Int:
    case Type.Float:
    case Type.Decimal:
    case Type.Date:
    case Type.Time:
    case Type.Timestamp:
    case Type.Interval:
    case Type.Duration:
    case Type.FixedSizeBinary:
    case Type.Dictionary: // validity + indices; the values travel in dictionary batches
      out.buffers += 2;
      return true;
    case Type.Utf8:
    case Type.Binary:
    case Type.LargeUtf8:
    case Type.LargeBinary:
      out.buffers += 3; // validity, offsets, data
      return true;
    case Type.Utf8View:
    case Type.BinaryView:
      out.buffers += 2; // validity, views; then as many data buffers as the batch's variadic count says
      out.variadic += 1;
      return true;
    case Type.List:
    case Type.LargeList:
    case Type.Map:
      out.buffers += 2;
      return children(type, version, out);
    case Type.FixedSizeList:
    case Type.Struct:
      out.buffers += 1;
      return children(type, version, out);
    case Type.Union: {
      // V5 unions have no validity buffer; older files wrote one.
      const mode = (type as DataType & { mode: UnionMode }).mode;
      out.buffers += (mode === UnionMode.Dense ? 2 : 1) + (version < MetadataVersion.V5 ? 1 : 0);
      return children(type, version, out);
    }
    default:
      return false;
  }
}

function children(type: DataType, version: MetadataVersion, out: ColumnLayout): boolean {
  for (const child of type.children as Field[]) if (!addLayout(child.type, version, out)) return false;
  return true;
}
