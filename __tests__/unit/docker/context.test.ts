import {execFileSync} from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {afterAll, describe, expect, it} from '@jest/globals';
import {makeCertificates} from '../../certs.js';
import {
  builderDaemonHost,
  contextHost,
  currentContext,
  endpointEnv,
  envContextArgs,
  envTls
} from '../../../src/docker/context.js';

/** A docker config dir written by the real docker CLI: a context `lab` made and chosen with `docker context use`. */
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xbuild-dockercfg-'));
const cli = (...args: string[]): string =>
  execFileSync('docker', args, {env: {PATH: process.env.PATH, DOCKER_CONFIG: dir}, encoding: 'utf8'}).trim();
cli('context', 'create', 'lab', '--docker', 'host=tcp://127.0.0.1:2376');
cli('context', 'use', 'lab');
afterAll(() => fs.rmSync(dir, {recursive: true, force: true}));

describe('the engine context, read as `docker context show` reads it', () => {
  it('config.json currentContext, unless DOCKER_CONTEXT or DOCKER_HOST says otherwise', () => {
    expect(currentContext({DOCKER_CONFIG: dir})).toBe(cli('context', 'show'));
    expect(currentContext({DOCKER_CONFIG: dir})).toBe('lab');
    expect(currentContext({DOCKER_CONFIG: dir, DOCKER_CONTEXT: 'other'})).toBe('other');
    expect(currentContext({DOCKER_CONFIG: dir, DOCKER_HOST: 'unix:///run/docker.sock'})).toBe('default');
    expect(currentContext({DOCKER_CONFIG: path.join(dir, 'missing')})).toBe('default');
    // both set: DOCKER_HOST wins, as the CLI shows
    const both = {DOCKER_CONFIG: dir, DOCKER_CONTEXT: 'lab', DOCKER_HOST: 'unix:///run/docker.sock'};
    expect(currentContext(both)).toBe(
      execFileSync('docker', ['context', 'show'], {env: {PATH: process.env.PATH, ...both}, encoding: 'utf8'}).trim()
    );
    expect(currentContext(both)).toBe('default');
  });
  it("the endpoint input's daemon: an address as it is, a context's host from the store; the CLI pointed at it", () => {
    expect(builderDaemonHost('lab', {DOCKER_CONFIG: dir})).toBe('tcp://127.0.0.1:2376');
    expect(builderDaemonHost('unix:///tmp/other.sock', {DOCKER_CONFIG: dir})).toBe('unix:///tmp/other.sock');
    expect(builderDaemonHost('', {DOCKER_CONFIG: dir})).toBe('tcp://127.0.0.1:2376');
    expect(builderDaemonHost('', {DOCKER_CONFIG: dir, DOCKER_HOST: 'unix:///s'})).toBe('unix:///s');
    expect(endpointEnv('lab')).toEqual({DOCKER_CONTEXT: 'lab', DOCKER_HOST: ''});
    expect(endpointEnv('ssh://me@arm')).toEqual({DOCKER_HOST: 'ssh://me@arm', DOCKER_CONTEXT: ''});
    expect(endpointEnv('')).toEqual({});
    // what the CLI makes of that environment: the context's engine even with a DOCKER_HOST in the step's
    const env = {
      PATH: process.env.PATH,
      DOCKER_CONFIG: dir,
      DOCKER_HOST: 'unix:///run/docker.sock',
      ...endpointEnv('lab')
    };
    expect(execFileSync('docker', ['context', 'show'], {env, encoding: 'utf8'}).trim()).toBe('lab');
  });
  it("a context's docker host from the context store; the environment's for default", () => {
    expect(contextHost('lab', {DOCKER_CONFIG: dir})).toBe('tcp://127.0.0.1:2376');
    expect(contextHost('gone', {DOCKER_CONFIG: dir})).toBe('');
    expect(contextHost('default', {})).toBe('unix:///var/run/docker.sock');
    expect(contextHost('default', {DOCKER_HOST: 'tcp://dind:2376'})).toBe('tcp://dind:2376');
  });
});

describe('Docker over TLS from the environment (DOCKER_HOST, DOCKER_TLS_VERIFY, DOCKER_CERT_PATH)', () => {
  it('is TLS for a tcp:// host with DOCKER_TLS_VERIFY or DOCKER_TLS (DOCKER_HOST: the default context)', () => {
    const host = {DOCKER_HOST: 'tcp://dind:2376', DOCKER_CERT_PATH: '/certs/client'};
    expect(envTls({...host, DOCKER_TLS_VERIFY: '1'})).toEqual({certPath: '/certs/client', verify: true});
    expect(envTls({...host, DOCKER_TLS: '1'})).toEqual({certPath: '/certs/client', verify: false});
    expect(envTls(host)).toBeUndefined();
    // DOCKER_HOST wins over DOCKER_CONTEXT (the CLI reaches the TLS daemon with both set)
    expect(envTls({...host, DOCKER_TLS_VERIFY: '1', DOCKER_CONTEXT: 'x'})).toEqual({
      certPath: '/certs/client',
      verify: true
    });
    expect(envTls({DOCKER_HOST: 'unix:///s', DOCKER_TLS_VERIFY: '1'})).toBeUndefined();
    expect(envTls({DOCKER_HOST: 'tcp://dind:2376', DOCKER_TLS_VERIFY: '1'})?.certPath).toBe(
      path.join(os.homedir(), '.docker')
    );
    // the CLI's default is its config dir: DOCKER_CONFIG moves it
    expect(envTls({DOCKER_HOST: 'tcp://dind:2376', DOCKER_TLS: '1', DOCKER_CONFIG: '/step/docker'})?.certPath).toBe(
      '/step/docker'
    );
  });
  it('makes a context with the cert path files, as the docker CLI reads them', () => {
    expect(envContextArgs('xbuild-env-1', 'tcp://dind:2376', {certPath: '/certs/client', verify: true})).toEqual([
      'context',
      'create',
      'xbuild-env-1',
      '--docker',
      'host=tcp://dind:2376,ca=/certs/client/ca.pem,cert=/certs/client/cert.pem,key=/certs/client/key.pem'
    ]);
    expect(envContextArgs('c', 'tcp://dind:2376', {certPath: '/certs', verify: false})).toEqual([
      'context',
      'create',
      'c',
      '--docker',
      'host=tcp://dind:2376,cert=/certs/cert.pem,key=/certs/key.pem,skip-tls-verify=true'
    ]);
    // the real CLI takes that argv, and copies the files into its context store (so post must remove the context)
    // the DOCKER_CERT_PATH layout: ca.pem, cert.pem, key.pem
    const certs = path.join(dir, 'certs');
    fs.mkdirSync(certs);
    makeCertificates(certs);
    fs.copyFileSync(path.join(certs, 'client.pem'), path.join(certs, 'cert.pem'));
    fs.copyFileSync(path.join(certs, 'client-key.pem'), path.join(certs, 'key.pem'));
    cli(...envContextArgs('made', 'tcp://127.0.0.1:2376', {certPath: certs, verify: false}));
    expect(cli('context', 'inspect', 'made', '--format', '{{.Endpoints.docker.SkipTLSVerify}}')).toBe('true');
    expect(cli('context', 'inspect', 'made', '--format', '{{.Storage.TLSPath}}')).toContain(path.join(dir, 'contexts'));
  });
});
