// The main process's module graph, read from the sources: no import cycles (an area's index.ts re-exporting a
// service that imports the first area back would evaluate a module before its imports exist), and entity files reach
// only other entity files and db/ (decorator metadata names the related classes the moment a class is defined).
// ESLint holds which imports are allowed (eslint.config.mjs); this holds the order they can run in.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(__dirname, '../..');
const MAIN = join(ROOT, 'src-main');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sources(path) : path.endsWith('.ts') ? [path] : [];
  });
}

/** Imports that exist at run time: `import type` and imports of types only are erased by the compiler. */
function runtimeImports(file: string, known: Set<string>): string[] {
  const text = readFileSync(file, 'utf8');
  const out: string[] = [];
  for (const m of text.matchAll(/^(?:import|export)\s+(type\s+)?([^;]*?)\s*from\s+'(\.[^']*)'/gms)) {
    if (m[1]) continue;
    const names = /^\{([^}]*)\}$/.exec(m[2].trim());
    if (names && names[1].split(',').every((n) => !n.trim() || n.trim().startsWith('type '))) continue;
    const target = normalize(join(dirname(file), m[3]));
    const resolved = [`${target}.ts`, join(target, 'index.ts')].find((p) => known.has(p));
    if (resolved) out.push(resolved);
  }
  return out;
}

const files = sources(MAIN);
const known = new Set(files);
const graph = new Map(files.map((f) => [f, runtimeImports(f, known)]));
const name = (f: string) => relative(ROOT, f);

describe('the main process module graph', () => {
  it('has no import cycles', () => {
    const cycles: string[] = [];
    const state = new Map<string, 'open' | 'done'>();
    const path: string[] = [];
    const visit = (f: string) => {
      state.set(f, 'open');
      path.push(f);
      for (const next of graph.get(f) ?? []) {
        if (state.get(next) === 'open') cycles.push([...path.slice(path.indexOf(next)), next].map(name).join(' → '));
        else if (!state.has(next)) visit(next);
      }
      path.pop();
      state.set(f, 'done');
    };
    for (const f of files) if (!state.has(f)) visit(f);
    expect(cycles).toEqual([]);
  });

  it('lets entity files reach only entity files and db/', () => {
    const strays: string[] = [];
    for (const entity of files.filter((f) => f.endsWith('.entity.ts'))) {
      const seen = new Set<string>();
      const todo = [entity];
      while (todo.length) {
        for (const next of graph.get(todo.pop()!) ?? []) {
          if (seen.has(next)) continue;
          seen.add(next);
          todo.push(next);
        }
      }
      for (const f of seen) if (!f.endsWith('.entity.ts') && !name(f).startsWith('src-main/db/')) strays.push(`${name(entity)} → ${name(f)}`);
    }
    expect(strays).toEqual([]);
  });
});
