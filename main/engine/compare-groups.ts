// One entry point for the two-group, paired and table tests, by the name the CLI's
// `compare --test` and the worker's `twoGroupTest` job use, so both call the same function.
import { chiSquareTest } from './chi-square-test'
import type { TableInput } from './contingency-table'
import { fisherExactTest, type FisherOptions } from './fisher-exact-test'
import { mannWhitneyU } from './mann-whitney-u'
import { mcNemarTest, type PairedTableInput } from './mcnemar-test'
import { pairedTTest } from './paired-t-test'
import type { RankTestOptions } from './rank-test-core'
import { studentTTest } from './student-t-test'
import { symmetryTest } from './symmetry-test'
import type { TTestOptions } from './t-test-core'
import type { TwoGroupTestResult } from './two-group-test'
import { welchTTest } from './welch-t-test'
import { wilcoxonSignedRank } from './wilcoxon-signed-rank'

type Groups = { values: ArrayLike<number>; groups: ArrayLike<string | number> }
type Pairs = { x: ArrayLike<number>; y: ArrayLike<number>; labels?: [string, string] }

/** A two-group (or paired, or table) comparison, named as the CLI's `compare --test` names it. */
export type CompareGroupsJob =
  | { test: 'welch' | 'student'; input: Groups; options?: TTestOptions }
  | { test: 'mann-whitney'; input: Groups; options?: RankTestOptions }
  | { test: 'paired-t'; input: Pairs; options?: TTestOptions }
  | { test: 'wilcoxon-signed-rank'; input: Pairs; options?: RankTestOptions }
  | { test: 'chisq'; input: TableInput; options?: { correct?: boolean } }
  | { test: 'fisher'; input: TableInput; options?: FisherOptions }
  | { test: 'mcnemar'; input: PairedTableInput; options?: { correct?: boolean } }
  | { test: 'symmetry'; input: PairedTableInput }

/** Runs the named test; throws EngineInputError as the test itself does. */
export function compareGroups(job: CompareGroupsJob): TwoGroupTestResult {
  switch (job.test) {
    case 'welch':
      return welchTTest(job.input, job.options)
    case 'student':
      return studentTTest(job.input, job.options)
    case 'mann-whitney':
      return mannWhitneyU(job.input, job.options)
    case 'paired-t':
      return pairedTTest(job.input, job.options)
    case 'wilcoxon-signed-rank':
      return wilcoxonSignedRank(job.input, job.options)
    case 'chisq':
      return chiSquareTest(job.input, job.options)
    case 'fisher':
      return fisherExactTest(job.input, job.options)
    case 'mcnemar':
      return mcNemarTest(job.input, job.options)
    case 'symmetry':
      return symmetryTest(job.input)
  }
}
