import * as fs from 'node:fs';
import * as path from 'node:path';
import {describe, expect, it} from '@jest/globals';
import {ROOT} from '../../helpers.js';

/** Every relative import of every file under src/, as a graph of repo-relative paths. */
function importGraph(): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  const walk = (dir: string): void => {
    for (const entry of fs.readdirSync(path.join(ROOT, dir), {withFileTypes: true})) {
      const rel = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(rel);
      else if (rel.endsWith('.ts')) {
        const text = fs.readFileSync(path.join(ROOT, rel), 'utf8');
        const targets = [...text.matchAll(/from '(\.[^']+)\.js'/g)].map(m =>
          path.join(path.dirname(rel), `${m[1]}.ts`)
        );
        graph.set(rel, targets);
      }
    }
  };
  walk('src');
  return graph;
}

/** The import cycles of a graph, each as the path that closes it (depth-first, every file once). */
function cycles(graph: Map<string, string[]>): string[] {
  const found: string[] = [];
  const done = new Set<string>();
  const stack: string[] = [];
  const visit = (file: string): void => {
    stack.push(file);
    for (const next of graph.get(file) ?? []) {
      if (stack.includes(next)) found.push([...stack.slice(stack.indexOf(next)), next].join(' -> '));
      else if (!done.has(next)) visit(next);
    }
    stack.pop();
    done.add(file);
  };
  for (const file of graph.keys()) if (!done.has(file)) visit(file);
  return found;
}

describe('src/ has no import cycle (shared types live below the rooms that share them)', () => {
  it('finds a planted cycle', () => {
    const planted = new Map([
      ['src/a.ts', ['src/b.ts']],
      ['src/b.ts', ['src/c.ts']],
      ['src/c.ts', ['src/a.ts']]
    ]);
    expect(cycles(planted)).toEqual(['src/a.ts -> src/b.ts -> src/c.ts -> src/a.ts']);
  });
  it('finds none in src/', () => {
    const graph = importGraph();
    expect(graph.size).toBeGreaterThan(50);
    expect(cycles(graph)).toEqual([]);
  });
});
