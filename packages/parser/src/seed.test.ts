import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseQuery, printAst } from './index.js';

const seed = readFileSync(new URL('./testdata/seed-t1543-002.kql', import.meta.url), 'utf8');

describe('seed rule T1543.002 (shared/seeds/000_f5445afb1515489c.txt)', () => {
  const { result, diagnostics } = parseQuery(seed);

  it('parses without diagnostics', () => {
    expect(diagnostics).toEqual([]);
  });

  it('has two let statements and a pipe body', () => {
    expect(result.statements.map((s) => s.kind)).toEqual(['LetStatement', 'LetStatement']);
    expect(result.body?.kind).toBe('PipeExpression');
  });

  it('prints the expected AST', () => {
    expect(printAst(result)).toBe(
      '(query' +
        ' (let SystemdServicePaths dynamic(["/etc/systemd/system/","/lib/systemd/system/","/usr/lib/systemd/system/","/run/systemd/system/",".config/systemd/user/","/etc/systemd/user/"]))' +
        ' (let SuspiciousServiceNames dynamic(["syslogd","systemd-network","systemd-resolve","kthreadd","netns","cron2","update-rc","sshd2","rsyslogd"]))' +
        ' (pipe DeviceFileEvents' +
        ' (where (> Timestamp (call ago timespan(1.00:00:00))))' +
        ' (where (in ActionType ["FileCreated" "FileModified"]))' +
        ' (where (has_any FolderPath [SystemdServicePaths]))' +
        ' (where (endswith FileName ".service"))' +
        ' (extend (= IsUserLevelService (contains FolderPath ".config/systemd/user")))' +
        ' (extend (= IsSuspiciousName (has_any FileName [SuspiciousServiceNames])))' +
        ' (project Timestamp DeviceName AccountName ActionType FolderPath FileName InitiatingProcessFileName' +
        ' InitiatingProcessCommandLine InitiatingProcessAccountName IsUserLevelService IsSuspiciousName)' +
        ' (sort-by (key Timestamp desc))))',
    );
  });

  it('gives the where operator the span of its text', () => {
    const body = result.body;
    if (body?.kind !== 'PipeExpression') throw new Error('expected a pipe');
    const first = body.operators[0]!;
    expect(seed.slice(first.span.start, first.span.end)).toBe('where Timestamp > ago(24h)');
  });
});
