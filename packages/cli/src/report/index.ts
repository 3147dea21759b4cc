export { type TestRun, runPassed } from './test-run.js';
export { renderTextReport } from './text-report.js';
export { renderJsonReport } from './json-report.js';
export { renderJunitReport } from './junit-report.js';
export { renderSarifReport } from './sarif-report.js';
export { renderMarkdownReport } from './markdown-report.js';
export { renderHtmlReport } from './html-report.js';
export { renderDiffText, renderDiffJson, renderDiffMarkdown, type DiffRun } from './diff-report.js';
export { writeReportFile } from './write-report.js';
