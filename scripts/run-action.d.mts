export declare const ROOT: string;
export declare const NODE: string;
export declare const REAL_DOCKER: string;
export declare const RUNNER_TOKEN: string;
export interface StepRun {
  code: number;
  log: string;
  /** Milliseconds from process start to its first output (the dist cold start). */
  firstOutputMs: number;
  /** Milliseconds from process start to exit. */
  ms: number;
  /** When the process started and ended, epoch milliseconds. */
  startedAt: number;
  endedAt: number;
}
/** One docker call as the shim timed it: start and end in epoch milliseconds, its arguments split on spaces. */
export interface DockerTime {
  start: number;
  end: number;
  args: string[];
}
export interface ActionRun {
  main: StepRun;
  post: StepRun;
  outputs: Record<string, string>;
  summary: string;
  dockerCalls: string[][];
  dockerTimes: DockerTime[];
  runnerTemp: string;
}
export declare function parseCommandFile(text: string): Record<string, string>;
export declare function runAction(
  inputs: Record<string, string>,
  options?: {env?: Record<string, string>; echo?: boolean; wrap?: string[]}
): Promise<ActionRun>;
export declare function runJob(
  /** an action step (inputs), or a workflow run: step (a bash script, no post) */
  steps: (
    {inputs: Record<string, string>; env?: Record<string, string>} | {run: string; env?: Record<string, string>}
  )[],
  options?: {env?: Record<string, string>; echo?: boolean; wrap?: string[]}
): Promise<ActionRun[]>;
