// Electronegativity (Doyensec's static checks for Electron apps) over the main process: prints every finding and fails
// on any HIGH one, or on any file the scanner could not parse (a file it cannot read is a file it did not check).
// Offline by construction: see `offline` below. Usage: node .ci/electronegativity.mjs [folder, default src-main]
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import console from 'node:console';
import process from 'node:process';

const require = createRequire(import.meta.url);
const root = resolve(import.meta.dirname, '..');
const input = resolve(root, process.argv[2] ?? 'src-main');

// The scanner fetches newer translations (with retries) before each run, and Electron's release list for one global
// check. Neither is needed to check our code, and CI may have no network: its HTTP client answers "offline" at once,
// the bundled English texts are used, and the release check (AvailableSecurityFixesGlobalCheck) is left out below.
const scannerEntry = require.resolve('@doyensec/electronegativity');
const gotPath = createRequire(scannerEntry).resolve('got');
const offline = async () => {
  throw new Error('offline by design');
};
require.cache[gotPath] = { id: gotPath, filename: gotPath, loaded: true, exports: offline };

const run = require(scannerEntry);
// Judge the code against the Electron the app ships with (the scanner cannot find it from a source folder).
const electronVersion = require('electron/package.json').version;

const quiet = console.log;
console.log = () => undefined; // the scanner's "could not retrieve translations" notice, expected here
let result;
try {
  result = await run(
    {
      input,
      output: undefined,
      isSarif: false,
      customScan: [],
      excludeFromScan: ['AvailableSecurityFixesGlobalCheck'],
      severitySet: undefined,
      confidenceSet: undefined,
      isRelative: true,
      isVerbose: false,
      electronUpgrade: undefined,
      electronVersionOverride: electronVersion,
      parserPlugins: [],
    },
    false,
  );
} finally {
  console.log = quiet;
}

const { issues, errors, globalChecks, atomicChecks } = result;
const out = (line) => process.stdout.write(`${line}\n`);
out(`electronegativity: ${atomicChecks} atomic and ${globalChecks} global checks over ${input} (Electron ${electronVersion})`);
for (const i of issues) {
  out(`  ${i.severity.name.padEnd(13)} ${i.confidence.name.padEnd(9)} ${i.id}  ${i.file}:${i.location.line}:${i.location.column}  ${i.description}`);
}
const unreadable = errors.filter((e) => !e.tolerable);
for (const e of errors) out(`  ${e.tolerable ? 'parse warning' : 'PARSE ERROR'}  ${e.file}: ${e.message}`);

const high = issues.filter((i) => i.severity.name === 'HIGH');
out(`electronegativity: ${issues.length} findings, ${high.length} HIGH, ${unreadable.length} unparsed files`);
if (high.length > 0 || unreadable.length > 0) process.exitCode = 1;
