import { formatDatetime } from '@kqlr/common';
import { lookupEvent, type EventIndex } from '../dataset/event-index.js';
import type { Label } from '../dataset/labels.js';
import type { UnlabelledPolicy } from '../dataset/manifest.js';
import type { LineageRow } from '../lineage/execute-with-lineage.js';

/** How an alerted event counts: per its first matching label, or the dataset's `unlabelled` policy. */
export type AlertOutcome = 'true-positive' | 'false-positive' | 'ignored' | 'unattributed';

/** One input event that produced at least one output row. */
export interface AlertedEvent {
  /** Row id (lineage/row-id.ts); null for output rows without lineage (grouped into one entry). */
  id: bigint | null;
  table: string | null;
  timestamp: bigint | null;
  host: string;
  /** Output rows the event produced. */
  rows: number;
  labels: Label[];
  outcome: AlertOutcome;
  /** The deciding label's category; `unlabelled` for unlabelled events. */
  category: string;
  scenario: string;
}

export interface ReplayMetrics {
  /** Rows of the tables the rule reads. */
  events: number;
  /** Output rows of the rule. */
  alerts: number;
  alertedEvents: number;
  /** Output rows with no input event (from `print`/`datatable` legs): not scored. */
  unattributedAlerts: number;
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
  trueNegatives: number;
  /** Alerted events whose label is `ignore` (or unlabelled with `unlabelled: ignore`). */
  ignored: number;
  /** TP / (TP + FP); null when there is no scored alert. */
  precision: number | null;
  /** TP / (TP + FN); null when the dataset has no malicious label. */
  recall: number | null;
  /** FP / (FP + TN); null when the rule's tables hold no benign event. */
  falsePositiveRate: number | null;
  falsePositivesByCategory: Record<string, number>;
  /** Output rows per UTC day (`YYYY-MM-DD`) of the source event's Timestamp (`unknown` without one). */
  alertsPerDay: Record<string, number>;
  /** Output rows per DeviceName of the source event. */
  alertsPerHost: Record<string, number>;
  /** Malicious labels no output row came from (FN), of which in tables the rule does not read. */
  falseNegativesOutsideRuleTables: number;
}

export interface Score {
  metrics: ReplayMetrics;
  alerted: AlertedEvent[];
  /** Malicious labels caught (TP) and missed (FN), in labels-file order. */
  caught: Label[];
  missed: Label[];
}

/**
 * Scores a rule's output rows against the labelled events (datasets/labelled/README.md "Counting"):
 * a malicious label is a TP when an output row came from an event it matches (several rows or
 * events count once), else an FN, whatever table it is in. FP and TN count events, not rows: an
 * event the rule returns twice is one false positive. An event's kind is its first matching label
 * in file order; unlabelled events follow `unlabelled`.
 */
export function scoreRows(
  rows: readonly LineageRow[],
  index: EventIndex,
  labels: readonly Label[],
  ruleTables: readonly string[],
  unlabelled: UnlabelledPolicy,
): Score {
  const alertedById = new Map<bigint | null, AlertedEvent>();
  const alertsPerDay: Record<string, number> = {};
  const alertsPerHost: Record<string, number> = {};
  let unattributedAlerts = 0;
  for (const row of rows) {
    const ref = row.id === null ? null : lookupEvent(index, row.id);
    const key = ref === null ? null : row.id;
    let event = alertedById.get(key);
    if (event === undefined) {
      if (ref === null) {
        event = { id: null, table: null, timestamp: null, host: '', rows: 0, labels: [], outcome: 'unattributed', category: '', scenario: '' };
      } else {
        const eventLabels = ref.table.labels.get(ref.row) ?? [];
        const first = eventLabels[0];
        const outcome: AlertOutcome =
          first === undefined
            ? unlabelled === 'benign' ? 'false-positive' : 'ignored'
            : first.label === 'malicious' ? 'true-positive' : first.label === 'benign' ? 'false-positive' : 'ignored';
        event = {
          id: key,
          table: ref.table.name,
          timestamp: ref.table.timestampAt(ref.row),
          host: ref.table.hostAt(ref.row),
          rows: 0,
          labels: eventLabels,
          outcome,
          category: first?.category ?? 'unlabelled',
          scenario: first?.scenario ?? '',
        };
      }
      alertedById.set(key, event);
    }
    event.rows += 1;
    if (event.outcome === 'unattributed') unattributedAlerts += 1;
    const day = event.timestamp === null ? 'unknown' : formatDatetime(event.timestamp).slice(0, 10);
    alertsPerDay[day] = (alertsPerDay[day] ?? 0) + 1;
    alertsPerHost[event.host] = (alertsPerHost[event.host] ?? 0) + 1;
  }
  const alerted = [...alertedById.values()];
  const caughtSet = new Set<Label>();
  const falsePositivesByCategory: Record<string, number> = {};
  let falsePositives = 0;
  let ignored = 0;
  for (const e of alerted) {
    if (e.outcome === 'true-positive') for (const l of e.labels) if (l.label === 'malicious') caughtSet.add(l);
    if (e.outcome === 'false-positive') {
      falsePositives += 1;
      falsePositivesByCategory[e.category] = (falsePositivesByCategory[e.category] ?? 0) + 1;
    }
    if (e.outcome === 'ignored') ignored += 1;
  }
  const malicious = labels.filter((l) => l.label === 'malicious');
  const caught = malicious.filter((l) => caughtSet.has(l));
  const missed = malicious.filter((l) => !caughtSet.has(l));
  let events = 0;
  let benignEvents = 0;
  for (const name of ruleTables) {
    const table = index.byName.get(name);
    if (table === undefined) continue;
    events += table.count;
    for (let row = 0; row < table.count; row++) {
      const first = table.labels.get(row)?.[0];
      if (first === undefined ? unlabelled === 'benign' : first.label === 'benign') benignEvents += 1;
    }
  }
  const alertedBenignInRuleTables = alerted.filter((e) => e.outcome === 'false-positive' && ruleTables.includes(e.table ?? '')).length;
  const trueNegatives = benignEvents - alertedBenignInRuleTables;
  const tp = caught.length;
  const fn = missed.length;
  const ratio = (a: number, b: number): number | null => (a + b === 0 ? null : a / (a + b));
  return {
    metrics: {
      events,
      alerts: rows.length,
      alertedEvents: alerted.filter((e) => e.outcome !== 'unattributed').length,
      unattributedAlerts,
      truePositives: tp,
      falsePositives,
      falseNegatives: fn,
      trueNegatives,
      ignored,
      precision: ratio(tp, falsePositives),
      recall: ratio(tp, fn),
      falsePositiveRate: falsePositives + trueNegatives === 0 ? null : falsePositives / (falsePositives + trueNegatives),
      falsePositivesByCategory,
      alertsPerDay: sortedRecord(alertsPerDay),
      alertsPerHost: sortedRecord(alertsPerHost),
      falseNegativesOutsideRuleTables: missed.filter((l) => !ruleTables.includes(l.table)).length,
    },
    alerted,
    caught,
    missed,
  };
}

function sortedRecord(r: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(r).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
