#!/usr/bin/env node
// Runs `kqlr test` / `kqlr diff` from the built CLI (packages/cli/dist) until the integrator wires
// them into main.ts: same error handling and exit codes as main.ts.
import { createRequire } from 'node:module';
import { registerTestCommand } from '../../packages/cli/dist/commands/test.js';
import { registerDiffCommand } from '../../packages/cli/dist/commands/diff.js';
import { ExitCode, UserError } from '../../packages/cli/dist/exit-codes.js';

// commander is a dependency of the CLI package, not of the repository root.
const { Command, CommanderError } = createRequire(new URL('../../packages/cli/package.json', import.meta.url))('commander');

const program = new Command().name('kqlr').exitOverride();
registerTestCommand(program);
registerDiffCommand(program);
try {
  await program.parseAsync(process.argv);
} catch (err) {
  if (err instanceof CommanderError) process.exitCode = err.exitCode === 0 ? 0 : ExitCode.UsageOrInput;
  else if (err instanceof UserError) {
    process.stderr.write(`kqlr: ${err.message}\n`);
    process.exitCode = err.exitCode;
  } else {
    process.stderr.write(`kqlr: internal error: ${err instanceof Error ? err.stack : String(err)}\n`);
    process.exitCode = ExitCode.Internal;
  }
}
