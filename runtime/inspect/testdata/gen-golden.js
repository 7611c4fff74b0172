// Prints util.inspect of every case in cases.js as "### name" sections; run with node 20.
const util = require('util');
const fs = require('fs');
const src = fs.readFileSync(__dirname + '/cases.js', 'utf8');
const cases = new Function(src + '\nreturn cases;')();
for (const [name, value] of Object.entries(cases)) {
  process.stdout.write('### ' + name + '\n' + util.inspect(value) + '\n');
}
