import type { ResultDigest } from './result.js';

/** What one execution of one contender reports. */
export interface Measurement {
  id: string;
  phases: Record<string, number>;
  totalMs: number;
  /** The headline phase's time (or totalMs). */
  headlineMs: number;
  /** Peak resident set of the process that ran it (a fresh child per execution unless in-process). */
  maxRssMiB: number;
  digest: ResultDigest;
  /** Set when the contender threw: the run is void. */
  error?: string;
}
