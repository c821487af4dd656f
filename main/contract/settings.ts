import { z } from 'zod'
import { method } from './method'
import { HISTOLOGIES } from '../domain/codes'
import { RADIOSENSITIVITY_CLASSES } from '../domain/radiosensitivity'
import { PAPER_SIZES, type RegistrySettings } from '../domain/registry-settings'

/** A change to the registry's team settings; absent keys stay as they are. */
export const registrySettingsPatch = z
  .object({
    escc1cIsHigh: z.boolean().optional(),
    paperSize: z.enum(PAPER_SIZES).optional(),
    /** Per histology: a class, or null to go back to SpineMet's default. */
    radiosensitivity: z.partialRecord(z.enum(HISTOLOGIES), z.enum(RADIOSENSITIVITY_CLASSES).nullable()).optional(),
  })
  .strict()
export type RegistrySettingsPatch = z.input<typeof registrySettingsPatch>

export const settingsMethods = {
  /** The open registry's team settings (Bilsky 1c, radiosensitivity per histology, paper size). */
  'settings.get': method<RegistrySettings>()(z.object({}).strict()),
  /** Changes settings in one transaction, with an audit entry per changed key. */
  'settings.update': method<RegistrySettings>()(registrySettingsPatch),
} as const
