import type { ExecutionPlan } from './exec/execution-plan.js';

export interface PrintOptions {
  /** Append per-operator metrics (`explain --analyze`). */
  metrics?: boolean;
}

/**
 * DataFusion-style EXPLAIN text: one numbered line per operator, children indented by `--`:
 * `01)FilterExec: predicate=...` / `02)--TableScanExec: ...`. Deterministic (no addresses or
 * timings unless metrics are asked for).
 */
export function printPhysicalPlan(plan: ExecutionPlan, options: PrintOptions = {}): string {
  const lines: string[] = [];
  const visit = (node: ExecutionPlan, depth: number) => {
    const n = String(lines.length + 1).padStart(2, '0');
    const desc = node.describe();
    let line = `${n})${'--'.repeat(depth)}${node.name}${desc === '' ? '' : `: ${desc}`}`;
    if (options.metrics) {
      const m = node.metrics;
      line += `, metrics=[rows_in=${m.rowsIn}, rows_out=${m.rowsOut}, batches_out=${m.batchesOut}, elapsed=${m.elapsedMs.toFixed(3)}ms]`;
    }
    lines.push(line);
    for (const child of node.children()) visit(child, depth + 1);
  };
  visit(plan, 0);
  return lines.join('\n');
}
