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
