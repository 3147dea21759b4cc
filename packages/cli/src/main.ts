#!/usr/bin/env node
import { describeBundleState, loadBundle } from './launch/bundle-loader.js';
import { tuneV8Tiering } from './launch/v8-tiering.js';

// Before any of the CLI's code is loaded (launch/v8-tiering.ts says why).
const tuned = tuneV8Tiering();

// The bundled CLI when the build made one (launch/bundle-loader.ts says why), else the ES modules.
const { exports: bundled, state } = loadBundle();
if (process.env['KQLR_STARTUP_TRACE'] === '1') process.stderr.write(`kqlr: startup: ${describeBundleState(state)}${tuned ? ', V8 interrupt budget doubled' : ''}\n`);
const { runCli } = bundled ?? (await import('./cli.js'));
process.exitCode = await runCli(process.argv);
