import {describe, expect, it} from '@jest/globals';
import {shellWords} from '../../../src/inputs/shell-words.js';
describe('shellWords', () => {
  it.each<[string, string[]]>([
    ['--version', ['--version']],
    ['uname -m', ['uname', '-m']],
    [`sh -c 'test "$(uname -m)" != armv7l'`, ['sh', '-c', 'test "$(uname -m)" != armv7l']],
    ['echo "a b"  c\\ d', ['echo', 'a b', 'c d']],
    ['echo "say \\"hi\\""', ['echo', 'say "hi"']],
    ['printf ""', ['printf', '']],
    ['  ', []]
  ])('%s', (text, argv) => {
    expect(shellWords(text)).toEqual(argv);
  });
  it('refuses an unbalanced quote', () => {
    expect(() => shellWords("sh -c 'oops")).toThrow("unbalanced ' quote");
  });
});
