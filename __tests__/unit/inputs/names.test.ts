import * as fs from 'node:fs';
import * as path from 'node:path';
import {describe, expect, it} from '@jest/globals';
import {parse} from 'yaml';
import {DEFAULTS, INPUT_NAMES} from '../../../src/inputs/names.js';
import {ROOT} from '../../helpers.js';

interface ActionYml {
  runs: {using: string; main: string; post: string};
  inputs: Record<string, {description?: string; default?: string; required?: boolean}>;
  outputs: Record<string, {description?: string}>;
}

const action = parse(fs.readFileSync(path.join(ROOT, 'action.yml'), 'utf8')) as ActionYml;
/** Every source file of the action, by its path under src/. */
const sources = new Map(
  fs
    .readdirSync(path.join(ROOT, 'src'), {recursive: true, encoding: 'utf8'})
    .filter(f => f.endsWith('.ts'))
    .map(f => [f, fs.readFileSync(path.join(ROOT, 'src', f), 'utf8')])
);
const source = [...sources.values()].join('\n');

/** Names the code reads: every `get('x')`, `raw('x')` or `bool('x')` in inputs/read.ts. */
const readInputs = new Set([...source.matchAll(/\b(?:get|raw|bool)\('([a-z-]+)'\)/g)].map(m => m[1]));
const setOutputs = new Set([...source.matchAll(/core\.setOutput\('([a-z-]+)'/g)].map(m => m[1]));

describe('action.yml contract', () => {
  it('runs on node24 with one bundle for main and post', () => {
    expect(action.runs).toEqual({using: 'node24', main: 'dist/index.js', post: 'dist/index.js'});
  });
  it('declares and describes every input the code reads, and nothing unused', () => {
    expect(Object.keys(action.inputs)).toEqual([...INPUT_NAMES]);
    expect([...readInputs].sort()).toEqual([...INPUT_NAMES].sort());
    const undescribed = Object.entries(action.inputs).filter(([, i]) => (i.description ?? '').length < 10);
    expect(undescribed).toEqual([]);
  });
  it("declares the same defaults as the code (an expression default is the runner's to fill in)", () => {
    expect(action.inputs['github-token'].default).toBe('${{ github.token }}');
    const declared = Object.fromEntries(
      Object.entries(action.inputs)
        .filter(([, i]) => i.default !== undefined && !i.default.startsWith('${{'))
        .map(([n, i]) => [n, i.default])
    );
    expect(declared).toEqual(DEFAULTS);
  });
  it('declares and describes every output the code sets, and nothing unused', () => {
    expect(Object.keys(action.outputs).sort()).toEqual([...setOutputs].sort());
    for (const output of Object.values(action.outputs)) expect(output.description).toMatch(/\w{3,}/);
  });
  it('only main.ts calls core.getInput (inputs/read.ts takes it as a seam)', () => {
    const callers = [...sources].filter(([, text]) => /core\.getInput\(/.test(text)).map(([f]) => f);
    expect(callers).toEqual(['main.ts']);
  });
  it('documents every input and output in the README', () => {
    const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    const missing = [...Object.keys(action.inputs), ...Object.keys(action.outputs)].filter(
      n => !new RegExp(`^\\| \`${n}\` +\\|`, 'm').test(readme)
    );
    expect(missing).toEqual([]);
  });
});
