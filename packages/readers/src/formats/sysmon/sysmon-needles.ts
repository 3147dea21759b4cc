import type { ProcessTable } from './process-table.js';
import { LowerNeedles } from './text-store.js';

/** Texts a row may hold that are not in its line: ActionType values and AdditionalFields keys. */
const ACTION_TYPES = ['filecreated', 'filedeleted', 'processcreated'];
const ADDITIONAL_KEYS = [
  'sysmoneventid', 'rulename', 'creationutctime', 'processguid', 'eventrecordid', 'isexecutable', 'archived',
  'processcurrentworkingdirectory', 'logonguid', 'terminalsessionid',
];
/** First characters a needle may have when it matches inside a JSON escape (`\n`, `\u001f`, ...). */
const ESCAPE_TAIL = /^[btnfru0-9a-f]/;
/** More correlated processes than this make the prefilter keep too much to be worth it. */
const MAX_PROCESS_FORMS = 32;

/**
 * The lower-cased texts whose presence makes a Sysmon syslog line a candidate for a scan with
 * `textNeedles` (a row passing the scan's filters holds a needle in some string column), or
 * undefined when the prefilter cannot be exact. A row's strings come from its own line (values as
 * written, less entities), from constants, and from the correlated EventID 1. So:
 *
 * - needles must be ASCII without control characters (lower-casing the line is then exact, as in
 *   the JSON prefilter); lines with `&#` are always parsed (a character reference can hide any
 *   character), and lines with `&` too when a needle holds a character a named entity yields;
 * - when the scan reads ActionType, a needle inside `FileCreated`/`FileDeleted`/`ProcessCreated`
 *   refuses the prefilter; when it reads DeviceId (SHA-1 hex of Computer), so does an all-hex
 *   needle of up to 40 characters; when it reads AdditionalFields (compact JSON built from the
 *   line), so does a needle with JSON punctuation, inside a key name, or starting with a letter
 *   that could follow a backslash in an escape sequence;
 * - values taken from the process table (command line, user, hashes, parent file name of the
 *   process or, for EventID 1, of its parent): for syslog files the correlation pass recorded
 *   the keys each event's row finds its process by (EventRefs), and lines of events with the
 *   (host, guid) or (host, pid) of a process holding a needle are read too (process-log.ts
 *   `needleKeys`); without such records, each process whose values hold a needle adds its
 *   ProcessGuid and `>ProcessId<` as forms, so a line naming it (directly or by the ProcessId
 *   fallback) is parsed, up to MAX_PROCESS_FORMS processes.
 */
export function sysmonNeedleForms(
  needles: readonly string[] | undefined,
  columns: readonly string[] | undefined,
  procs: ProcessTable,
): string[] | undefined {
  const text = sysmonTextForms(needles, columns);
  if (text === undefined) return undefined;
  const more = processForms(text.needles, procs);
  return more === undefined ? undefined : [...text.forms, ...more];
}

/** The line-text part of sysmonNeedleForms: forms, and the lower-cased needles. */
export function sysmonTextForms(
  needles: readonly string[] | undefined,
  columns: readonly string[] | undefined,
): { forms: string[]; needles: string[] } | undefined {
  if (needles === undefined || needles.length === 0) return undefined;
  const lower: string[] = [];
  for (const n of needles) {
    if (n.length === 0 || !/^[\x20-\x7e]*$/.test(n)) return undefined;
    lower.push(n.toLowerCase());
  }
  const reads = (c: string): boolean => columns === undefined || columns.includes(c);
  for (const n of lower) {
    if (reads('ActionType') && ACTION_TYPES.some((a) => a.includes(n))) return undefined;
    if (reads('DeviceId') && n.length <= 40 && /^[0-9a-f]+$/.test(n)) return undefined;
    if (reads('AdditionalFields') && (/[{}":,\\]/.test(n) || ESCAPE_TAIL.test(n) || ADDITIONAL_KEYS.some((k) => k.includes(n)))) {
      return undefined;
    }
  }
  const forms = new Set(lower);
  forms.add('&#');
  if (lower.some((n) => /[&<>"']/.test(n))) forms.add('&');
  return { forms: [...forms], needles: lower };
}

/**
 * Forms naming the processes whose correlated values hold a needle: ProcessGuid and
 * `>ProcessId<` each (undefined beyond MAX_PROCESS_FORMS processes). For inputs without
 * EventRefs (gzip, XML documents).
 */
function processForms(lower: readonly string[], procs: ProcessTable): string[] | undefined {
  const found = procs.holdingNeedle(new LowerNeedles(lower), MAX_PROCESS_FORMS);
  if (found.length > MAX_PROCESS_FORMS) return undefined;
  const forms: string[] = [];
  for (const { guid, pid } of found) {
    forms.push(guid.toLowerCase());
    if (pid !== '') forms.push(`>${pid.toLowerCase()}<`);
  }
  return forms;
}
