import {describe, expect, it} from '@jest/globals';
import {parseRunnerMap} from '../../../src/inputs/matrix.js';
import {planMatrix} from '../../../src/model/matrix.js';

describe('plan mode', () => {
  it('maps platforms to the default runners and marks 32-bit arm for QEMU', () => {
    expect(planMatrix(['linux/amd64', 'linux/arm64', 'linux/arm/v7', 'linux/s390x'], {}).include).toEqual([
      {platform: 'linux/amd64', 'platform-slug': 'linux-amd64', runner: 'ubuntu-24.04', qemu: false},
      {platform: 'linux/arm64', 'platform-slug': 'linux-arm64', runner: 'ubuntu-24.04-arm', qemu: false},
      {platform: 'linux/arm/v7', 'platform-slug': 'linux-arm-v7', runner: 'ubuntu-24.04-arm', qemu: true},
      {platform: 'linux/s390x', 'platform-slug': 'linux-s390x', runner: 'ubuntu-24.04', qemu: true}
    ]);
  });
  it('takes arch and platform keys, the more specific winning, and self-hosted label lists', () => {
    const map = parseRunnerMap(['arm=["self-hosted","armv7"]', 'linux/arm/v6=pi-zero', 's390x=mainframe']);
    expect(
      planMatrix(['linux/arm/v7', 'linux/arm/v6', 'linux/s390x'], map).include.map(l => [l.runner, l.qemu])
    ).toEqual([
      [['self-hosted', 'armv7'], false],
      ['pi-zero', false],
      ['mainframe', false]
    ]);
  });
  it.each([
    ['arm64', 'is not arch=runner-label'],
    ['arm64=', 'is not arch=runner-label'],
    ['arm64=[oops', 'not a JSON list of labels'],
    ['linux/arm99=x', 'unknown architecture']
  ])('refuses runner-map line %s', (line, message) => {
    expect(() => parseRunnerMap([line])).toThrow(message);
  });
});
