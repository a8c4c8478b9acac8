import {describe, expect, it} from '@jest/globals';
import {insideWorkspace} from '../../../src/inputs/checks.js';

describe('paths stay in the workspace', () => {
  it('accepts the checkout and paths below it, refuses what climbs out or points elsewhere', () => {
    expect(insideWorkspace('.', '/w/repo')).toBe(true);
    expect(insideWorkspace('docker/Dockerfile', '/w/repo')).toBe(true);
    expect(insideWorkspace('/w/repo/sub', '/w/repo')).toBe(true);
    expect(insideWorkspace('..', '/w/repo')).toBe(false);
    expect(insideWorkspace('../repo2/Dockerfile', '/w/repo')).toBe(false);
    expect(insideWorkspace('/etc', '/w/repo')).toBe(false);
    expect(insideWorkspace('..data/Dockerfile', '/w/repo')).toBe(true);
  });
});
