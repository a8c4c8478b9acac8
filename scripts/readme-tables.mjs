#!/usr/bin/env node
// npm run docs: rewrites the inputs and outputs tables of README.md from action.yml (between the
// <!-- inputs --> / <!-- outputs --> markers), so the two never drift apart.
import * as fs from 'node:fs';
import {parse} from 'yaml';

const action = parse(fs.readFileSync('action.yml', 'utf8'));
const esc = s => s.replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('|', '\\|');
const tables = {
  inputs: [
    '| input | default | description |',
    '| --- | --- | --- |',
    ...Object.entries(action.inputs).map(
      ([n, i]) => `| \`${n}\` | ${i.default ? `\`${i.default}\`` : ''} | ${esc(i.description)} |`
    )
  ],
  outputs: [
    '| output | description |',
    '| --- | --- |',
    ...Object.entries(action.outputs).map(([n, o]) => `| \`${n}\` | ${esc(o.description)} |`)
  ]
};
let readme = fs.readFileSync('README.md', 'utf8');
for (const [name, rows] of Object.entries(tables)) {
  const re = new RegExp(`<!-- ${name} -->[\\s\\S]*?<!-- /${name} -->`);
  if (!re.test(readme)) throw new Error(`README.md has no <!-- ${name} --> … <!-- /${name} --> markers`);
  // unpadded (prettier leaves it so): padded columns made the inputs table 29 KB of a 25 KB front page
  const table = ['<!-- prettier-ignore-start -->', ...rows, '<!-- prettier-ignore-end -->'].join('\n');
  readme = readme.replace(re, `<!-- ${name} -->\n\n${table}\n\n<!-- /${name} -->`);
}
fs.writeFileSync('README.md', readme);
