#!/usr/bin/env node
// Copy the front-end files the web app serves from node_modules (installed by `npm ci`, pinned
// by package-lock.json) into src/claimgraph/web/static/vendor/<package>/. Only the files listed
// here are copied; the vendor folder is rebuilt from scratch each run and is not committed.
// Run through `make assets`, which calls `npm ci` first.
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const modules = join(root, "node_modules");
const vendor = join(root, "src", "claimgraph", "web", "static", "vendor");

// package -> [[source inside the package, destination inside vendor/<package>], ...]
// A source ending in "/" is a folder copied whole.
const FILES = {
  leaflet: [
    ["dist/leaflet.js", "leaflet.js"],
    ["dist/leaflet.css", "leaflet.css"],
    ["dist/images/", "images/"],
    ["LICENSE", "LICENSE"],
  ],
  "leaflet.markercluster": [
    ["dist/leaflet.markercluster.js", "leaflet.markercluster.js"],
    ["dist/MarkerCluster.css", "MarkerCluster.css"],
    ["dist/MarkerCluster.Default.css", "MarkerCluster.Default.css"],
    ["MIT-LICENCE.txt", "LICENSE"],
  ],
  "world-atlas": [
    ["countries-50m.json", "countries-50m.json"],
    ["LICENSE", "LICENSE"],
  ],
  "topojson-client": [
    ["dist/topojson-client.min.js", "topojson-client.min.js"],
    ["LICENSE", "LICENSE"],
  ],
  d3: [
    ["dist/d3.min.js", "d3.min.js"],
    ["LICENSE", "LICENSE"],
  ],
  "axe-core": [
    ["axe.min.js", "axe.min.js"],
    ["LICENSE", "LICENSE"],
  ],
};

function fail(message) {
  console.error(`build-assets: ${message}`);
  process.exit(1);
}

if (!existsSync(modules)) {
  fail("node_modules/ is missing: run `npm ci --no-audit --no-fund` first (or `make assets`)");
}

const lock = JSON.parse(readFileSync(join(root, "package-lock.json"), "utf8"));
rmSync(vendor, { recursive: true, force: true });
mkdirSync(vendor, { recursive: true });

const manifest = {};
let count = 0;
for (const [pkg, entries] of Object.entries(FILES)) {
  const pkgDir = join(modules, pkg);
  const meta = JSON.parse(readFileSync(join(pkgDir, "package.json"), "utf8"));
  const locked = lock.packages?.[`node_modules/${pkg}`]?.version;
  if (locked && locked !== meta.version) {
    fail(`${pkg} ${meta.version} is installed but package-lock.json pins ${locked}: run npm ci`);
  }
  manifest[pkg] = { version: meta.version, files: [] };
  for (const [src, dest] of entries) {
    const from = join(pkgDir, src);
    const to = join(vendor, pkg, dest);
    if (!existsSync(from)) fail(`${pkg}@${meta.version} has no ${src}`);
    mkdirSync(dirname(to), { recursive: true });
    cpSync(from, to, { recursive: src.endsWith("/") });
    manifest[pkg].files.push(dest);
    count += 1;
  }
}
writeFileSync(join(vendor, "manifest.json"), JSON.stringify(manifest, null, 2) + "\n");
console.log(`build-assets: ${count} entries from ${Object.keys(FILES).length} packages -> ${relative(root, vendor)}/`);
