import {createHash} from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {describe, expect, it} from '@jest/globals';
import {fixture} from '../../helpers.js';
import {
  parseBuildxVersion,
  parseChecksums,
  pluginConfigDir,
  releaseAsset,
  releaseUrls,
  verifyChecksum
} from '../../../src/docker/buildx-install.js';

describe('buildx version', () => {
  it('reads buildx versions as the CLI prints them', () => {
    expect(parseBuildxVersion(fixture('buildx-0.13-version.txt'))).toBe('0.13.1+ds1');
    expect(parseBuildxVersion('github.com/docker/buildx v0.36.0 0a1b2c3')).toBe('0.36.0');
    expect(() => parseBuildxVersion('docker: unknown command')).toThrow('cannot read the buildx version');
  });
});

describe('buildx release download', () => {
  it('names the asset for the OS and CPU as buildx releases do', () => {
    expect(releaseAsset('0.36.0', 'linux', 'x64')).toBe('buildx-v0.36.0.linux-amd64');
    expect(releaseAsset('0.36.0', 'linux', 'arm')).toBe('buildx-v0.36.0.linux-arm-v7');
    expect(releaseAsset('0.36.0', 'darwin', 'arm64')).toBe('buildx-v0.36.0.darwin-arm64');
    expect(releaseAsset('0.36.0', 'win32', 'x64')).toBe('buildx-v0.36.0.windows-amd64.exe');
    expect(() => releaseAsset('0.36.0', 'linux', 'mips')).toThrow('buildx has no release for the CPU mips');
    expect(releaseUrls('http://m/dl', '0.36.0', 'buildx-v0.36.0.linux-amd64')).toEqual({
      binary: 'http://m/dl/v0.36.0/buildx-v0.36.0.linux-amd64',
      checksums: 'http://m/dl/v0.36.0/checksums.txt'
    });
  });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xb-sum-'));
  const file = path.join(dir, 'buildx-v0.36.0.linux-amd64');
  fs.writeFileSync(file, 'binary bytes');
  const sum = createHash('sha256').update('binary bytes').digest('hex');
  it('accepts a file whose sha256 the checksums file lists (binary-mode and text-mode lines)', () => {
    const sums = parseChecksums(`${'0'.repeat(64)} *buildx-v0.36.0.darwin-amd64\n${sum}  buildx-v0.36.0.linux-amd64\n`);
    expect(sums.size).toBe(2);
    expect(() => verifyChecksum(file, 'buildx-v0.36.0.linux-amd64', sums, 'u')).not.toThrow();
  });
  it('refuses a wrong checksum, naming both sums', () => {
    const sums = parseChecksums(`${'f'.repeat(64)} *buildx-v0.36.0.linux-amd64`);
    expect(() => verifyChecksum(file, 'buildx-v0.36.0.linux-amd64', sums, 'http://m/checksums.txt')).toThrow(
      `buildx-v0.36.0.linux-amd64 from http://m/checksums.txt does not match its checksum (expected sha256 ${'f'.repeat(64)}, got ${sum})`
    );
  });
  it('refuses a checksums file without the asset', () => {
    expect(() => verifyChecksum(file, 'buildx-v0.36.0.linux-amd64', parseChecksums('garbage\n'), 'u')).toThrow(
      'The checksums file of u lists no buildx-v0.36.0.linux-amd64'
    );
  });
  it('puts the plugin in a docker config of its own that links the user config back in', () => {
    const user = fs.mkdtempSync(path.join(os.tmpdir(), 'xb-user-'));
    fs.writeFileSync(path.join(user, 'config.json'), '{"auths":{}}');
    fs.mkdirSync(path.join(user, 'cli-plugins'));
    fs.writeFileSync(path.join(user, 'cli-plugins', 'docker-compose'), '');
    fs.writeFileSync(path.join(user, 'cli-plugins', 'docker-buildx'), 'old');
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'xb-step-'));
    const made = pluginConfigDir(file, tmp, user);
    expect(fs.readlinkSync(path.join(made, 'cli-plugins', 'docker-buildx'))).toBe(file);
    expect(fs.readlinkSync(path.join(made, 'cli-plugins', 'docker-compose'))).toBe(
      path.join(user, 'cli-plugins', 'docker-compose')
    );
    expect(fs.readFileSync(path.join(made, 'config.json'), 'utf8')).toBe('{"auths":{}}');
    expect(fs.readlinkSync(path.join(made, 'buildx'))).toBe(path.join(user, 'buildx'));
    expect(fs.readFileSync(path.join(user, 'cli-plugins', 'docker-buildx'), 'utf8')).toBe('old');
  });
});
