import { readdir, stat } from 'node:fs/promises';
import { join, sep } from 'node:path';
import { InputError } from '../input-error.js';
import { describeFsError } from './byte-stream.js';

export interface ExpandedPath {
  path: string;
  size: number;
  /** Found by listing a directory or matching a glob (not named explicitly). */
  listed: boolean;
}

const GLOB_CHARS = /[*?[]/;

/** A file, every file below a directory (sorted, hidden entries skipped), or the files matching a glob. */
export async function expandPath(spec: string): Promise<ExpandedPath[]> {
  if (GLOB_CHARS.test(spec)) return expandGlob(spec);
  let st;
  try {
    st = await stat(spec);
  } catch (err) {
    throw new InputError(`${spec}: cannot read input (${describeFsError(err)})`, spec);
  }
  if (st.isDirectory()) {
    const files = await walk(spec);
    if (files.length === 0) throw new InputError(`${spec}: directory holds no files`, spec);
    return files;
  }
  return [{ path: spec, size: st.size, listed: false }];
}

async function walk(dir: string): Promise<ExpandedPath[]> {
  const out: ExpandedPath[] = [];
  const entries = (await readdir(dir, { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const e of entries) {
    if (e.name.startsWith('.')) continue;
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...(await walk(p)));
    else if (e.isFile()) out.push({ path: p, size: (await stat(p)).size, listed: true });
  }
  return out;
}

async function expandGlob(pattern: string): Promise<ExpandedPath[]> {
  const norm = pattern.split(sep).join('/');
  const parts = norm.split('/');
  const firstGlob = parts.findIndex((p) => GLOB_CHARS.test(p));
  const base = parts.slice(0, firstGlob).join('/') || (norm.startsWith('/') ? '/' : '.');
  const re = globToRegExp(norm);
  let all: ExpandedPath[];
  try {
    all = await walk(base);
  } catch (err) {
    throw new InputError(`${pattern}: cannot list ${base} (${describeFsError(err)})`, pattern);
  }
  const matches = all.filter((f) => re.test(stripDot(f.path.split(sep).join('/'), base)));
  if (matches.length === 0) throw new InputError(`${pattern}: no file matches this pattern`, pattern);
  return matches;
}

function stripDot(p: string, base: string): string {
  return base === '.' && !p.startsWith('./') ? `./${p}` : p;
}

/** `**` spans directories, `*` and `?` stay within one path segment, `[...]` is a class. */
export function globToRegExp(glob: string): RegExp {
  const g = glob.startsWith('/') || glob.startsWith('./') ? glob : `./${glob}`;
  let re = '';
  for (let i = 0; i < g.length; i++) {
    const c = g[i]!;
    if (c === '*') {
      if (g[i + 1] === '*') {
        re += g[i + 2] === '/' ? '(?:.*/)?' : '.*';
        i += g[i + 2] === '/' ? 2 : 1;
      } else re += '[^/]*';
    } else if (c === '?') re += '[^/]';
    else if (c === '[') {
      const end = g.indexOf(']', i + 1);
      if (end < 0) re += '\\[';
      else {
        re += `[${g.slice(i + 1, end).replace(/^!/, '^').replace(/\\/g, '\\\\')}]`;
        i = end;
      }
    } else re += c.replace(/[.+^${}()|\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}
