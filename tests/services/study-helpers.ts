// Shared by the study service tests: a test app with the demo registry open (seed 2021, the
// reference study's shape), closed with its engine workers after the file's tests.
import { createTestApp, type TestApp } from '../helpers/test-host'

export async function demoStudyApp(): Promise<TestApp & { shutdown(): Promise<void> }> {
  const app = createTestApp()
  await app.call('registry.openDemo', {})
  return Object.assign(app, {
    async shutdown() {
      app.close()
      await app.services.engine.close()
    },
  })
}
