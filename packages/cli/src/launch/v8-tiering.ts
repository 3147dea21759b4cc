import { setFlagsFromString } from 'node:v8';

/**
 * Doubles V8's interrupt budget (how much bytecode a function runs before V8 considers optimising
 * it) for the kqlr process, before the CLI's code is loaded. Called by main.ts and, so that the
 * code cache's flags match, by scripts/train-code-cache.mjs (and bench/, which runs the engine as
 * the CLI does).
 *
 * Why: a replay runs each kernel over whole batches, which makes it hot at once under any budget,
 * but it also runs a few dozen per-row loops over the few rows a rule keeps (deferred columns, the
 * sort's gather, result rows, `extend`). With the default budget those too were sent to the
 * optimising compiler, whose threads then competed with the main thread for the cores. 1e6-row
 * Arrow replay of the seed rule, 12 alternating runs: execution 153 -> 140 ms (CPU of all threads
 * 256 -> 212 ms); JSON lines, CSV, Streaming JSON, Sysmon and Parquet replays within +-1% (Sysmon
 * -4%).
 *
 * Only on the V8 it was measured on (Node 20's 11.3: default budget 66 KiB), and not when the
 * user set the flag on node's command line. Returns whether it was set.
 */
export function tuneV8Tiering(): boolean {
  if (!process.versions.v8.startsWith('11.3.')) return false;
  // (Node does not allow V8 flags like this one in NODE_OPTIONS: only the command line can set it.)
  if (process.execArgv.some((a) => a.startsWith('--interrupt-budget') || a.startsWith('--interrupt_budget'))) return false;
  setFlagsFromString(`--interrupt-budget=${INTERRUPT_BUDGET}`);
  return true;
}

const INTERRUPT_BUDGET = 2 * 66 * 1024;
