import {afterEach, describe, expect, it, jest} from '@jest/globals';
import {Docker} from '../../../src/docker/cli.js';
import {Exec} from '../../../src/docker/exec.js';
import {prepareCache} from '../../../src/modes/cache-setup.js';
import {configOf} from '../../helpers.js';

const docker = new Docker({retries: 0, backoffMs: 1});

afterEach(() => {
  jest.restoreAllMocks();
});

describe('the buildx floor', () => {
  it('a buildx older than 0.13 is refused before the build, naming the fix', async () => {
    // a release build's own line (Debian's carries +ds1, which an explicit version never equals)
    const version = 'github.com/docker/buildx v0.12.1 5e4e2a4\n';
    jest.spyOn(Exec, 'once').mockResolvedValue({exitCode: 0, stdout: version, stderr: ''});
    const config = configOf({platforms: 'linux/amd64', 'buildx-version': '0.12.1'});
    await expect(prepareCache(docker, config, '/tmp', 'FROM scratch\n')).rejects.toThrow(
      'buildx 0.12.1 is older than 0.13.0, the oldest this action supports: set buildx-version: latest to run 0.36.0 for this step, or update Docker'
    );
  });
  it('0.13 itself is taken', async () => {
    const version = 'github.com/docker/buildx v0.13.1 788433953af10f2a698f5c07611dddce2e08c7a0\n';
    jest.spyOn(Exec, 'once').mockResolvedValue({exitCode: 0, stdout: version, stderr: ''});
    const write = jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
    const config = configOf({platforms: 'linux/amd64', 'buildx-version': '0.13.1'});
    await expect(prepareCache(docker, config, '/tmp', 'FROM scratch\n')).resolves.toMatchObject({docker});
    expect(write.mock.calls.map(c => String(c[0])).join('')).toContain('buildx 0.13.1');
  });
});
