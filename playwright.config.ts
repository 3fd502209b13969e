import { defineConfig } from '@playwright/test'

// Two cores: one worker keeps the app and Chromium from starving each other.
export default defineConfig({
  testDir: './e2e',
  outputDir: './test-results/e2e',
  globalSetup: './e2e/support/global-setup.ts',
  workers: 1,
  retries: 0,
  // Limits on waiting for state, not timings: a test that restarts the app twice took 61 s at load 17
  // (every step slow in step, none stuck), so the limits leave room for a machine shared with other work.
  timeout: 120_000,
  expect: { timeout: 20_000 },
  reporter: [['list']],
  use: { trace: 'retain-on-failure' }
})
