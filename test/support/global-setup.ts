/**
 * Once per test run: the scripts bundled from the working tree, the venv with the pinned mlflow,
 * every seeded sqlite store (testbed/setup.mjs › ensureTestStores), the mlflow fork server that
 * makes each mlflow call of the suite cheap (testbed/forkserver.ts), and a real `mlflow server` on
 * 127.0.0.1 filled by the MLflow SDK and over OTLP.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import type {} from 'vitest';
import type { TestProject } from 'vitest/node';
// @ts-expect-error plain JS helper without types
import { ensureTestStores, ensureVenv } from '../../testbed/setup.mjs';
import { startForkServer } from '../../testbed/forkserver.js';
import { ROOT, startSeededServer, type Manifest } from '../../testbed/server.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** null only when a developer runs with TESTBED_SERVER=0 for a quick loop; CI always has it. */
    server: { url: string; manifest: Manifest } | null;
  }
}

export default async function setup(project: TestProject): Promise<() => void> {
  // MLflow's telemetry thread pops an os.environ key while requests reads the environment (a KeyError
  // seen once seeding the server): off for every mlflow process of the suite.
  process.env.MLFLOW_DISABLE_TELEMETRY ??= 'true';
  // The scripts as bundles of the current sources (helpers.run starts them with plain node).
  const built = spawnSync(process.execPath, [join(ROOT, 'testbed', 'build.mjs'), join(ROOT, '.testbed', 'dist')], { stdio: 'inherit' });
  if (built.status !== 0) throw new Error('bundling the scripts for the tests failed (node testbed/build.mjs .testbed/dist)');
  ensureVenv();
  await ensureTestStores();
  const stopForks = await startForkServer();
  if (process.env.TESTBED_SERVER === '0' && !process.env.CI) {
    project.provide('server', null);
    return stopForks;
  }
  const server = await startSeededServer().catch((err: unknown) => {
    stopForks();
    throw err;
  });
  project.provide('server', { url: server.url, manifest: server.manifest });
  return () => {
    server.stop();
    stopForks();
  };
}
