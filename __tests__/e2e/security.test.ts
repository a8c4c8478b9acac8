import {execFileSync, spawn} from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {describe, expect, it} from '@jest/globals';
import {context, docker, expectMainOk, LAB_BUILDKIT, runAction, uid} from './harness.js';
import {BASE, REG} from './registry.js';

/** Every file under a directory, recursively. */
function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, {withFileTypes: true}).flatMap(e => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? filesUnder(p) : [p];
  });
}

describe('inputs reach the CLI as single arguments; secrets reach only BuildKit', () => {
  it('a build-arg with shell metacharacters arrives in the image byte for byte', async () => {
    const value = `$(touch /tmp/pwned) "quoted" 'single' ; echo no && \`id\` | cat > x\nsecond line; rm -rf /`;
    const tag = `${REG}/e2e/args-${uid()}:1`;
    const run = await runAction({
      platforms: 'linux/amd64',
      context: context(`FROM ${BASE}\nARG TRICKY\nRUN printf '%s' "$TRICKY" > /tricky\nCMD ["cat", "/tricky"]\n`),
      // quoted as a CSV field, as build-push-action reads a multi-line value
      'build-args': `"TRICKY=${value.replaceAll('"', '""')}"`,
      tags: tag,
      push: 'true',
      'buildkit-image': LAB_BUILDKIT
    });
    expectMainOk(run);
    expect(run.dockerCalls.find(c => c[1] === 'build')).toContain(`TRICKY=${value}`);
    expect(docker(['run', '--rm', '--pull', 'always', tag])).toBe(value);
    expect(fs.existsSync('/tmp/pwned')).toBe(false);
  });

  it('a secret is used by the build and appears in no byte the action wrote', async () => {
    const secret = `s3cr3t-${uid()}-value`;
    const b64 = Buffer.from(secret).toString('base64');
    const tag = `${REG}/e2e/secret-${uid()}:1`;
    const run = await runAction({
      platforms: 'linux/amd64',
      // the build proves it saw the secret by its length only
      context: context(
        `FROM ${BASE}\nRUN --mount=type=secret,id=token wc -c < /run/secrets/token > /len\nCMD ["cat", "/len"]\n`
      ),
      secrets: `token=${secret}`,
      tags: tag,
      push: 'true',
      'buildkit-image': LAB_BUILDKIT
    });
    expectMainOk(run);
    expect(docker(['run', '--rm', '--pull', 'always', tag]).trim()).toBe(String(secret.length));
    const written = [
      run.main.log
        .split('\n')
        .filter(l => !l.startsWith('::add-mask::'))
        .join('\n'),
      run.post.log,
      JSON.stringify(run.outputs),
      run.summary,
      ...filesUnder(path.dirname(run.runnerTemp)).map(f => fs.readFileSync(f, 'utf8'))
    ].join('\n');
    expect(written).not.toContain(secret);
    expect(written).not.toContain(b64);
    expect(run.main.log).toContain(`::add-mask::${secret}`);
    expect(fs.readdirSync(run.runnerTemp)).toEqual([]);
  });
});

describe('ssh forwarding for RUN --mount=type=ssh', () => {
  it('forwards a running agent (default) and a key file (id=path), by path only', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xbuild-ssh-'));
    const sock = path.join(dir, 'agent.sock');
    const key = path.join(dir, 'id_ed25519');
    execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'xbuild-e2e', '-f', key]);
    const agent = spawn('ssh-agent', ['-D', '-a', sock], {stdio: 'ignore'});
    try {
      for (let i = 0; i < 50 && !fs.existsSync(sock); i++) await new Promise(r => setTimeout(r, 100));
      execFileSync('ssh-add', ['-q', key], {env: {...process.env, SSH_AUTH_SOCK: sock}, stdio: 'ignore'});
      const tag = `${REG}/e2e/ssh-${uid()}:1`;
      const run = await runAction(
        {
          platforms: 'linux/amd64',
          // required=true: the build fails unless the client really forwarded that id
          context: context(
            `FROM ${BASE}\n` +
              'RUN --mount=type=ssh,required=true test -S "$SSH_AUTH_SOCK" && echo agent > /ssh\n' +
              'RUN --mount=type=ssh,id=git,required=true test -S "$SSH_AUTH_SOCK" && echo key >> /ssh\n' +
              'CMD ["cat", "/ssh"]\n'
          ),
          ssh: `default\ngit=${key}`,
          tags: tag,
          push: 'true',
          'buildkit-image': LAB_BUILDKIT
        },
        {env: {SSH_AUTH_SOCK: sock}}
      );
      expectMainOk(run);
      expect(docker(['run', '--rm', '--pull', 'always', tag])).toBe('agent\nkey');
      const build = run.dockerCalls.find(c => c[1] === 'build') ?? [];
      expect(build.slice(build.indexOf('--ssh'), build.indexOf('--ssh') + 4)).toEqual([
        '--ssh',
        'default',
        '--ssh',
        `git=${key}`
      ]);
      const keyText = fs.readFileSync(key, 'utf8').split('\n')[1];
      expect(run.main.log + run.post.log + run.summary).not.toContain(keyText);
    } finally {
      agent.kill();
      fs.rmSync(dir, {recursive: true, force: true});
    }
  });
});
