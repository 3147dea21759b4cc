import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { chartJsAsset, replayDataset } from '@kqlr/replay';
import { renderHtmlReport } from '../../packages/cli/src/report/index.js';
import { dumpDom, findChromium } from './chromium.js';
import { writeTinyDataset } from './tiny-dataset.js';

const chromium = findChromium();
if (chromium === null) console.warn('html-chromium.test.ts: no chromium found, skipping the headless render (apt-get install -y chromium)');

describe('HTML report in headless Chromium', () => {
  it.skipIf(chromium === null)('renders its three charts per dataset offline, without script errors', async () => {
    const rule = 'DeviceFileEvents | where FolderPath endswith ".service"';
    const dir = await writeTinyDataset();
    const run = { rulePath: 'tiny.kql', ruleText: rule, replays: [await replayDataset(rule, dir), await replayDataset(rule, dir)] };
    const out = join(await mkdtemp(join(tmpdir(), 'kqlr-html-')), 'report.html');
    await writeFile(out, renderHtmlReport(run, await chartJsAsset()));
    const dom = dumpDom(chromium!, out);
    const html = /<html[^>]*>/.exec(dom)?.[0] ?? '';
    expect(html).not.toContain('data-chart-error');
    expect(/data-charts-rendered="(\d+)"/.exec(html)?.[1]).toBe('6');
  });
});
