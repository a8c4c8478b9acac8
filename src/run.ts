import * as core from '@actions/core';
import {DiagnosedError} from './docker/failures.js';
import {main} from './main.js';
import {post} from './post.js';
import {isPost} from './runner/state.js';

/** One bundle serves both steps: the runner calls it again for post, with the state main saved. */
const postStep = isPost();
try {
  await (postStep ? post() : main());
} catch (e) {
  const message = e instanceof Error ? e.message : String(e);
  // a failed cleanup must not turn a green build red
  if (postStep) core.warning(message);
  else if (e instanceof DiagnosedError) {
    // one annotation, titled with what went wrong
    core.error(message, {title: e.title});
    process.exitCode = 1;
  } else core.setFailed(message);
}
// a read abandoned at its time limit (a stalled registry) must not hold the step open until it ends
if (!postStep) process.exit();
