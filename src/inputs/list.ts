import {InputError} from './errors.js';

/** How one input's text becomes values: lists, booleans, choices. */

/**
 * Splits a list input on newlines (and commas when `commas`), dropping blanks and `#` comments.
 * An item that starts with `"` runs to its closing quote, newlines and commas included, with `""` for a
 * quote inside: the CSV rule build-push-action's lists follow, so a multi-line build-arg reads the same.
 */
export function parseList(name: string, text: string, commas: boolean): string[] {
  const items: string[] = [];
  const isSeparator = (c: string): boolean => c === '\n' || (commas && c === ',');
  let i = 0;
  while (i <= text.length) {
    while (i < text.length && /[ \t\r]/.test(text[i])) i++;
    if (text[i] === '"') {
      const [value, end] = readQuoted(name, text, i + 1);
      i = end;
      while (i < text.length && !isSeparator(text[i])) i++;
      // text after the closing quote stays part of the item, as CSV's relaxed quotes keep it
      items.push(value + text.slice(end, i).trimEnd());
    } else {
      const start = i;
      while (i < text.length && !isSeparator(text[i])) i++;
      const item = text.slice(start, i).trim();
      if (item !== '' && !item.startsWith('#')) items.push(item);
    }
    i++;
  }
  return items;
}

/** The text of a quoted item starting after its opening quote, and the index after its closing quote. */
function readQuoted(name: string, text: string, from: number): [string, number] {
  let value = '';
  for (let i = from; i < text.length; i++) {
    if (text[i] !== '"') value += text[i];
    else if (text[i + 1] === '"') value += text[i++];
    else return [value, i + 1];
  }
  // the value is not shown: the item may be a secret
  throw new InputError(
    name,
    `Input ${name}: a quoted entry has no closing quote; end it with " (and write "" for a quote inside)`
  );
}

export function parseBool(name: string, value: string): boolean {
  if (['true', 'True', 'TRUE'].includes(value)) return true;
  if (['false', 'False', 'FALSE'].includes(value)) return false;
  throw new InputError(name, `Input ${name} must be true or false, not "${value}"`);
}

export function readEnum<T extends string>(name: string, value: string, allowed: T[]): T {
  if ((allowed as string[]).includes(value)) return value as T;
  throw new InputError(name, `Input ${name} must be one of ${allowed.join(', ')}, not "${value}"`);
}
