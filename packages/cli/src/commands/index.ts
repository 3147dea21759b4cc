import type { Command } from 'commander';
import { registerCheckCommand } from './check.js';
import { registerExplainCommand } from './explain.js';
import { registerRunCommand } from './run-main.js';
import { registerConvertCommand } from './convert.js';
import { registerDiffCommand } from './diff.js';
import { registerTestCommand } from './test.js';

/** Each command lives in its own file and registers itself here. */
export function registerCommands(program: Command): void {
  registerCheckCommand(program);
  registerRunCommand(program);
  registerExplainCommand(program);
  registerTestCommand(program);
  registerDiffCommand(program);
  registerConvertCommand(program);
}
