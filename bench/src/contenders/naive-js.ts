import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import type { Contender, ContenderOutcome } from '../contender.js';
import { timed, timedRepeated } from '../contender.js';
import { sameRows } from '../result.js';
import { NaiveDetection, type JsonRow } from './naive-rule.js';

async function* lines(path: string): AsyncGenerator<string> {
  const rl = createInterface({ input: createReadStream(path, { highWaterMark: 1 << 20 }), crlfDelay: Infinity });
  for await (const line of rl) if (line.trim() !== '') yield line;
}

/** JSON.parse every line of the Streaming API export, evaluate on the object: the baseline. */
export const naiveStreamingJsonl: Contender = {
  id: 'naive-streamingJsonl',
  label: 'naive JS: JSON.parse per line (streaming export)',
  group: 'defender',
  heapMiB: 16384,
  input: 'streamingJsonl',
  async run(ctx): Promise<ContenderOutcome> {
    const phases: Record<string, number> = {};
    const detection = new NaiveDetection(ctx.nowTicks);
    await timed(phases, 'parse+filter', async () => {
      for await (const line of lines(ctx.files.streamingJsonl)) {
        const record = JSON.parse(line) as { properties?: JsonRow };
        if (record.properties) detection.offer(record.properties);
      }
    });
    const rows = await timed(phases, 'sort', () => detection.result());
    return { rows, phases };
  },
};

/** The same evaluation over objects already in memory (flat JSONL parsed beforehand): `filter` is the headline. */
export const naiveMemory: Contender = {
  id: 'naive-memory',
  label: 'naive JS: loop over parsed objects in memory',
  group: 'defender',
  heapMiB: 16384,
  input: 'flatJsonl',
  headline: 'filter',
  async run(ctx): Promise<ContenderOutcome> {
    const phases: Record<string, number> = {};
    const objects: JsonRow[] = [];
    await timed(phases, 'load', async () => {
      for await (const line of lines(ctx.files.flatJsonl)) objects.push(JSON.parse(line) as JsonRow);
    });
    const evaluate = () => {
      const detection = new NaiveDetection(ctx.nowTicks);
      for (const o of objects) detection.offer(o);
      return detection.result();
    };
    const rows = await timedRepeated(phases, 'filter', evaluate, sameRows);
    return { rows, phases };
  },
};
