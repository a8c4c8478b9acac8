import * as fs from 'node:fs';

/**
 * Whether the workflow's event says the repository is private (GITHUB_EVENT_PATH's `repository.private`), as
 * build-push-action reads it for its default provenance. No event file, or no repository in it: not private.
 */
export function repositoryIsPrivate(env: Record<string, string | undefined>): boolean {
  if (!env.GITHUB_EVENT_PATH) return false;
  try {
    const event = JSON.parse(fs.readFileSync(env.GITHUB_EVENT_PATH, 'utf8')) as {repository?: {private?: boolean}};
    return event.repository?.private === true;
  } catch {
    return false;
  }
}
