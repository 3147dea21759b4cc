import { Command, CommanderError } from 'commander';
import { ExitCode, UserError } from './exit-codes.js';
import { registerCommands } from './commands/index.js';

/**
 * The kqlr command line: parses `argv` (node, script, arguments...), runs the command and returns
 * the exit status. User errors are messages on stderr with a documented exit code, never a stack
 * trace. main.ts runs it, from the bundle when there is one (launch/bundle-loader.ts).
 */
export async function runCli(argv: string[]): Promise<number> {
  const program = new Command();
  program
    .name('kqlr')
    .description('kql-replay: run KQL detection rules offline over exported security telemetry')
    .version('0.1.0')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride();
  registerCommands(program);
  program.addHelpText('after', ENVIRONMENT_HELP);
  endQuietlyOnClosedPipe();
  try {
    await program.parseAsync(argv);
    return process.exitCode === undefined ? ExitCode.Success : Number(process.exitCode);
  } catch (err) {
    if (err instanceof CommanderError) {
      // --help and --version end through here with code 0.
      return err.exitCode === 0 ? ExitCode.Success : ExitCode.UsageOrInput;
    }
    if (err instanceof UserError) {
      process.stderr.write(`kqlr: ${err.message}\n`);
      return err.exitCode;
    }
    const detail = err instanceof Error ? err.message : String(err);
    process.stderr.write(
      `kqlr: internal error: ${detail}\n` +
        'This is a bug in kql-replay. Please report it with the command you ran ' +
        '(set KQLR_DEBUG=1 to print the stack trace).\n',
    );
    if (process.env['KQLR_DEBUG'] && err instanceof Error && err.stack) process.stderr.write(err.stack + '\n');
    return ExitCode.Internal;
  }
}

/**
 * A reader that stops early (`kqlr run --help | head`) closes the pipe: that ends the output the
 * user asked for, not the program with an error and a stack trace.
 */
function endQuietlyOnClosedPipe(): void {
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'EPIPE') process.exit(process.exitCode === undefined ? ExitCode.Success : Number(process.exitCode));
      throw err;
    });
  }
}

/** The environment variables kqlr reads, for `kqlr --help` (README.md and the readers' README say more). */
const ENVIRONMENT_HELP = `
Environment:
  KQLR_WORKERS=N                  worker threads for large JSON-lines and CSV files (default: one
                                  per core; 0 reads on the main thread)
  KQLR_DEBUG=1                    print the stack trace of an internal error (exit code 3)
  KQLR_NO_BUNDLE=1                run from the ES modules instead of the bundled CLI
  KQLR_STARTUP_TRACE=1            say on stderr which of the two runs, and whether V8 took the
                                  bundle's code cache
  KQLR_SORT_BUFFER_BYTES=N        memory for sorting Sysmon events before spilling to a temporary
                                  file (default 4 MiB)
  KQLR_SYSMON_LOG_MEMORY_BYTES=N  memory for the Sysmon process log before spilling (default 1 MiB)
  KQLR_SYSMON_WORKER_MIN_BYTES=N  Sysmon syslog files this large are scanned on a worker thread
                                  (default 16 MiB)`;
