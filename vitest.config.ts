import { defineConfig } from 'vitest/config';

// Two projects. `unit`: pure logic over fixtures/ (model, analysis, render, redaction, cache,
// the bundles, SKILL.md): no Python, no mlflow, no seeded store; `npm run test:unit` on a fresh
// clone. `cli`: every *.cli.test.ts runs the real mlflow CLI against the stores the global set-up
// seeds once, and shares the one `mlflow server` it starts. `npm test` runs both.
export default defineConfig({
  test: {
    // Each real mlflow call costs seconds of Python start-up; two cores run two at a time.
    maxWorkers: 2,
    testTimeout: 120_000,
    hookTimeout: 300_000,
    reporters: ['default'],
    projects: [
      { extends: true, test: { name: 'unit', include: ['test/unit/**/*.test.ts'], isolate: false, unstubEnvs: true } },
      { extends: true, test: { name: 'cli', include: ['test/cli/**/*.test.ts'], globalSetup: ['test/support/global-setup.ts'] } },
    ],
  },
});
