import {afterEach, describe, expect, it, jest} from '@jest/globals';
import {CommandError, Exec, lastLine, matching, type RunResult, stepped} from '../../../src/docker/exec.js';
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

describe('lastLine: the line that says why a command failed', () => {
  it("docker run's cause, not its pointer to --help (captured from dockerd 28.5 on the classic store)", () => {
    const stderr = fixture('docker-28.5-run-overwrite-digest.txt');
    expect(lastLine(stderr)).toMatch(/^docker: cannot overwrite digest sha256:[0-9a-f]{64}$/);
    expect(new CommandError(['docker', 'run', '--rm'], 125, stderr).message).toMatch(
      /^docker run --rm failed \(exit 125\): docker: cannot overwrite digest/
    );
  });
  it('the last error line; a warning never', () => {
    expect(lastLine('#1 step\nERROR: failed to solve: x\n#2 done\n')).toBe('ERROR: failed to solve: x');
    expect(lastLine('WARNING: IPv4 forwarding is disabled.\nsomething broke\n')).toBe('something broke');
    expect(lastLine('')).toBe('');
  });
});
