/**
 * The young generation of every reader worker (range workers, the Sysmon needle scan), in MiB
 * (V8 sizes it as three semi-spaces). V8 grows a heap's young generation, up to 48 MiB by
 * default, with the bytes that ever survived a scavenge, so a worker reading a large file ends up
 * with a larger one than a worker reading a small file: in a 1e7-row read each worker's had grown
 * to 32 MiB of committed semi-spaces against 16 at 1e6. A worker's survivors are short-lived (a
 * run of lines, the rows of one batch), so a fixed small one costs no measurable CPU and keeps the
 * worker's memory independent of input size.
 */
export const WORKER_YOUNG_GENERATION_MB = 12;

/**
 * The young generation of the range workers of a full scan (every row parsed: a rule without
 * usable text needles, kqlr convert), in MiB: their survivors are a batch's rows of every column,
 * and at 12 MiB scavenges took a third of a worker's time. Still fixed, so memory stays
 * independent of input size. A needle-less rule over 1e6 rows: portal CSV 6.48 -> 5.06 s (RSS 273
 * -> 346 MiB), flat JSON lines 6.96 -> 6.01 s (224 -> 300 MiB); scans with needles are not affected.
 */
export const FULL_SCAN_YOUNG_GENERATION_MB = 32;

