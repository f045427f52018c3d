// The one command for the quality gates: lint, typecheck, build, Vitest (unit, renderer,
// integration), Playwright end-to-end. Prints a plain "N passed, N failed" line per test runner.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';

const out = '.ci-out';
mkdirSync(out, { recursive: true });
const failures = [];

function step(name, command, args, env = {}) {
  process.stdout.write(`\n=== ${name}: ${command} ${args.join(' ')}\n`);
  const started = Date.now();
  const result = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (result.status !== 0) failures.push(name);
  process.stdout.write(`=== ${name}: ${result.status === 0 ? 'ok' : 'FAILED'} in ${seconds} s\n`);
  return result.status === 0;
}

function vitestSummary(file) {
  if (!existsSync(file)) return null;
  const report = JSON.parse(readFileSync(file, 'utf8'));
  return { passed: report.numPassedTests, failed: report.numFailedTests + (report.numTotalTestSuites > 0 && report.numTotalTests === 0 ? 1 : 0), skipped: report.numPendingTests + report.numTodoTests };
}

function playwrightSummary(file) {
  if (!existsSync(file)) return null;
  const stats = JSON.parse(readFileSync(file, 'utf8')).stats;
  return { passed: stats.expected + stats.flaky, failed: stats.unexpected, skipped: stats.skipped };
}

const only = process.argv.slice(2);
const wants = (name) => only.length === 0 || only.includes(name);

if (wants('lint')) step('lint', 'npx', ['eslint', '--max-warnings', '0', '.']);
if (wants('typecheck')) step('typecheck', 'npm', ['run', '--silent', 'typecheck']);
if (wants('build')) step('build', 'npm', ['run', '--silent', 'build']);

const lines = [];
if (wants('vitest')) {
  rmSync(`${out}/vitest.json`, { force: true });
  step('vitest', 'npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${out}/vitest.json`]);
  const s = vitestSummary(`${out}/vitest.json`);
  lines.push(s ? `vitest: ${s.passed} passed, ${s.failed} failed${s.skipped ? `, ${s.skipped} skipped` : ''}` : 'vitest: 0 passed, 1 failed (no report written)');
  if (!s || s.failed > 0 || s.passed === 0) failures.push('vitest results');
}
if (wants('e2e')) {
  const hasTests = existsSync('tests/e2e') && readdirSync('tests/e2e').some((f) => f.endsWith('.spec.ts'));
  if (hasTests) {
    rmSync(`${out}/playwright.json`, { force: true });
    step('e2e', 'npx', ['playwright', 'test']);
    const s = playwrightSummary(`${out}/playwright.json`);
    lines.push(s ? `playwright: ${s.passed} passed, ${s.failed} failed${s.skipped ? `, ${s.skipped} skipped` : ''}` : 'playwright: 0 passed, 1 failed (no report written)');
    if (!s || s.failed > 0 || s.passed === 0) failures.push('playwright results');
  }
}

process.stdout.write(`\n${lines.join('\n')}\n`);
if (failures.length > 0) {
  process.stdout.write(`FAILED: ${[...new Set(failures)].join(', ')}\n`);
  process.exit(1);
}
process.stdout.write('All quality gates passed.\n');
