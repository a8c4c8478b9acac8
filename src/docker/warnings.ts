/**
 * The build's warnings (build checks such as FromAsCasing, deprecated options): buildx writes them into the metadata
 * file as `buildx.build.warnings` when BUILDX_METADATA_WARNINGS is set, each with BuildKit's base64 texts and the
 * source range it is about. build-push-action turns them into annotations on the Dockerfile's lines; so do we.
 */

/** The environment buildx needs to write the warnings into the metadata file. */
export const WARNINGS_ENV = {BUILDX_METADATA_WARNINGS: '1'};

/** One warning, decoded: what the runner's annotation shows and where. */
export interface BuildWarning {
  /** BuildKit's short text, e.g. "FromAsCasing: 'as' and 'FROM' keywords' casing do not match (line 1)". */
  short: string;
  detail: string;
  url: string;
  /** The source file as BuildKit names it (the Dockerfile's name in its context), when the warning has one. */
  file?: string;
  startLine?: number;
  endLine?: number;
}

interface RawWarning {
  short?: string;
  detail?: string[];
  url?: string;
  sourceInfo?: {filename?: string};
  range?: {start?: {line?: number}; end?: {line?: number}}[];
}

const decode = (text: string | undefined): string => (text ? Buffer.from(text, 'base64').toString('utf8').trim() : '');

/** One rule's finding in the result of `--call check` (the metadata file's `result.json`). */
interface CheckFinding {
  ruleName?: string;
  description?: string;
  url?: string;
  detail?: string;
  location?: {ranges?: {start?: {line?: number}; end?: {line?: number}}[]};
}

/** `--call check`'s findings, as the build's warnings (BuildKit 0.25 writes them as `result.json`, in plain text). */
function checkFindings(raw: Record<string, unknown>): BuildWarning[] {
  const result = raw['result.json'] as {warnings?: CheckFinding[]; sources?: {filename?: string}[]} | undefined;
  if (!result || !Array.isArray(result.warnings)) return [];
  const file = result.sources?.[0]?.filename || undefined;
  return result.warnings.map(f => {
    const range = f.location?.ranges?.[0];
    const line = range?.start?.line;
    return {
      short: `${f.ruleName ?? 'Check'}: ${f.detail ?? ''}${line ? ` (line ${line})` : ''}`,
      detail: f.description ?? '',
      url: f.url ?? '',
      file,
      startLine: line,
      endLine: range?.end?.line ?? line
    };
  });
}

/**
 * The warnings of a parsed metadata file: the build's own, or `--call check`'s findings (none where buildx wrote
 * none, or an older buildx knew no warnings).
 */
export function parseBuildWarnings(raw: Record<string, unknown>): BuildWarning[] {
  const list = raw['buildx.build.warnings'];
  if (!Array.isArray(list)) return checkFindings(raw);
  return (list as RawWarning[]).map(w => {
    const range = w.range?.[0];
    return {
      short: decode(w.short),
      detail: (w.detail ?? []).map(decode).join(' '),
      url: w.url ?? '',
      file: w.sourceInfo?.filename || undefined,
      startLine: range?.start?.line,
      endLine: range?.end?.line ?? range?.start?.line
    };
  });
}

/**
 * The warnings a failed build listed on stderr (" - FromAsCasing: … (line 2)"), where no metadata file was written:
 * a Dockerfile whose checks are errors (`# check=error=true`) fails with them. They are about the Dockerfile.
 */
export function parseWarningLines(stderr: string): BuildWarning[] {
  // the listing's first line carries the end of its colour escape ("\x1b[0m - FromAsCasing: …")
  const plain = stderr.replace(/\x1b\[[0-9;]*m/g, '');
  return [...plain.matchAll(/^\s*- (\w+): (.+) \(line (\d+)\)$/gm)].map(m => ({
    short: `${m[1]}: ${m[2]} (line ${m[3]})`,
    detail: '',
    url: '',
    startLine: Number(m[3]),
    endLine: Number(m[3])
  }));
}

/** The rules of a failure BuildKit reports when checks are errors ("lint violation found for rules: B, A"), sorted. */
export function lintViolation(stderr: string): string | undefined {
  // BuildKit's order varies between runs: sorted, the message is the same for the same Dockerfile
  const rules = /lint violation found for rules: ([^\n]+)/.exec(stderr)?.[1];
  return rules
    ?.split(',')
    .map(r => r.trim())
    .sort()
    .join(', ');
}
