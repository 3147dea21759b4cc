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
