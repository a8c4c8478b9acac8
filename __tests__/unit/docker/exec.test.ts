import {afterEach, describe, expect, it, jest} from '@jest/globals';
import {CommandError, Exec, matching, type RunResult, stepped} from '../../../src/docker/exec.js';
import {TRANSIENT} from '../../../src/docker/failures.js';
import {fixture} from '../../helpers.js';
const result = (exitCode: number, stderr = '', stdout = ''): RunResult => ({exitCode, stdout, stderr});
const fast = {attempts: 3, delayMs: stepped([0]), retryOn: matching(TRANSIENT)};

afterEach(() => {
  jest.restoreAllMocks();
});

describe('Exec.run: one retry policy', () => {
  it('retries a transient registry error, then succeeds', async () => {
    const once = jest
      .spyOn(Exec, 'once')
      .mockResolvedValueOnce(result(1, 'ERROR: failed to do request: dial tcp: i/o timeout'))
      .mockResolvedValueOnce(result(0, '', 'ok'));
    await expect(Exec.run('docker', ['buildx', 'imagetools', 'inspect'], {retry: fast})).resolves.toMatchObject({
      stdout: 'ok'
    });
    expect(once).toHaveBeenCalledTimes(2);
  });
  it('fails at once on an error that will not pass, with the CLI line that says why', async () => {
    const once = jest.spyOn(Exec, 'once').mockResolvedValue(result(1, fixture('buildx-0.13-build-failed.log')));
    const run = Exec.run('docker', ['buildx', 'build', '--builder', 'b'], {retry: fast});
    await expect(run).rejects.toBeInstanceOf(CommandError);
    await expect(run).rejects.toThrow(
      'docker buildx build failed (exit 1): ERROR: failed to solve: process "/bin/sh -c echo about to fail && exit 3" did not complete successfully: exit code: 3'
    );
    expect(once).toHaveBeenCalledTimes(1);
  });
  it('gives up after the last attempt', async () => {
    const once = jest.spyOn(Exec, 'once').mockResolvedValue(result(1, '503 Service Unavailable'));
    await expect(Exec.run('docker', ['pull'], {retry: fast})).rejects.toThrow('503 Service Unavailable');
    expect(once).toHaveBeenCalledTimes(3);
  });
});
