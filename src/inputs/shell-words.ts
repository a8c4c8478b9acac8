import {InputError} from './errors.js';

/** Splits a command line into argv the way a shell would for plain words and quotes (no expansion). */
export function shellWords(text: string): string[] {
  const words: string[] = [];
  let word = '';
  let quote: '"' | "'" | '' = '';
  let inWord = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === quote) quote = '';
      else if (c === '\\' && quote === '"' && (text[i + 1] === '"' || text[i + 1] === '\\')) word += text[++i];
      else word += c;
    } else if (c === '"' || c === "'") {
      quote = c;
      inWord = true;
    } else if (c === '\\' && i + 1 < text.length) {
      word += text[++i];
      inWord = true;
    } else if (/\s/.test(c)) {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
    } else {
      word += c;
      inWord = true;
    }
  }
  if (quote) throw new InputError('smoke', `Input smoke: unbalanced ${quote} quote in "${text}"`);
  if (inWord) words.push(word);
  return words;
}
