import {describe, expect, it} from '@jest/globals';
import {parseOutput, pushedOutput, pushLoadConflict} from '../../../src/model/outputs.js';

describe('outputs as buildx reads them', () => {
  it('reads CSV fields, a quoted field whole; registry is an image pushed; a bare path is a local dir', () => {
    expect(parseOutput('type=image,"name=r/a:1,r/a:2",push=true')).toEqual({
      type: 'image',
      attrs: {name: 'r/a:1,r/a:2', push: 'true'}
    });
    expect(parseOutput('type=registry,name=r/a:1')).toEqual({type: 'image', attrs: {name: 'r/a:1', push: 'true'}});
    expect(parseOutput('./out')).toEqual({type: 'local', attrs: {dest: './out'}});
  });
  it('push goes with a first image output, load with a first docker output; others conflict', () => {
    expect(pushLoadConflict(['type=image,name=r/a'], true, false)).toBe('');
    expect(pushLoadConflict(['type=docker'], false, true)).toBe('');
    expect(pushLoadConflict(['type=local,dest=o'], true, false)).toBe(
      'push and a local output cannot be used together'
    );
    expect(pushLoadConflict(['type=tar,dest=o.tar'], false, true)).toBe(
      'load and a tar output cannot be used together'
    );
    expect(pushLoadConflict(['type=local,dest=o'], false, false)).toBe('');
  });
  it('names what an image output pushes, by digest or by tag', () => {
    const recipe = 'type=image,name=r/app,push-by-digest=true,name-canonical=true,push=true';
    expect(pushedOutput([recipe], false)).toEqual({refs: ['r/app'], byDigest: true});
    expect(pushedOutput(['type=image,name=r/a:1'], true)).toEqual({refs: ['r/a:1'], byDigest: false});
    expect(pushedOutput(['type=image,name=r/a:1'], false)).toBeUndefined();
    expect(pushedOutput(['type=local,dest=o'], true)).toBeUndefined();
  });
});
