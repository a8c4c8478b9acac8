import * as fs from 'node:fs';
import * as path from 'node:path';
import {describe, expect, it} from '@jest/globals';
import {ROOT} from '../../helpers.js';

const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
const pages = fs.readdirSync(path.join(ROOT, 'docs')).filter(f => f.endsWith('.md'));

/** A page's heading anchors as GitHub makes them: lower case, punctuation dropped, spaces to hyphens. */
const anchors = (text: string): string[] =>
  [...text.matchAll(/^#+ (.+)$/gm)].map(m =>
    m[1]
      .toLowerCase()
      .replace(/[^\p{L}\p{N} _-]/gu, '')
      .replaceAll(' ', '-')
  );

describe('the README is a front page, its topics pages of their own', () => {
  it('stays within 25 KB', () => {
    expect(Buffer.byteLength(readme)).toBeLessThanOrEqual(25 * 1024);
  });
  it('links every page under docs/, and each page links back', () => {
    for (const page of pages) {
      expect(readme).toContain(`(docs/${page})`);
      expect(fs.readFileSync(path.join(ROOT, 'docs', page), 'utf8')).toContain('(../README.md)');
    }
  });
  it('has no link to a page or heading that does not exist', () => {
    const texts: [string, string][] = [
      ['README.md', readme],
      ...pages.map((p): [string, string] => [`docs/${p}`, fs.readFileSync(path.join(ROOT, 'docs', p), 'utf8')])
    ];
    const broken: string[] = [];
    for (const [file, text] of texts) {
      for (const m of text.matchAll(/\]\((?!https?:)([^)#\s]*)(#[^)\s]+)?\)/g)) {
        const target = m[1] ? path.join(path.dirname(file), m[1]) : file;
        const full = path.join(ROOT, target);
        if (!fs.existsSync(full)) broken.push(`${file}: ${m[0]}`);
        else if (m[2] && !anchors(fs.readFileSync(full, 'utf8')).includes(m[2].slice(1)))
          broken.push(`${file}: ${m[0]}`);
      }
    }
    expect(broken).toEqual([]);
  });
});
