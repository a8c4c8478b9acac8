import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type {SecretSpec} from '../model/types.js';
import {saveState, StateKey} from './state.js';

/** The step's own temp dir under RUNNER_TEMP and the files in it; post removes the dir. */

/** The step's own temp dir (0700): metadata file, secret files, buildkitd config. Post removes it. */
export function makeTempDir(): string {
  const base = process.env.RUNNER_TEMP || os.tmpdir();
  fs.mkdirSync(base, {recursive: true});
  const dir = fs.mkdtempSync(path.join(base, 'xbuild-'));
  fs.chmodSync(dir, 0o700);
  saveState(StateKey.TempDir, dir);
  return dir;
}

/** Writes each value secret to its own 0600 file in the step's temp dir; post removes the dir. */
export function writeSecretFiles(secrets: SecretSpec[], dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  for (const spec of secrets) {
    if (spec.kind !== 'value') continue;
    const file = path.join(dir, `secret-${Object.keys(files).length + 1}`);
    fs.writeFileSync(file, spec.value, {mode: 0o600});
    files[spec.id] = file;
  }
  return files;
}
