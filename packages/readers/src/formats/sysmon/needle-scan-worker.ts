import { parentPort, workerData } from 'node:worker_threads';
import { byteStream } from '../../io/byte-stream.js';
import { needleLineBlocks } from '../../io/needle-lines.js';
import type { NeedleScanReply, NeedleScanRequest } from './needle-scan.js';
import { HitFileWriter } from './needle-hit-file.js';

/**
 * Worker entry: the lines of one syslog file holding a needle form (needleLineBlocks), found
 * while the main thread runs the correlation pass, written to the hit file as they come so the
 * worker's memory stays bounded however many lines match.
 */
async function run(req: NeedleScanRequest): Promise<NeedleScanReply> {
  const out = new HitFileWriter(req.hitsPath);
  try {
    // Reused read buffers (io/reused-chunks.ts; needleLineBlocks copies what it keeps): a fresh 1 MiB
    // buffer per read piles up dead chunks over a long file, so the worker's memory grew with it.
    for await (const block of needleLineBlocks(byteStream(req.path, req.gzip, undefined, true), req.forms)) out.write(block);
  } finally {
    out.close();
  }
  return { hits: out.hits };
}

run(workerData as NeedleScanRequest).then(
  (reply) => parentPort?.postMessage(reply),
  (err: unknown) => parentPort?.postMessage({ error: (err as Error).message }),
);
