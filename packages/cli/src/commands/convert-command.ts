import type { Command } from 'commander';
import { INPUT_FORMATS } from '@kqlr/readers/input-spec';
import { collect, lazyAction } from './lazy-action.js';

/**
 * `kqlr convert --data PATH... --to parquet|arrow --out DIR [--force] [--strict]`: one file per
 * table (`DIR/DeviceFileEvents.parquet`). Existing files are kept unless --force; each file is
 * written under a temporary name and renamed into place only when complete.
 */
export function registerConvertCommand(program: Command): void {
  program
    .command('convert')
    .description('convert telemetry exports to Parquet or Arrow IPC, one file per table')
    .requiredOption('--data <path...>', 'input file, directory or glob; Table=PATH names the table (repeatable)', collect, [])
    .requiredOption('--to <format>', 'output format: parquet or arrow (Arrow IPC stream)')
    .requiredOption('--out <dir>', 'output directory (created if missing)')
    .option('--force', 'overwrite existing output files')
    .option('--strict', 'stop at the first malformed input record')
    .option('--timezone <zone>', 'zone of "[Local Time]" columns in Log Analytics CSV (IANA name or +hh:mm)')
    .option('--format <format>', `input format, overriding detection (${INPUT_FORMATS.join(', ')})`)
    .action(lazyAction(async () => (await import('./convert.js')).convert));
}
