import type { FileScanContext } from '../../scan/scan-context.js';
import type { SysmonBroken, SysmonEvent } from './sysmon-event.js';
import { scanEvent } from './xml-event-scanner.js';

const SYSMON_TAG = /(?:^|\s)sysmon(?:\[\d+\])?:\s*$/;

/**
 * One syslog line, as text: the `<Event>` record after a `sysmon:` / `sysmon[pid]:` tag (or a bare
 * `<Event>` line), read by the string scanner. Undefined when the line is not a Sysmon record
 * (another program's line, a `sysmon:` message without XML), which is counted as skipped.
 */
export function syslogLineEvent(
  line: string,
  ctx: FileScanContext,
  wanted?: (eventId: number) => boolean,
): SysmonEvent | SysmonBroken | null | undefined {
  const at = line.indexOf('<Event');
  if (at < 0 || !/^<Event[\s>]/.test(line.slice(at, at + 7))) {
    if (line.trim() !== '') ctx.skipLine();
    return undefined;
  }
  if (at > 0 && !SYSMON_TAG.test(line.slice(0, at))) {
    ctx.skipLine();
    return undefined;
  }
  return scanEvent(line.slice(at).trimEnd(), wanted);
}
