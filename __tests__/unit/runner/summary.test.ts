import {describe, expect, it} from '@jest/globals';
import {parseBuildxInspect} from '../../../src/docker/builder.js';
import {nodesJson} from '../../../src/runner/summary.js';
import {fixture} from '../../helpers.js';

describe("setup-buildx-action's nodes output", () => {
  it('gives each node its name, endpoint, status, flags, BuildKit and platforms (a comma list)', () => {
    const nodes = JSON.parse(
      nodesJson(parseBuildxInspect(fixture('buildx-0.13-inspect-docker-container.txt')))
    ) as Record<string, string>[];
    expect(nodes).toHaveLength(1);
    expect(nodes[0]).toMatchObject({
      name: 'fx10',
      endpoint: 'unix:///var/run/docker.sock',
      status: 'running',
      'buildkitd-flags': '--allow-insecure-entitlement=network.host',
      buildkit: 'v0.13-debian-docker.io-26.1.5+dfsg1-9+deb13u1'
    });
    expect(nodes[0].platforms.split(',')).toEqual(expect.arrayContaining(['linux/amd64', 'linux/arm/v7']));
  });
});
