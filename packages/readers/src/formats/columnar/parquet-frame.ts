import { open } from 'node:fs/promises';
import { InputError } from '../../input-error.js';
import { describeFsError } from '../../io/byte-stream.js';

/** `PAR1` at both ends; `PARE` at the end marks an encrypted footer. */
const MAGIC = 'PAR1';
const ENCRYPTED_MAGIC = 'PARE';
/** Leading magic, footer length (u32 little-endian), trailing magic. */
const FRAME_BYTES = 12;

export interface ParquetFrame {
  size: number;
  footerLength: number;
}

/**
 * The cheap structural checks a Parquet file must pass before its footer is decoded: the magic
 * bytes at both ends and a footer length that fits in the file. Two small reads; they turn the
 * common damage (a zero-length file, an export cut off mid-write, a renamed text file) into a
 * message that says what is wrong instead of the decoder's.
 */
export async function checkParquetFrame(path: string): Promise<ParquetFrame> {
  return (await inspectParquet(path, false)).frame;
}

/** checkParquetFrame, and the footer's bytes (the Thrift FileMetaData: parquet-statistics.ts). */
export async function readParquetFooter(path: string): Promise<{ frame: ParquetFrame; footer: Uint8Array }> {
  const { frame, footer } = await inspectParquet(path, true);
  return { frame, footer: footer! };
}

async function inspectParquet(path: string, withFooter: boolean): Promise<{ frame: ParquetFrame; footer: Uint8Array | undefined }> {
  const handle = await open(path, 'r').catch((err: unknown) => {
    throw new InputError(`${path}: cannot open (${describeFsError(err)})`, path);
  });
  try {
    const { size } = await handle.stat();
    if (size === 0) throw new InputError(`${path}: not a readable Parquet file (the file is empty)`, path);
    if (size < FRAME_BYTES) throw new InputError(`${path}: not a readable Parquet file (${size} bytes; a Parquet file has at least ${FRAME_BYTES})`, path);
    const head = Buffer.alloc(4);
    const tail = Buffer.alloc(8);
    await handle.read(head, 0, 4, 0);
    await handle.read(tail, 0, 8, size - 8);
    if (head.toString('latin1') !== MAGIC) throw new InputError(`${path}: not a readable Parquet file (it does not start with the magic bytes PAR1)`, path, undefined, 0);
    const trailer = tail.toString('latin1', 4, 8);
    if (trailer === ENCRYPTED_MAGIC) throw new InputError(`${path}: encrypted Parquet files are not supported`, path);
    if (trailer !== MAGIC) {
      throw new InputError(`${path}: not a readable Parquet file (it does not end with the magic bytes PAR1: truncated, or still being written?)`, path, undefined, size - 4);
    }
    const footerLength = tail.readUInt32LE(0);
    if (footerLength > size - FRAME_BYTES) {
      throw new InputError(`${path}: not a readable Parquet file (its footer claims ${footerLength} bytes but the file has ${size}: truncated or corrupt)`, path, undefined, size - 8);
    }
    if (!withFooter) return { frame: { size, footerLength }, footer: undefined };
    const footer = Buffer.alloc(footerLength);
    // A file cut since its size was read gives a short footer: its statistics then do not decode,
    // and the decoder reports the file as it would have.
    const { bytesRead } = await handle.read(footer, 0, footerLength, size - 8 - footerLength);
    return { frame: { size, footerLength }, footer: footer.subarray(0, bytesRead) };
  } finally {
    await handle.close();
  }
}
