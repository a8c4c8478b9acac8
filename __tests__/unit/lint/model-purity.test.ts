import * as path from 'node:path';
import {describe, expect, it, jest} from '@jest/globals';
import {ESLint} from 'eslint';
import {ROOT} from '../../helpers.js';

jest.setTimeout(60_000);

/** Lints `text` as if it were src/model/table.ts, and returns the rules that fired. */
async function rulesFiredIn(text: string, file = 'src/model/table.ts'): Promise<string[]> {
  const eslint = new ESLint({cwd: ROOT});
  const [result] = await eslint.lintText(text, {filePath: path.join(ROOT, file)});
  return result.messages.map(m => `${m.ruleId ?? 'fatal'}: ${m.message.split(':')[0]}`);
}

const PLANTED: [string, string][] = [
  ['@actions/core', "import * as core from '@actions/core';\nexport const f = (): void => core.info('x');\n"],
  [
    'node:child_process',
    "import {execFileSync} from 'node:child_process';\nexport const f = (): string => execFileSync('x').toString();\n"
  ],
  ['node:fs', "import * as fs from 'node:fs';\nexport const f = (): boolean => fs.existsSync('x');\n"],
  ['a docker/ module', "import {lastLine} from '../docker/exec.js';\nexport const f = (): string => lastLine('x');\n"],
  ['process', 'export const f = (): string => process.arch;\n']
];

describe('model/ stays pure (the ESLint rule keeps it so)', () => {
  it.each(PLANTED)('refuses %s in a model/ file', async (_what, text) => {
    const fired = await rulesFiredIn(text);
    expect(fired.some(r => /^no-restricted-(imports|globals)/.test(r))).toBe(true);
  });
  it('lets a model/ file import its neighbours, and the same imports pass outside model/', async () => {
    expect(
      await rulesFiredIn("import type {Platform} from './types.js';\nexport const f = (p: Platform): string => p;\n")
    ).toEqual([]);
    expect(await rulesFiredIn(PLANTED[2][1], 'src/runner/temp.ts')).toEqual([]);
  });
});
