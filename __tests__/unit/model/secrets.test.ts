import {describe, expect, it} from '@jest/globals';
import {configOf} from '../../helpers.js';
import {secretValues} from '../../../src/model/secrets.js';

describe('the values masked before any command runs', () => {
  it('value secrets, the values behind secret-envs, and the ssh key whole and line by line', () => {
    const c = {
      ...configOf({
        platforms: 'linux/amd64',
        secrets: 'TOKEN=tok-123\n"PEM=line-one\nline-two"',
        'secret-envs': 'E=HOME'
      }),
      sshPrivateKey: '-----BEGIN KEY-----\nAAAAkeybytes\n-----END KEY-----\n'
    };
    expect(secretValues(c, {HOME: '/home/runner-secret'})).toEqual([
      'tok-123',
      'line-one\nline-two',
      '/home/runner-secret',
      '-----BEGIN KEY-----\nAAAAkeybytes\n-----END KEY-----\n',
      'line-one',
      'line-two',
      '-----BEGIN KEY-----',
      'AAAAkeybytes',
      '-----END KEY-----'
    ]);
  });
  it('nothing to mask: no empty pattern reaches the runner', () => {
    expect(secretValues(configOf({platforms: 'linux/amd64'}), {})).toEqual([]);
  });
});
