import { parentPort, workerData } from 'node:worker_threads';
import { byteStream } from '../../io/byte-stream.js';
import { needleLineBlocks } from '../../io/needle-lines.js';
import type { NeedleScanReply, NeedleScanRequest } from './needle-scan.js';

/**
 * Worker entry: the lines of one syslog file holding a needle form (needleLineBlocks), found
 * while the main thread runs the correlation pass. Stops early, answering `tooMany`, past the
 * hit limit (the main thread then scans itself, with bounded memory).
 */
async function run(req: NeedleScanRequest): Promise<NeedleScanReply> {
  const lines: string[] = [];
  const lineNumbers: number[] = [];
  let chars = 0;
  for await (const block of needleLineBlocks(byteStream(req.path, req.gzip), req.forms)) {
    for (let k = 0; k < block.lines.length; k++) {
      lines.push(block.lines[k]!);
      lineNumbers.push(block.lineNumbers[k]!);
      chars += block.lines[k]!.length;
    }
    if (chars > req.maxChars) return { tooMany: true, lines: [], lineNumbers: [] };
  }
  return { tooMany: false, lines, lineNumbers };
}

run(workerData as NeedleScanRequest).then(
  (reply) => parentPort?.postMessage(reply),
  (err: unknown) => parentPort?.postMessage({ error: (err as Error).message }),
);
