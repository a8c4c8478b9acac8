import {ImageRefError} from '../model/reference.js';
import {PlatformError} from '../model/platform.js';

/** A bad input: `input` names it, and the message says what is wrong and how to fix it. */
export class InputError extends Error {
  constructor(
    readonly input: string,
    message: string
  ) {
    super(message);
  }
}

/** Runs a model parser on an input's value, turning its error into an InputError that names the input. */
export function forInput<T>(input: string, parse: () => T): T {
  try {
    return parse();
  } catch (e) {
    if (e instanceof PlatformError || e instanceof ImageRefError)
      throw new InputError(input, `Input ${input}: ${e.message}`);
    throw e;
  }
}
