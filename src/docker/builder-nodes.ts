import * as path from 'node:path';
import * as core from '@actions/core';
import type {BuilderInfo, Config, NodeSpec} from '../model/types.js';
import {appendArgs, inspectBuilder, reportBuilder, withNetwork} from './builder.js';
import type {Docker} from './cli.js';
import {createTlsContext, tlsFromEnv} from './context.js';
import {CommandError, lastLine} from './exec.js';

/** `docker buildx create --append` for each `nodes` entry, then one boot of them all. */

/** A listed node could not join or start; `nodes` names the ones at fault (empty when it is node 0). */
export class NodeStartError extends Error {
  constructor(
    message: string,
    readonly nodes: string[]
  ) {
    super(message);
  }
}

export interface NodeSetup {
  tempDir: string;
  hostNetwork: boolean;
  /** Called with each docker context made for a node, before it is used, so post can remove it. */
  onContext: (context: string) => void;
}

/** The docker context for a tcp:// node with TLS material, or undefined when it has none. */
async function tlsEndpoint(
  docker: Docker,
  name: string,
  spec: NodeSpec,
  index: number,
  at: NodeSetup
): Promise<string | undefined> {
  const tls = tlsFromEnv(index, process.env);
  const context = `${name}-${spec.name}`;
  if (tls.cacert || tls.cert || tls.key) at.onContext(context);
  return createTlsContext(docker, context, spec.endpoint, tls, path.join(at.tempDir, `tls-node${index}`));
}

/**
 * Appends each `nodes` entry to the builder, then boots them all; a node that does not start fails the step
 * with its name, endpoint and BuildKit's own error.
 */
export async function appendNodes(docker: Docker, name: string, config: Config, at: NodeSetup): Promise<BuilderInfo> {
  for (const [i, spec] of config.nodes.entries()) {
    const endpoint = (spec.kind === 'tcp' && (await tlsEndpoint(docker, name, spec, i + 1, at))) || spec.endpoint;
    const node = {...spec, driverOpts: withNetwork(spec.driverOpts, at.hostNetwork)};
    await docker.run(appendArgs(name, node, config.buildkitImage, endpoint), {silent: true}).catch((e: unknown) => {
      const reason = e instanceof CommandError ? lastLine(e.stderr).replace(/^ERROR: /, '') : String(e);
      throw new NodeStartError(`Node ${spec.name} (${spec.endpoint}) could not join builder ${name}: ${reason}`, [
        spec.name
      ]);
    });
    core.info(`Appended node ${name}-${spec.name}: ${spec.endpoint} for ${spec.platforms.join(', ')}`);
  }
  try {
    return reportBuilder(await inspectBuilder(docker, name, true));
  } catch (e) {
    const reason = e instanceof CommandError ? lastLine(e.stderr).replace(/^ERROR: /, '') : String(e);
    const info = await inspectBuilder(docker, name, false).catch(() => undefined);
    const down = info?.nodes.filter(n => n.status !== 'running') ?? [];
    const which = down.map(n => `${n.name} (${n.endpoint}, ${n.status})`).join(', ') || 'a node';
    const listed = config.nodes
      .filter(spec => down.some(n => n.name === `${name}-${spec.name}`))
      .map(spec => spec.name);
    throw new NodeStartError(
      `Builder ${name}: ${which} did not start: ${reason}. Check the node's endpoint, its docker engine and the BuildKit image there`,
      listed
    );
  }
}
