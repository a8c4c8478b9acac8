import * as fs from 'node:fs';
import * as path from 'node:path';
import type {Config} from '../model/types.js';

/** ssh:// nodes: the key and pinned host keys, and an `ssh` wrapper docker's ssh helper runs instead of the system's. */

/**
 * Files for ssh:// nodes, in a 0700 dir of the step's temp dir: the key and pinned known_hosts (0600), an ssh
 * config that uses only them, and an `ssh` wrapper first on PATH so docker's ssh helper reads that config.
 */
function sshFiles(
  dir: string,
  realSsh: string
): Record<string, {mode: number; text: (key: string, hosts: string) => string}> {
  return {
    id_key: {mode: 0o600, text: key => (key.endsWith('\n') ? key : `${key}\n`)},
    known_hosts: {mode: 0o600, text: (_key, hosts) => (hosts.endsWith('\n') ? hosts : `${hosts}\n`)},
    config: {
      mode: 0o600,
      text: () =>
        [
          'Host *',
          `  IdentityFile ${dir}/id_key`,
          '  IdentitiesOnly yes',
          `  UserKnownHostsFile ${dir}/known_hosts`,
          '  StrictHostKeyChecking yes',
          '  PasswordAuthentication no',
          '  BatchMode yes',
          ''
        ].join('\n')
    },
    'bin/ssh': {mode: 0o700, text: () => `#!/bin/sh\nexec ${realSsh} -F ${dir}/config "$@"\n`}
  };
}

/**
 * Writes the ssh key, known hosts, config and wrapper for ssh:// nodes; returns the wrapper's dir, which goes
 * first on PATH for the docker commands that reach the nodes (undefined when no node is reached over ssh).
 */
export function installSsh(config: Config, tempDir: string, realSsh = '/usr/bin/ssh'): string | undefined {
  if (!config.nodes.some(n => n.kind === 'ssh')) return undefined;
  const dir = path.join(tempDir, 'ssh');
  fs.mkdirSync(path.join(dir, 'bin'), {recursive: true, mode: 0o700});
  for (const [file, {mode, text}] of Object.entries(sshFiles(dir, realSsh))) {
    fs.writeFileSync(path.join(dir, file), text(config.sshPrivateKey, config.sshKnownHosts), {mode});
  }
  return path.join(dir, 'bin');
}
