// Synthetic identities: Chinese names in pinyin (surname first, as a hospital in Ningxia would
// register them, with the Hui surnames common there), unique hospital numbers, and dates of
// birth that give the recorded age on the day of admission. None belongs to a real person.
import type { Sex } from '@domain/codes'
import type { Rng } from './random'

const SURNAMES = [
  'Wang', 'Li', 'Zhang', 'Liu', 'Chen', 'Yang', 'Zhao', 'Huang', 'Zhou', 'Wu', 'Xu', 'Sun', 'Ma', 'Zhu', 'Hu', 'Guo',
  'He', 'Gao', 'Lin', 'Luo', 'Zheng', 'Liang', 'Song', 'Tang', 'Han', 'Feng', 'Deng', 'Cao', 'Peng', 'Zeng', 'Tian',
  'Dong', 'Pan', 'Yuan', 'Jiang', 'Du', 'Wei', 'Su', 'Ding', 'Ren', 'Shen', 'Yao', 'Lu', 'Jin', 'Hai', 'Na', 'Bai', 'Mu', 'Sha', 'Ning',
] as const
const MALE_GIVEN = [
  'Jianguo', 'Jianjun', 'Wei', 'Qiang', 'Lei', 'Jun', 'Yong', 'Gang', 'Ming', 'Tao', 'Bin', 'Hao', 'Peng', 'Chao', 'Jie',
  'Liang', 'Dong', 'Guoqiang', 'Zhiqiang', 'Yongjun', 'Haitao', 'Jianhua', 'Zhiming', 'Wenbin', 'Xiaodong', 'Fei',
  'Shengli', 'Yuxiang', 'Zhenhua', 'Dejun', 'Guohua', 'Wenjie', 'Chunming', 'Baolin', 'Xuefeng', 'Zhanhai', 'Youcai', 'Fuqiang', 'Xiaojun', 'Hongwei',
] as const
const FEMALE_GIVEN = [
  'Xiulan', 'Guifang', 'Yumei', 'Li', 'Jing', 'Min', 'Yan', 'Hong', 'Fang', 'Xia', 'Juan', 'Ying', 'Hua', 'Lan', 'Ping',
  'Cuiping', 'Xiuying', 'Shufen', 'Yuzhen', 'Guiying', 'Haiyan', 'Lijuan', 'Chunmei', 'Xiaoyan', 'Hongmei', 'Meiling',
  'Yufang', 'Jinhua', 'Fengying', 'Xiuzhen', 'Suqin', 'Yuhua', 'Aiping', 'Shuqin',
] as const

/** Names are drawn until unused, so a list in the app never shows two patients with one name. */
export class IdentityFactory {
  private readonly names = new Set<string>()
  private readonly numbers = new Set<string>()

  constructor(private readonly rng: Rng) {}

  name(sex: Sex): string {
    for (;;) {
      const given = sex === 'male' ? this.rng.pick(MALE_GIVEN) : this.rng.pick(FEMALE_GIVEN)
      const full = `${this.rng.pick(SURNAMES)} ${given}`
      if (!this.names.has(full)) {
        this.names.add(full)
        return full
      }
    }
  }

  /** Inpatient number: two digits of the admission year, then six digits. */
  hospitalNumber(admissionDate: string): string {
    for (;;) {
      const n = `${admissionDate.slice(2, 4)}${String(this.rng.int(0, 999_999)).padStart(6, '0')}`
      if (!this.numbers.has(n)) {
        this.numbers.add(n)
        return n
      }
    }
  }

  /** A date of birth at which the patient is `ageYears` old (completed years) on `onDate`. */
  dateOfBirth(ageYears: number, onDate: string): string {
    const month = this.rng.int(1, 12)
    const day = this.rng.int(1, 28)
    const md = month * 100 + day
    const onMd = Number(onDate.slice(5, 7)) * 100 + Number(onDate.slice(8, 10))
    // The birthday has not come yet this year → born one year earlier.
    const year = Number(onDate.slice(0, 4)) - ageYears - (md > onMd ? 1 : 0)
    return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`
  }
}

/** Completed years between a date of birth and a date (both ISO). */
export function ageOn(dateOfBirth: string, onDate: string): number {
  const md = (s: string): number => Number(s.slice(5, 7)) * 100 + Number(s.slice(8, 10))
  return Number(onDate.slice(0, 4)) - Number(dateOfBirth.slice(0, 4)) - (md(onDate) < md(dateOfBirth) ? 1 : 0)
}
