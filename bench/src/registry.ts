import type { Contender } from './contender.js';
import { columnarJs } from './contenders/columnar-js.js';
import { duckFileContender, duckMemoryContender, duckSysmonContender } from './contenders/duckdb.js';
import { engineContenders, type UnavailableContender } from './contenders/engine.js';
import { naiveMemory, naiveStreamingJsonl } from './contenders/naive-js.js';
import { naiveSysmon, naiveSysmonRegex } from './contenders/naive-sysmon.js';

export interface ContenderSet {
  contenders: Contender[];
  unavailable: UnavailableContender[];
}

/** Every contender, reference first in each group (the first of a group is what others must match). */
export async function loadContenders(): Promise<ContenderSet> {
  const engine = await engineContenders();
  const contenders: Contender[] = [
    naiveMemory,
    duckMemoryContender(null),
    duckMemoryContender(1),
    columnarJs,
    duckFileContender('parquet', null),
    duckFileContender('parquet', 1),
    duckFileContender('flatJsonl', null),
    duckFileContender('flatJsonl', 1),
    duckFileContender('streamingJsonl', null),
    duckFileContender('csv', null),
    duckFileContender('csv', 1),
    naiveStreamingJsonl,
    naiveSysmon,
    naiveSysmonRegex,
    duckSysmonContender(null),
    ...engine.contenders,
  ];
  return { contenders, unavailable: engine.unavailable };
}
