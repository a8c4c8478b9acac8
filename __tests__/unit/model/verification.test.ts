import {describe, expect, it} from '@jest/globals';
import {parseRawManifest} from '../../../src/docker/imagetools.js';
import {checkManifest, checkPassed, describeFailures, formatTable} from '../../../src/model/verification.js';
import {fixture} from '../../helpers.js';
const index = parseRawManifest(fixture('imagetools-0.13-raw-oci-index-3platforms.json'));
const single = parseRawManifest(fixture('imagetools-0.13-raw-single-manifest.json'));
const three = ['linux/amd64', 'linux/arm64', 'linux/arm/v7'];

describe('checkManifest', () => {
  it('passes an index with each requested platform once, attestations ignored, at the built digest', () => {
    const c = checkManifest('r:1', index, three, index.digest);
    expect(c).toMatchObject({missing: [], unexpected: [], duplicated: [], digestMatches: true});
    expect(checkPassed(c)).toBe(true);
  });
  it('reports a missing and an unrequested platform', () => {
    const c = checkManifest('r:1', index, ['linux/amd64', 'linux/arm64', 'linux/s390x'], index.digest);
    expect(c.missing).toEqual(['linux/s390x']);
    expect(c.unexpected).toEqual(['linux/arm/v7']);
    expect(describeFailures([c], index.digest)).toBe('r:1 lacks linux/s390x, has unrequested linux/arm/v7');
  });
  it('reports a duplicate platform', () => {
    const dup = {...index, entries: [...index.entries, {...index.entries[0], digest: 'sha256:other'}]};
    const c = checkManifest('r:1', dup, three, '');
    expect(c.duplicated).toEqual(['linux/amd64']);
    expect(checkPassed(c)).toBe(false);
  });
  it('fails a single-platform manifest and a digest that is not the built one', () => {
    const c = checkManifest('r:single', single, three, index.digest);
    expect(checkPassed(c)).toBe(false);
    expect(describeFailures([c], index.digest)).toContain('r:single is a single-platform manifest');
    expect(describeFailures([c], index.digest)).toContain(`points at ${single.digest}, not the built ${index.digest}`);
  });
});

describe('formatTable', () => {
  it('shows expected vs found per platform and reference, then the list digests', () => {
    const ok = checkManifest('r:1', index, three, index.digest);
    const bad = checkManifest('r:2', single, three, index.digest);
    const lines = formatTable(three, [ok, bad], index.digest).split('\n');
    expect(lines[0]).toMatch(/^platform\s+expected\s+r:1\s+r:2$/);
    expect(lines[1]).toMatch(/^linux\/amd64\s+yes\s+21cfc9e3963f\s+not a list$/);
    expect(lines[4]).toMatch(/^list digest\s+e9a898fa63f8\s+e9a898fa63f8\s+0d68ed20a076 \(DIFFERS\)$/);
  });
});
