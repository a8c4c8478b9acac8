import {Exec, type RunOptions, type RunResult} from './exec.js';
import type {RetryBudget} from './retry.js';

/**
 * How this step runs docker: the registry retry budget from the inputs, and the environment every docker command
 * gets on top of the action's own (a pinned buildx's DOCKER_CONFIG, the ssh wrapper first on PATH). Made once in
 * main, grown by the stage that needs more (`withEnv`) and passed down: nothing rewrites process.env.
 */
export class Docker {
  constructor(
    readonly budget: RetryBudget,
    readonly env: Record<string, string> = {}
  ) {}

  /** Runs `docker ARGS` with this step's environment. */
  run(args: string[], options: RunOptions = {}): Promise<RunResult> {
    const env = Object.keys(this.env).length || options.env ? {...this.env, ...options.env} : undefined;
    return Exec.run('docker', args, {...options, env});
  }

  withEnv(env: Record<string, string>): Docker {
    return new Docker(this.budget, {...this.env, ...env});
  }
}
