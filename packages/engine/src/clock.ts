import { TICKS_PER_MILLISECOND } from '@kqlr/common';

/**
 * The wall-clock instant in ticks since 1970, read once per compile (kernels never read the
 * clock: `now()` is one value per query). Sub-millisecond digits come from the monotonic clock.
 */
export function wallClockTicks(): bigint {
  const ms = performance.timeOrigin + performance.now();
  const whole = Math.floor(ms);
  return BigInt(whole) * TICKS_PER_MILLISECOND + BigInt(Math.floor((ms - whole) * 10_000));
}
