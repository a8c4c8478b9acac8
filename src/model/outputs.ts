/**
 * The `outputs` input as buildx reads each `--output`: CSV `key=value` fields (a field may be quoted whole, as
 * `"name=a,b"`), `type=registry` meaning an image pushed, and a bare path meaning a local directory.
 */

export interface OutputSpec {
  type: string;
  attrs: Record<string, string>;
}

/** Splits one CSV line into fields, a double-quoted field whole (with `""` for a quote inside). */
function csvFields(text: string): string[] {
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"' && quoted && text[i + 1] === '"') field += text[++i];
    else if (c === '"') quoted = !quoted;
    else if (c === ',' && !quoted) {
      fields.push(field);
      field = '';
    } else field += c;
  }
  return [...fields, field];
}

export function parseOutput(spec: string): OutputSpec {
  if (!spec.includes('=')) return {type: 'local', attrs: {dest: spec}};
  const attrs: Record<string, string> = {};
  for (const field of csvFields(spec)) {
    const eq = field.indexOf('=');
    if (eq > 0) attrs[field.slice(0, eq).trim()] = field.slice(eq + 1).trim();
  }
  const type = attrs.type ?? 'local';
  delete attrs.type;
  // buildx: registry is shorthand for an image pushed
  return type === 'registry' ? {type: 'image', attrs: {...attrs, push: 'true'}} : {type, attrs};
}

/**
 * What buildx does with `--push` or `--load` beside `--output`: push sets push=true on a first image output, load
 * needs a first docker output; any other first output cannot go with them (buildx refuses). '' when they fit.
 */
export function pushLoadConflict(outputs: string[], push: boolean, load: boolean): string {
  if (!outputs.length || (!push && !load)) return '';
  const first = parseOutput(outputs[0]).type;
  if (push && first !== 'image') return `push and a ${first} output cannot be used together`;
  if (load && first !== 'docker') return `load and a ${first} output cannot be used together`;
  return '';
}

/**
 * The names an image output pushes to and whether by digest; undefined when none. The names are its `name=`
 * (comma-separated), else the tags (buildx names the image after them: the docs' recipe gives the repository as
 * `tags` and an output without a name).
 */
export function pushedOutput(
  outputs: string[],
  push: boolean,
  tags: string[] = []
): {refs: string[]; byDigest: boolean} | undefined {
  const image = outputs.map(parseOutput).find(o => o.type === 'image');
  const names = image?.attrs.name ? image.attrs.name.split(',').map(n => n.trim()) : tags;
  if (!image || !(push || image.attrs.push === 'true') || !names.length) return undefined;
  const byDigest = image.attrs['push-by-digest'] === 'true';
  // by digest, a tag stands for its repository
  return {refs: byDigest ? [...new Set(names.map(n => n.replace(/:[^:/@]+$/, '')))] : names, byDigest};
}
