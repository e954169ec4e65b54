// Entry of a measured child process (see util/child.ts): `child.ts <case> <json input>`.
import { auditChildCases } from './audit.js';
import { RESULT_MARKER } from './util/child.js';

const CASES: Record<string, (input: Record<string, string>) => Promise<Record<string, number>>> = {
  ...auditChildCases,
};

const [name = '', json = '{}'] = process.argv.slice(2);
const run = CASES[name];
if (!run) {
  process.stderr.write(`unknown benchmark case "${name}"; known: ${Object.keys(CASES).join(', ')}\n`);
  process.exit(2);
}
run(JSON.parse(json) as Record<string, string>).then(
  (result) => {
    process.stdout.write(`${RESULT_MARKER}${JSON.stringify(result)}\n`);
    process.exit(0);
  },
  (error) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
