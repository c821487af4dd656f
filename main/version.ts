import appPackage from '../app/package.json'
import { ENGINE_VERSION } from './engine/version'
import { LATEST_SCHEMA_VERSION } from './db/migrations/index'

export const APP_NAME: string = appPackage.productName
export const APP_VERSION: string = appPackage.version
export { ENGINE_VERSION, LATEST_SCHEMA_VERSION }
