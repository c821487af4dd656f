import type { Command } from '../command'
import { demoCommand } from './demo'
import { infoCommand } from './info'

/** Every CLI command, in the order --help lists them. Add one line per command. */
export const COMMANDS: readonly Command[] = [demoCommand, infoCommand]
