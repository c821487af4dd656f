import type { Handlers } from '../dispatch'
import * as registry from './registry'
import * as patients from './patients'
import { Session } from './session'
import type { Host } from './host'

export interface Services {
  session: Session
  handlers: Handlers
}

/** Wires every contract method to its service function. Adapters receive only `handlers`. */
export function createServices(host: Host): Services {
  const session = new Session(host)
  const handlers: Handlers = {
    'app.info': () => registry.appInfo(session),
    'registry.current': () => registry.currentRegistry(session),
    'registry.create': () => registry.createRegistry(session),
    'registry.open': (input) => registry.openRegistry(session, input),
    'registry.openDemo': (input) => registry.openDemoRegistry(session, input),
    'registry.saveAs': () => registry.saveRegistryAs(session),
    'registry.close': () => registry.closeRegistry(session),
    'registry.recent': () => registry.recentRegistries(session),
    'registry.forgetRecent': (input) => registry.forgetRecentRegistry(session, input),
    'registry.info': () => session.info({ fullIntegrityCheck: true }),
    'patients.list': (input) => patients.listPatientPage(session, input),
  }
  return { session, handlers }
}
