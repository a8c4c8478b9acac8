import * as fs from 'node:fs';
import * as path from 'node:path';
import {fileURLToPath} from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const fixture = (name: string): string =>
  fs.readFileSync(path.join(ROOT, '__tests__', 'fixtures', name), 'utf8');
