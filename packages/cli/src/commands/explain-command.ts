import type { Command } from 'commander';
import type { ExplainOptions, TableResolver } from './explain.js';
import { collect } from './lazy-action.js';

/**
 * `kqlr explain [QUERY] [--query-file FILE] [--now ISO] [--analyze]`: prints the optimized logical
 * plan and the physical plan. `--analyze` also runs the query (over the tables the resolver gives,
 * else those of `--data`) and prints per-operator rows and time.
 */
export function registerExplainCommand(program: Command, resolveTables?: TableResolver): void {
  program
    .command('explain')
    .description('print the logical and physical plans of a query')
    .argument('[query]', 'the query text, or the path of a .kql file')
    .option('--query-file <file>', 'read the query from a file')
    .option('--now <instant>', 'fix now()/ago() to this ISO 8601 instant')
    .option('--analyze', 'run the query and show per-operator metrics')
    .option('--data <path>', 'telemetry to run over with --analyze (as for kqlr run; repeatable)', collect, [] as string[])
    .action(async (query: string | undefined, options: ExplainOptions & Record<string, unknown>) => {
      await (await import('./explain.js')).explainCommand(query, options, resolveTables);
    });
}
