import type { Command } from 'commander';
import { registerCheckCommand } from './check-command.js';
import { registerExplainCommand } from './explain-command.js';
import { registerRunCommand } from './run-command.js';
import { registerConvertCommand } from './convert-command.js';
import { registerDiffCommand } from './diff-command.js';
import { registerTestCommand } from './test-command.js';

/**
 * Each command registers itself from its `*-command.ts` file, which imports nothing heavy: the
 * command's implementation is loaded when it runs (lazy-action.ts says why).
 */
export function registerCommands(program: Command): void {
  registerCheckCommand(program);
  registerRunCommand(program);
  registerExplainCommand(program);
  registerTestCommand(program);
  registerDiffCommand(program);
  registerConvertCommand(program);
}
