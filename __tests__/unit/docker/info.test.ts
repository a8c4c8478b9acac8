import {describe, expect, it} from '@jest/globals';
import {imageStoreArgs, parseImageStore} from '../../../src/docker/info.js';
import {fixture} from '../../helpers.js';

describe('docker info: the image store', () => {
  it('reads one field, as JSON', () => {
    expect(imageStoreArgs()).toEqual(['info', '--format', '{{json .DriverStatus}}']);
  });
  it('classic (overlay2, dockerd 28.5 as on ubuntu-24.04) and containerd (dockerd 28.5 and 26.1 with the snapshotter)', () => {
    expect(parseImageStore(fixture('docker-28.5-info-driverstatus-classic.json'))).toBe('classic');
    expect(parseImageStore(fixture('docker-28.5-info-driverstatus-containerd.json'))).toBe('containerd');
    expect(parseImageStore(fixture('docker-26.1-info-driverstatus-containerd.json'))).toBe('containerd');
  });
  it('nothing readable: classic, the store that allows less', () => {
    expect(parseImageStore('')).toBe('classic');
    expect(parseImageStore('null')).toBe('classic');
    expect(parseImageStore('template: bad')).toBe('classic');
  });
});
