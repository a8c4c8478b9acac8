import type {InputName} from './names.js';

/** The seams input reading takes: how inputs are read and what else validation may look at (no command). */

/** Reads one input by its action.yml name; `core.getInput` in the action, a plain map in tests. */
export type GetInput = (name: string) => string;

/** What input validation may look at besides the inputs: files and the environment, never a command. */
export interface InputEnv {
  exists(p: string): boolean;
  isDirectory(p: string): boolean;
  env: Record<string, string | undefined>;
  /** Node's `process.arch` of the runner: its own platform is the one built when none is given. */
  arch: string;
  /** Node's `process.platform` of the runner (linux when not given). */
  os?: string;
  /** A file's text, or undefined when it cannot be read (the workflow's event file). */
  readFile?(p: string): string | undefined;
}

/** One input as text: trimmed with its default (`get`), as given (`raw`), or as a boolean. */
export interface Reader {
  get(name: InputName): string;
  raw(name: InputName): string;
  bool(name: InputName): boolean;
}
