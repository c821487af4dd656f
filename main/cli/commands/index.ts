import type { Command } from '../command'
import { demoCommand } from './demo'
import { infoCommand } from './info'
import { kmCommand } from './km'
import { coxCommand } from './cox'
import { importCommand } from './import'
import { exportCommand } from './export'
import { matchCommand } from './match'
import { compareCommand } from './compare'
import { studyCommand } from './study'
import { nomsCommand } from './noms'
import { reportCommand } from './report'
import { backupCommand, backupsCommand, restoreCommand } from './backup'

/** Every CLI command, in the order --help lists them. Add one line per command. */
export const COMMANDS: readonly Command[] = [demoCommand, infoCommand, importCommand, exportCommand, kmCommand, coxCommand, matchCommand, compareCommand, studyCommand, nomsCommand, reportCommand, backupCommand, backupsCommand, restoreCommand]
