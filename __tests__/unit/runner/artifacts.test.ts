import {describe, expect, it} from '@jest/globals';
import {artifactName, flavourOf} from '../../../src/runner/artifacts.js';

describe('handoff artifact names', () => {
  const image = 'localhost:5000/owner/app';
  it('tell apart two flavours of one image in one run by their tags, and keep the plain name for images-only legs', () => {
    const main = artifactName(image, '', 'linux/amd64', flavourOf([`${image}:1`]));
    const cuda = artifactName(image, '', 'linux/amd64', flavourOf([`${image}:1-cuda`]));
    expect(main).not.toBe(cuda);
    expect(main.slice(0, 15)).not.toBe(cuda.slice(0, 15));
    expect(artifactName(image, '', 'linux/amd64')).toBe(artifactName(image, '', 'linux/amd64', ''));
    expect(main).toMatch(/^xbuild-[0-9a-f]{8}-localhost_5000_owner_app-default-linux-amd64$/);
  });
  it('a flavour is the tags in one order', () => {
    expect(flavourOf(['r/a:2', 'r/a:1', 'r/a:2'])).toBe('r/a:1,r/a:2');
    expect(flavourOf([])).toBe('');
  });
});
