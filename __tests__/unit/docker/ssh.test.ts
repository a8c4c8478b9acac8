import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {describe, expect, it} from '@jest/globals';
import {configOf} from '../../helpers.js';
import {installSsh} from '../../../src/docker/ssh.js';
const KEY = '-----BEGIN OPENSSH PRIVATE KEY-----\nAAAA\n-----END OPENSSH PRIVATE KEY-----';

describe('ssh files (the ssh:// path; no sshd is reachable from these tests)', () => {
  it('writes the key and pinned hosts 0600, a config that uses only them, and an ssh wrapper whose dir it returns for PATH', () => {
    const temp = fs.mkdtempSync(path.join(os.tmpdir(), 'xbuild-ssh-'));
    const c = configOf({
      platforms: 'linux/arm64',
      nodes: '- endpoint: ssh://builder@arm-host\n  platforms: linux/arm64',
      'ssh-private-key': KEY,
      'ssh-known-hosts': 'arm-host ssh-ed25519 AAAAC3Nz'
    });
    const pathBefore = process.env.PATH;
    try {
      const bin = installSsh(c, temp, '/usr/bin/ssh');
      const dir = path.join(temp, 'ssh');
      const mode = (f: string): string => (fs.statSync(path.join(dir, f)).mode & 0o777).toString(8);
      expect([mode('id_key'), mode('known_hosts'), mode('config'), mode('bin/ssh')]).toEqual([
        '600',
        '600',
        '600',
        '700'
      ]);
      expect(fs.readFileSync(path.join(dir, 'id_key'), 'utf8')).toBe(`${KEY}\n`);
      expect(fs.readFileSync(path.join(dir, 'config'), 'utf8')).toContain(
        `UserKnownHostsFile ${dir}/known_hosts\n  StrictHostKeyChecking yes`
      );
      expect(fs.readFileSync(path.join(dir, 'bin/ssh'), 'utf8')).toBe(
        `#!/bin/sh\nexec /usr/bin/ssh -F ${dir}/config "$@"\n`
      );
      expect(bin).toBe(path.join(dir, 'bin'));
      // the step's own PATH is left alone: the docker commands that reach the nodes get the wrapper's dir
      expect(process.env.PATH).toBe(pathBefore);
      expect(installSsh(configOf({platforms: 'linux/arm64'}), temp)).toBeUndefined();
    } finally {
      fs.rmSync(temp, {recursive: true, force: true});
    }
  });
});
