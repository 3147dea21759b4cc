import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

export interface ScriptAsset {
  /** Library name and version, for the report's footer. */
  name: string;
  version: string;
  license: string;
  source: string;
}

/**
 * The Chart.js UMD build (a self-contained script defining `window.Chart`), for inlining into
 * single-file HTML reports that must work offline. The package does not export the UMD file, so it
 * is found next to the CommonJS entry point.
 */
export async function chartJsAsset(): Promise<ScriptAsset> {
  const require = createRequire(import.meta.url);
  const entry = require.resolve('chart.js');
  const dist = dirname(entry);
  const pkg = JSON.parse(await readFile(join(dist, '..', 'package.json'), 'utf8')) as { version: string; license: string };
  const source = await readFile(join(dist, 'chart.umd.min.js'), 'utf8');
  return { name: 'Chart.js', version: pkg.version, license: pkg.license, source };
}
