#!/usr/bin/env node
import { describeBundleState, loadBundle } from './launch/bundle-loader.js';

// The bundled CLI when the build made one (launch/bundle-loader.ts says why), else the ES modules.
const { exports: bundled, state } = loadBundle();
if (process.env['KQLR_STARTUP_TRACE'] === '1') process.stderr.write(`kqlr: startup: ${describeBundleState(state)}\n`);
const { runCli } = bundled ?? (await import('./cli.js'));
process.exitCode = await runCli(process.argv);
