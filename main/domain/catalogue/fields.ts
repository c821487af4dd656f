// The field catalogue: every field of a patient record named once, with its type, unit, hard and
// soft range, code list, labels (column label for files, screen label for the record screen, words
// for messages), import synonyms, whether it identifies the patient and where its definition comes
// from. As in REDCap, the data dictionary is the source of truth: the record's static types
// (main/domain/record.ts), the database column mapping, import mapping and code lookup, export
// columns, the data dictionary, SPSS syntax, the REDCap dictionary and the UI's field and code
// labels are derived from it; the contract's zod schemas are checked against it.
//
// Adding a field: add it here, to the screen that shows it, and a migration for its column.
import {
  ARM_LIST,
  ASIA_LIST,
  BILSKY_LIST,
  BOOLEAN_LIST,
  COMPLICATION_GRADE_LIST,
  COMPLICATION_KIND_LIST,
  FOLLOW_UP_KIND_LIST,
  FRANKEL_LIST,
  HISTOLOGY_LIST,
  MARGIN_LIST,
  RADIOSENSITIVITY_LIST,
  SEX_LIST,
  SINS_ALIGNMENT_LIST,
  SINS_BONE_LESION_LIST,
  SINS_COLLAPSE_LIST,
  SINS_LOCATION_LIST,
  SINS_PAIN_LIST,
  SINS_POSTEROLATERAL_LIST,
  SOSGOQ_VERSION_LIST,
  SPINAL_REGION_LIST,
  VISCERAL_LIST,
  type CodeList,
} from './code-lists'

export type FieldKind = 'text' | 'integer' | 'decimal' | 'date' | 'boolean' | 'category' | 'vertebrae' | 'answers'

/** How a value is stored in its SQLite column: booleans as 0/1, SOSG-OQ answers as JSON text. */
export type StorageKind = 'text' | 'int' | 'real' | 'bool' | 'json'

export interface FieldSpec {
  kind: FieldKind
  /** Column label (import mapping screen, export dictionary, SPSS, REDCap); an assessment's gets its time point in front. */
  label: string
  labelZh: string
  /** The record screen's label when it differs from the column label: [English, Chinese]. */
  form?: readonly [en: string, zh: string]
  /** The field in an English sentence ("The KPS (preoperative) was not saved: …"). */
  words: string
  /** What the number counts, for messages ("a number of years"). */
  noun?: string
  nounZh?: string
  unit: string | null
  /** Suffixes accepted after a number on import ("80%", "120 min", "65岁"). */
  unitSuffixes?: readonly string[]
  /** Hard range: values outside are refused. */
  min?: number
  max?: number
  /** The minimum itself is refused (an SRS dose must be above 0). */
  minExclusive?: boolean
  /** Allowed step (KPS: 10) or decimals (VAS: 0.1). */
  step?: number
  /** Soft range (REDCap's soft min/max): allowed, but the record screen asks to confirm. */
  softMin?: number
  softMax?: number
  maxLength?: number
  codes?: CodeList
  meaning: string
  /** Where the definition comes from (docs/clinical-reference.md section or the reference study). */
  source: string
  /** Name, hospital number, date of birth: left out of de-identified exports. */
  identifying?: boolean
  /** Free text may name people or places: left out of de-identified exports too. */
  freeText?: boolean
  /** Never empty (the study ID; a follow-up event's kind and date). */
  required?: boolean
  /** An identifier: stored trimmed, and never as empty text. */
  trimmed?: boolean
  /** Other header names that map to this field (English and Chinese; normalised on compare). */
  synonyms: readonly string[]
}

export const PATIENT_FIELDS = {
  studyId: {
    kind: 'text',
    label: 'Study ID',
    labelZh: '研究编号',
    words: 'study id',
    unit: null,
    required: true,
    trimmed: true,
    maxLength: 40,
    meaning: 'The patient\'s identifier in this registry (e.g. SM-0001); links the complications and follow-up files. Not a hospital identifier.',
    source: 'SpineMet registry',
    synonyms: ['study id', 'studyid', 'study_id', 'study number', 'case id', 'subject id', '研究编号', '病例编号', 'case no', 'case number', 'pt id', 'patient id', 'subject no', '编号', '序号', '病例号', '研究号'],
  },
  ageYears: {
    kind: 'integer',
    label: 'Age',
    labelZh: '年龄',
    words: 'age',
    noun: 'a number of years (0–120)',
    nounZh: '以岁计的年龄（0–120）',
    unit: 'years',
    unitSuffixes: ['years', 'year', 'yrs', 'y', '岁', '周岁'],
    min: 0,
    max: 120,
    meaning: 'Age at surgery (or at registration when there is no surgery), whole years.',
    source: 'Zheng 2021 (baseline characteristics)',
    synonyms: ['age', 'age years', 'age (years)', 'age_years', '年龄', '年龄(岁)', '年龄（岁）', '岁', 'age y', 'age yr', 'age yrs', 'yrs', '年龄/岁', '年龄 岁'],
  },
  sex: {
    kind: 'category',
    label: 'Sex',
    labelZh: '性别',
    words: 'sex',
    unit: null,
    codes: SEX_LIST,
    meaning: 'Sex as recorded in the chart.',
    source: 'Zheng 2021 (baseline characteristics)',
    synonyms: ['sex', 'gender', '性别', 'm/f', 'sex m/f'],
  },
  histology: {
    kind: 'category',
    label: 'Primary histology',
    labelZh: '原发肿瘤',
    form: ['Primary histology', '原发肿瘤病理类型'],
    words: 'primary histology',
    unit: null,
    codes: HISTOLOGY_LIST,
    meaning: 'Primary tumour, fine enough to give the revised Tokuhashi primary-site points and the NOMS radiosensitivity class.',
    source: 'docs/clinical-reference.md §1, §9, §13',
    synonyms: ['histology', 'primary', 'primary tumour', 'primary tumor', 'primary site', 'primary cancer', 'tumour type', 'tumor type', 'pathology', '原发肿瘤', '原发灶', '病理类型', '病理', '原发部位', '肿瘤类型', 'histology type', 'histologic type', 'histo', 'hx', 'primary histology', 'primary ca', 'primary cancer type', 'tumour origin', 'tumor origin', '原发', '原发癌', '原发病灶', '原发肿瘤类型', '原发灶类型', '肿瘤来源', '病理诊断', '病理结果', '组织学类型', '组织类型'],
  },
  histologyDetail: {
    kind: 'text',
    label: 'Histology detail',
    labelZh: '病理详情',
    words: 'histology detail',
    unit: null,
    maxLength: 200,
    meaning: 'Free-text detail of the histology (subtype, receptor status).',
    source: 'SpineMet registry',
    freeText: true,
    synonyms: ['histology detail', 'histology_detail', 'pathology detail', '病理详情', '病理描述', 'histology subtype', 'pathology subtype', '病理亚型', '病理分型'],
  },
  radiosensitivity: {
    kind: 'category',
    label: 'Radiosensitivity (entered)',
    labelZh: '放疗敏感性（录入）',
    form: ['Radiosensitivity to conventional radiotherapy (NOMS "O")', '对常规放疗的敏感性（NOMS “O”）'],
    words: 'radiosensitivity',
    unit: null,
    codes: RADIOSENSITIVITY_LIST,
    meaning: 'The clinician\'s radiosensitivity class; NA = the default of the histology is used (see derived.radiosensitivity).',
    source: 'docs/clinical-reference.md §9, §13',
    synonyms: ['radiosensitivity', 'radiosensitive', 'radiation sensitivity', '放疗敏感性', '放射敏感性'],
  },
  tokuhashiPrimaryPoints: {
    kind: 'integer',
    label: 'Tokuhashi primary-site points',
    labelZh: 'Tokuhashi 原发部位评分',
    form: ['Tokuhashi primary-site points', 'Tokuhashi 原发部位得分'],
    words: 'Tokuhashi primary-site points',
    noun: 'a number of points (0–5)',
    nounZh: '分值（0–5）',
    unit: 'points',
    min: 0,
    max: 5,
    meaning: 'Revised Tokuhashi primary-site points, entered only when the histology is "other".',
    source: 'docs/clinical-reference.md §1',
    synonyms: ['tokuhashi primary points', 'tokuhashi primary', 'primary site points', 'tokuhashi原发部位评分', '原发部位评分'],
  },
  diagnosisDate: {
    kind: 'date',
    label: 'Diagnosis date',
    labelZh: '诊断日期',
    form: ['Diagnosis date (spinal metastasis)', '脊柱转移瘤诊断日期'],
    words: 'diagnosis date',
    unit: null,
    meaning: 'Date the spinal metastasis was diagnosed.',
    source: 'Zheng 2021',
    synonyms: ['diagnosis date', 'date of diagnosis', 'diagnosis', 'dx date', '诊断日期', '确诊日期', '诊断时间', 'dx', 'date of dx', 'diagnosed', '确诊时间', '初诊日期', '初诊时间'],
  },
  spinalRegion: {
    kind: 'category',
    label: 'Spinal region',
    labelZh: '脊柱节段',
    words: 'spinal region',
    unit: null,
    codes: SPINAL_REGION_LIST,
    meaning: 'Region of the index (treated) lesion.',
    source: 'Zheng 2021 (inclusion: thoracic or lumbar)',
    synonyms: ['spinal region', 'region', 'level region', 'segment', '脊柱节段', '节段', '部位', '病变部位'],
  },
  vertebrae: {
    kind: 'vertebrae',
    label: 'Vertebrae involved',
    labelZh: '受累椎体',
    form: ['Involved vertebrae', '受累椎体'],
    words: 'involved vertebrae',
    unit: null,
    meaning: 'Vertebrae of the index lesion, separated by semicolons (e.g. T11;T12); ranges such as T11-L1 are accepted on import.',
    source: 'docs/clinical-reference.md §2 (SINS location), §1',
    synonyms: ['vertebrae', 'vertebra', 'levels', 'level', 'involved vertebrae', 'involved levels', '受累椎体', '椎体', '病变椎体', '节段椎体', 'involved level', 'affected levels', 'affected vertebrae', 'index level', 'lesion level', 'spinal level', '病变节段', '责任椎体', '责任节段', '转移椎体', '转移节段', '受累节段', '手术节段'],
  },
  primaryControlled: {
    kind: 'boolean',
    label: 'Primary tumour controlled',
    labelZh: '原发肿瘤已控制',
    words: '"primary tumour controlled"',
    unit: null,
    codes: BOOLEAN_LIST,
    meaning: 'The primary tumour is controlled (exclusion criterion of the reference study when not).',
    source: 'Zheng 2021 (exclusion 3)',
    synonyms: ['primary controlled', 'primary_controlled', '原发肿瘤已控制', '原发灶控制'],
  },
  surgicalContraindication: {
    kind: 'boolean',
    label: 'Contraindication to surgery',
    labelZh: '手术禁忌',
    form: ['Surgical contraindication', '手术禁忌证'],
    words: '"surgical contraindication"',
    unit: null,
    codes: BOOLEAN_LIST,
    meaning: 'A contraindication to surgery was present (exclusion criterion of the reference study).',
    source: 'Zheng 2021 (exclusion 2)',
    synonyms: ['surgical contraindication', 'contraindication', '手术禁忌', '手术禁忌症'],
  },
  previousSpinalResection: {
    kind: 'boolean',
    label: 'Previous spinal resection',
    labelZh: '既往脊柱肿瘤切除',
    form: ['Previous spinal tumour resection', '既往脊柱肿瘤切除史'],
    words: '"previous spinal resection"',
    unit: null,
    codes: BOOLEAN_LIST,
    meaning: 'The lesion was resected before (exclusion criterion of the reference study).',
    source: 'Zheng 2021 (exclusion 5)',
    synonyms: ['previous spinal resection', 'previous resection', 'prior surgery', '既往脊柱肿瘤切除', '既往手术'],
  },
  notes: {
    kind: 'text',
    label: 'Notes',
    labelZh: '备注',
    words: 'notes',
    unit: null,
    maxLength: 4000,
    meaning: 'Free-text notes.',
    source: 'SpineMet registry',
    freeText: true,
    synonyms: ['notes', 'note', 'comments', 'comment', 'remarks', '备注', '说明', 'remark', '附注'],
  },
} as const satisfies Record<string, FieldSpec>

export const IDENTITY_FIELDS = {
  fullName: {
    kind: 'text',
    label: 'Name',
    labelZh: '姓名',
    form: ['Full name', '姓名'],
    words: 'name',
    unit: null,
    maxLength: 200,
    meaning: 'Patient name. Identifying: only in identified exports.',
    source: 'SpineMet registry',
    identifying: true,
    synonyms: ['name', 'full name', 'patient name', 'fullname', '姓名', '患者姓名', '病人姓名', 'pt name', '患者', '病人'],
  },
  hospitalNumber: {
    kind: 'text',
    label: 'Hospital number',
    labelZh: '住院号',
    words: 'hospital number',
    unit: null,
    trimmed: true,
    maxLength: 40,
    meaning: 'Hospital (medical record) number; one patient per number. Identifying: only in identified exports.',
    source: 'SpineMet registry',
    identifying: true,
    synonyms: ['hospital number', 'hospital no', 'hospital no.', 'mrn', 'medical record number', 'record number', 'inpatient number', '住院号', '病案号', '病历号', '住院编号', 'ID号', 'hosp no', 'hospital id', 'inpatient no', 'ip no', '住院号码', '病案号码'],
  },
  dateOfBirth: {
    kind: 'date',
    label: 'Date of birth',
    labelZh: '出生日期',
    words: 'date of birth',
    unit: null,
    meaning: 'Date of birth. Identifying: only in identified exports.',
    source: 'SpineMet registry',
    identifying: true,
    synonyms: ['date of birth', 'dob', 'birth date', 'birthdate', 'birthday', '出生日期', '生日'],
  },
} as const satisfies Record<string, FieldSpec>

/** One assessment (preoperative or 6 months); column labels get the time point in front. */
export const ASSESSMENT_FIELDS = {
  assessedOn: {
    kind: 'date',
    label: 'assessment date',
    labelZh: '评估日期',
    form: ['Assessment date', '评估日期'],
    words: 'assessment date',
    unit: null,
    meaning: 'Date of the assessment.',
    source: 'Zheng 2021',
    synonyms: ['assessment date', 'assessed on', 'date of assessment', '评估日期'],
  },
  kps: {
    kind: 'integer',
    label: 'KPS',
    labelZh: 'KPS 评分',
    form: ['Karnofsky performance status (KPS)', '卡氏功能状态（KPS）'],
    words: 'KPS',
    noun: 'a KPS value (0–100 in steps of 10)',
    nounZh: 'KPS 值（0–100，以 10 为单位）',
    unit: '%',
    unitSuffixes: ['%'],
    min: 0,
    max: 100,
    step: 10,
    meaning: 'Karnofsky performance status, 0–100 in steps of 10; higher = better. Needed for the Tokuhashi general-condition item.',
    source: 'docs/clinical-reference.md §5, §1',
    synonyms: ['kps', 'karnofsky', 'karnofsky performance status', 'kps评分', 'kps 评分', '卡氏评分', 'kps score', 'karnofsky score', '卡氏', 'kps分', '卡氏功能状态评分'],
  },
  ecog: {
    kind: 'integer',
    label: 'ECOG',
    labelZh: 'ECOG 评分',
    form: ['ECOG performance status', '东部肿瘤协作组体能状态（ECOG）'],
    words: 'ECOG grade',
    noun: 'an ECOG grade (0–5)',
    nounZh: 'ECOG 分级（0–5）',
    unit: 'grade',
    min: 0,
    max: 5,
    meaning: 'ECOG performance status 0–5; higher = worse. Recorded separately from KPS.',
    source: 'docs/clinical-reference.md §5',
    synonyms: ['ecog', 'ecog ps', 'ecog score', 'ecog评分', 'ecog 评分', '体力状态', 'ecog grade', 'ps', 'ecog分级', '体能状态', '体力状况', 'ecog体力状态'],
  },
  tokuhashiExtraspinalBoneFoci: {
    kind: 'integer',
    label: 'Tokuhashi: extraspinal bone metastasis foci',
    labelZh: 'Tokuhashi：脊柱外骨转移灶数',
    form: ['Extraspinal bone metastasis foci', '脊柱外骨转移灶数'],
    words: 'number of extraspinal bone metastases (Tokuhashi)',
    noun: 'a number of foci (0–200)',
    nounZh: '病灶数（0–200）',
    unit: 'foci',
    min: 0,
    max: 200,
    meaning: 'Number of bone metastasis foci outside the spine (0 → 2 points, 1–2 → 1, ≥ 3 → 0).',
    source: 'docs/clinical-reference.md §1',
    synonyms: ['extraspinal bone foci', 'extraspinal bone metastases', 'tokuhashi extraspinal', '脊柱外骨转移灶数', '脊柱外骨转移'],
  },
  tokuhashiVertebralMetastases: {
    kind: 'integer',
    label: 'Tokuhashi: vertebral body metastases',
    labelZh: 'Tokuhashi：椎体转移数',
    form: ['Vertebral-body metastases', '椎体转移数'],
    words: 'number of vertebral metastases (Tokuhashi)',
    noun: 'a number of vertebrae (1–29)',
    nounZh: '椎体数（1–29）',
    unit: 'vertebrae',
    min: 1,
    max: 29,
    meaning: 'Number of vertebral bodies with metastases (1 → 2 points, 2 → 1, ≥ 3 → 0).',
    source: 'docs/clinical-reference.md §1',
    synonyms: ['vertebral metastases', 'vertebral body metastases', 'number of vertebral metastases', 'tokuhashi vertebral', '椎体转移数', '椎体转移个数'],
  },
  tokuhashiVisceral: {
    kind: 'category',
    label: 'Tokuhashi: metastases to major internal organs',
    labelZh: 'Tokuhashi：主要脏器转移',
    form: ['Metastases to major internal organs', '主要脏器转移'],
    words: 'metastases to major internal organs (Tokuhashi)',
    unit: null,
    codes: VISCERAL_LIST,
    meaning: 'Metastases to lungs, liver, kidneys or brain: unremovable 0, removable 1, none 2 points.',
    source: 'docs/clinical-reference.md §1',
    synonyms: ['visceral metastases', 'major organ metastases', 'tokuhashi visceral', '主要脏器转移', '内脏转移', '脏器转移'],
  },
  tokuhashiFrankel: {
    kind: 'category',
    label: 'Tokuhashi: palsy (Frankel grade)',
    labelZh: 'Tokuhashi：瘫痪（Frankel 分级）',
    form: ['Palsy (Frankel grade)', '瘫痪（Frankel 分级）'],
    words: 'palsy, Frankel grade (Tokuhashi)',
    unit: null,
    codes: FRANKEL_LIST,
    meaning: 'Frankel grade for the Tokuhashi palsy item: A/B 0, C/D 1, E 2 points.',
    source: 'docs/clinical-reference.md §1, §4',
    synonyms: ['frankel', 'frankel grade', 'tokuhashi palsy', 'palsy', 'frankel分级', 'frankel 分级', '瘫痪'],
  },
  tokuhashiEnteredTotal: {
    kind: 'integer',
    label: 'Revised Tokuhashi total (entered)',
    labelZh: '修正 Tokuhashi 总分（录入）',
    form: ['Revised Tokuhashi total (items not recorded)', '修正 Tokuhashi 总分（未记录各项）'],
    words: 'revised Tokuhashi total (items not recorded)',
    noun: 'a number of points (0–15)',
    nounZh: '分值（0–15）',
    unit: 'points',
    unitSuffixes: ['points', 'point', 'pts', '分'],
    min: 0,
    max: 15,
    meaning:
      'Revised Tokuhashi total known without its items (a legacy registry, the chart). Used for the band, eligibility and the study until every item is recorded; then the items\' sum is used and a difference is flagged.',
    source: 'docs/clinical-reference.md §1',
    synonyms: [
      'tokuhashi',
      'tokuhashi total',
      'tokuhashi score',
      'revised tokuhashi',
      'revised tokuhashi score',
      'revised tokuhashi total',
      'tokuhashi total score',
      'tokuhashi revised',
      'tks',
      'tokuhashi评分',
      'tokuhashi 评分',
      'tokuhashi总分',
      'tokuhashi 总分',
      '修正tokuhashi评分',
      '改良tokuhashi评分',
      '修订tokuhashi评分',
      '修正tokuhashi总分',
      'tokuhashi评分(总分)',
      '德桥评分',
    ],
  },
  bilskyGrade: {
    kind: 'category',
    label: 'Bilsky ESCC grade',
    labelZh: 'Bilsky ESCC 分级',
    form: ['Bilsky ESCC grade', 'Bilsky ESCC 分级'],
    words: 'Bilsky grade',
    unit: null,
    codes: BILSKY_LIST,
    meaning: 'Epidural spinal cord compression grade on axial T2 MRI: 0, 1a, 1b, 1c, 2, 3 (2–3 = high grade). Never averaged.',
    source: 'docs/clinical-reference.md §3',
    synonyms: ['bilsky', 'bilsky grade', 'escc', 'escc grade', 'bilsky分级', 'bilsky 分级', '硬膜外脊髓压迫分级', 'bilsky score', 'escc分级', 'bilsky评分', '脊髓压迫分级', '硬膜外压迫分级'],
  },
  sinsLocation: {
    kind: 'category',
    label: 'SINS: location',
    labelZh: 'SINS：位置',
    form: ['SINS location', 'SINS 部位'],
    words: 'SINS location',
    unit: null,
    codes: SINS_LOCATION_LIST,
    meaning: 'SINS location: junctional 3, mobile 2, semi-rigid 1, rigid 0 points.',
    source: 'docs/clinical-reference.md §2',
    synonyms: ['sins location', 'sins位置', 'sins 位置'],
  },
  sinsPain: {
    kind: 'category',
    label: 'SINS: pain',
    labelZh: 'SINS：疼痛',
    form: ['SINS pain', 'SINS 疼痛'],
    words: 'SINS pain',
    unit: null,
    codes: SINS_PAIN_LIST,
    meaning: 'SINS pain: mechanical 3, occasional non-mechanical 1, pain-free 0 points.',
    source: 'docs/clinical-reference.md §2',
    synonyms: ['sins pain', 'sins疼痛', 'sins 疼痛'],
  },
  sinsBoneLesion: {
    kind: 'category',
    label: 'SINS: bone lesion',
    labelZh: 'SINS：骨病变性质',
    form: ['SINS bone lesion', 'SINS 骨病变性质'],
    words: 'SINS bone lesion',
    unit: null,
    codes: SINS_BONE_LESION_LIST,
    meaning: 'SINS bone lesion quality: lytic 2, mixed 1, blastic 0 points.',
    source: 'docs/clinical-reference.md §2',
    synonyms: ['sins bone lesion', 'bone lesion', 'lesion quality', 'sins骨病变', '骨病变性质'],
  },
  sinsAlignment: {
    kind: 'category',
    label: 'SINS: alignment',
    labelZh: 'SINS：脊柱序列',
    form: ['SINS alignment', 'SINS 脊柱序列'],
    words: 'SINS alignment',
    unit: null,
    codes: SINS_ALIGNMENT_LIST,
    meaning: 'SINS radiographic alignment: subluxation/translation 4, de novo deformity 2, normal 0 points.',
    source: 'docs/clinical-reference.md §2',
    synonyms: ['sins alignment', 'alignment', 'sins序列', '脊柱序列'],
  },
  sinsCollapse: {
    kind: 'category',
    label: 'SINS: vertebral body collapse',
    labelZh: 'SINS：椎体塌陷',
    form: ['SINS vertebral body collapse', 'SINS 椎体塌陷'],
    words: 'SINS vertebral body collapse',
    unit: null,
    codes: SINS_COLLAPSE_LIST,
    meaning: 'SINS collapse: > 50 % 3, < 50 % 2, no collapse with > 50 % involved 1, none 0 points.',
    source: 'docs/clinical-reference.md §2',
    synonyms: ['sins collapse', 'collapse', 'vertebral collapse', 'sins塌陷', '椎体塌陷'],
  },
  sinsPosterolateral: {
    kind: 'category',
    label: 'SINS: posterolateral involvement',
    labelZh: 'SINS：后外侧受累',
    form: ['SINS posterolateral involvement', 'SINS 后外侧受累'],
    words: 'SINS posterolateral involvement',
    unit: null,
    codes: SINS_POSTEROLATERAL_LIST,
    meaning: 'SINS posterolateral involvement of spinal elements: bilateral 3, unilateral 1, none 0 points.',
    source: 'docs/clinical-reference.md §2',
    synonyms: ['sins posterolateral', 'posterolateral', 'posterolateral involvement', 'sins后外侧', '后外侧受累'],
  },
  sinsEnteredTotal: {
    kind: 'integer',
    label: 'SINS total (entered)',
    labelZh: 'SINS 总分（录入）',
    form: ['SINS total (components not recorded)', 'SINS 总分（未记录各组成项）'],
    words: 'SINS total (components not recorded)',
    noun: 'a number of points (0–18)',
    nounZh: '分值（0–18）',
    unit: 'points',
    unitSuffixes: ['points', 'point', 'pts', '分'],
    min: 0,
    max: 18,
    meaning:
      'SINS total known without its six components (a legacy registry, the chart). Used for the band, NOMS and the study until every component is recorded; then the components\' sum is used and a difference is flagged.',
    source: 'docs/clinical-reference.md §2',
    synonyms: [
      'sins',
      'sins total',
      'sins score',
      'sins total score',
      'spinal instability neoplastic score',
      'sins评分',
      'sins 评分',
      'sins总分',
      'sins 总分',
      '脊柱不稳定评分',
      '脊柱肿瘤不稳定评分',
      '脊柱不稳定肿瘤评分',
      '脊柱不稳定性评分',
    ],
  },
  asiaGrade: {
    kind: 'category',
    label: 'ASIA grade',
    labelZh: 'ASIA 分级',
    form: ['ASIA impairment scale', '美国脊髓损伤协会（ASIA）分级'],
    words: 'ASIA grade',
    unit: null,
    codes: ASIA_LIST,
    meaning: 'ASIA Impairment Scale A–E.',
    source: 'docs/clinical-reference.md §4',
    synonyms: ['asia', 'asia grade', 'ais', 'asia impairment scale', 'asia分级', 'asia 分级', 'asia score', 'ais grade', 'asia评分', '神经功能分级', 'asia神经功能分级'],
  },
  vasPain: {
    kind: 'decimal',
    label: 'VAS pain',
    labelZh: 'VAS 疼痛评分',
    form: ['VAS pain', '视觉模拟评分（VAS）疼痛'],
    words: 'VAS pain',
    noun: 'a VAS score (0–10)',
    nounZh: 'VAS 评分（0–10）',
    unit: 'points',
    min: 0,
    max: 10,
    step: 0.1,
    meaning: 'Pain on a visual analogue scale, 0 = no pain, 10 = worst imaginable; at most one decimal.',
    source: 'docs/clinical-reference.md §6',
    synonyms: ['vas', 'vas pain', 'vas score', 'pain score', 'vas评分', 'vas 评分', '疼痛评分', 'pain vas', 'vas分', '疼痛vas', 'vas疼痛评分'],
  },
  myelopathy: {
    kind: 'boolean',
    label: 'Myelopathy',
    labelZh: '脊髓病',
    form: ['Myelopathy or functional radiculopathy', '脊髓病或功能性神经根病'],
    words: 'myelopathy',
    unit: null,
    codes: BOOLEAN_LIST,
    meaning: 'Myelopathy or functional radiculopathy present (NOMS neurological input).',
    source: 'docs/clinical-reference.md §8',
    synonyms: ['myelopathy', '脊髓病', '脊髓病变'],
  },
  toleratesSurgery: {
    kind: 'boolean',
    label: 'Can tolerate surgery',
    labelZh: '可耐受手术',
    form: ['Can tolerate the proposed surgery (NOMS "S")', '能否耐受拟行手术（NOMS “S”）'],
    words: '"can tolerate surgery"',
    unit: null,
    codes: BOOLEAN_LIST,
    meaning: 'The team judges that the patient can tolerate surgery (NOMS systemic input).',
    source: 'docs/clinical-reference.md §8',
    synonyms: ['tolerates surgery', 'can tolerate surgery', '可耐受手术'],
  },
  sosgoqVersion: {
    kind: 'category',
    label: 'SOSG-OQ version',
    labelZh: 'SOSG-OQ 版本',
    form: ['SOSG-OQ version', 'SOSG-OQ 版本'],
    words: 'SOSG-OQ version',
    unit: null,
    codes: SOSGOQ_VERSION_LIST,
    meaning: 'Questionnaire version: 1.0 (lower = better, Zheng 2021) or 2.0 (higher = better). Never pool the two.',
    source: 'docs/clinical-reference.md §7',
    synonyms: ['sosgoq version', 'sosg-oq version', 'sosg oq version', 'sosgoq版本', 'sosg-oq版本'],
  },
  sosgoqAnswers: {
    kind: 'answers',
    label: 'SOSG-OQ answers',
    labelZh: 'SOSG-OQ 各题答案',
    form: ['SOSG-OQ item answers', 'SOSG-OQ 条目回答'],
    words: 'SOSG-OQ answers',
    unit: 'option level 1–5',
    meaning: 'Item answers in question order, separated by semicolons, as option level 1 (best) to 5 (worst); NA = unanswered (e.g. 1;2;NA;4).',
    source: 'docs/clinical-reference.md §7',
    synonyms: ['sosgoq answers', 'sosg-oq answers', 'sosgoq items', 'sosgoq答案'],
  },
  sosgoqEnteredTotal: {
    kind: 'decimal',
    label: 'SOSG-OQ total (entered)',
    labelZh: 'SOSG-OQ 总分（录入）',
    form: ['SOSG-OQ total from the chart', '病历中的 SOSG-OQ 总分'],
    words: 'SOSG-OQ total',
    noun: 'a score (0–100)',
    nounZh: '分数（0–100）',
    unit: 'points',
    min: 0,
    max: 100,
    meaning: 'SOSG-OQ total copied from the chart when the item answers are not available.',
    source: 'docs/clinical-reference.md §7',
    synonyms: ['sosgoq', 'sosg-oq', 'sosgoq total', 'sosg-oq total', 'sosgoq score', 'sosgoq总分', 'sosg-oq总分', '生活质量评分'],
  },
} as const satisfies Record<string, FieldSpec>

export const SURGERY_FIELDS = {
  arm: {
    kind: 'category',
    label: 'Treatment',
    labelZh: '治疗方式',
    words: 'treatment arm',
    unit: null,
    codes: ARM_LIST,
    meaning: 'Treatment arm: HT (hybrid therapy: separation surgery + SRS), TES (total en bloc spondylectomy), other.',
    source: 'Zheng 2021',
    synonyms: ['arm', 'treatment', 'treatment arm', 'group', 'surgery type', 'procedure type', '治疗方式', '治疗组', '分组', '手术方式', 'tx', 'tx arm', 'treatment group', 'study arm', '组别', '治疗分组', '手术分组', '治疗方案'],
  },
  admissionDate: {
    kind: 'date',
    label: 'Admission date',
    labelZh: '入院日期',
    words: 'admission date',
    unit: null,
    meaning: 'Date of admission for the operation.',
    source: 'Zheng 2021 (length of stay)',
    synonyms: ['admission date', 'date of admission', 'admitted', '入院日期', '入院时间', 'adm date', 'adm', 'admission', 'doa', '入院'],
  },
  surgeryDate: {
    kind: 'date',
    label: 'Surgery date',
    labelZh: '手术日期',
    words: 'surgery date',
    unit: null,
    meaning: 'Date of the operation; time zero for survival and local control.',
    source: 'Zheng 2021; docs/clinical-reference.md §11',
    synonyms: ['surgery date', 'date of surgery', 'operation date', 'op date', 'surgery', '手术日期', '手术时间', 'date of operation', 'operative date', 'or date', '手术日', '术日'],
  },
  dischargeDate: {
    kind: 'date',
    label: 'Discharge date',
    labelZh: '出院日期',
    words: 'discharge date',
    unit: null,
    meaning: 'Date of discharge after the operation.',
    source: 'Zheng 2021 (length of stay)',
    synonyms: ['discharge date', 'date of discharge', 'discharged', '出院日期', '出院时间', 'dc date', 'd/c date', 'discharge', '出院'],
  },
  procedureDetail: {
    kind: 'text',
    label: 'Procedure detail',
    labelZh: '手术详情',
    form: ['Procedure', '手术方式'],
    words: 'procedure detail',
    unit: null,
    maxLength: 2000,
    meaning: 'Free-text description of the operation.',
    source: 'SpineMet registry',
    freeText: true,
    synonyms: ['procedure detail', 'procedure', 'operation', 'operation details', '手术详情', '手术名称', '术式', 'surgical procedure', 'operation name', '手术术式', '具体术式', '手术操作'],
  },
  fixationLevelsAbove: {
    kind: 'integer',
    label: 'Fixation levels above',
    labelZh: '上方固定节段数',
    words: 'fixation levels above',
    noun: 'a number of levels (0–12)',
    nounZh: '节段数（0–12）',
    unit: 'levels',
    min: 0,
    max: 12,
    meaning: 'Number of instrumented levels above the lesion.',
    source: 'Zheng 2021',
    synonyms: ['fixation levels above', 'levels above', '上方固定节段数', '上固定节段'],
  },
  fixationLevelsBelow: {
    kind: 'integer',
    label: 'Fixation levels below',
    labelZh: '下方固定节段数',
    words: 'fixation levels below',
    noun: 'a number of levels (0–12)',
    nounZh: '节段数（0–12）',
    unit: 'levels',
    min: 0,
    max: 12,
    meaning: 'Number of instrumented levels below the lesion.',
    source: 'Zheng 2021',
    synonyms: ['fixation levels below', 'levels below', '下方固定节段数', '下固定节段'],
  },
  operativeTimeMin: {
    kind: 'integer',
    label: 'Operative time',
    labelZh: '手术时间',
    words: 'operative time',
    noun: 'a number of minutes (1–2880)',
    nounZh: '分钟数（1–2880）',
    unit: 'minutes',
    unitSuffixes: ['min', 'mins', 'minutes', '分钟', '分'],
    min: 1,
    max: 2880,
    meaning: 'Duration of the operation in minutes.',
    source: 'Zheng 2021',
    synonyms: ['operative time', 'operation time', 'operative time (min)', 'duration', 'op time', '手术时长', '手术时间(分钟)', '手术时间（分钟）', '手术用时', 'ot', 'or time', 'surgical time', 'surgery duration', 'operative duration', 'time of surgery min', '手术耗时', '手术持续时间'],
  },
  bloodLossMl: {
    kind: 'integer',
    label: 'Blood loss',
    labelZh: '术中出血量',
    form: ['Blood loss', '出血量'],
    words: 'blood loss',
    noun: 'a volume in mL (0–50000)',
    nounZh: '毫升数（0–50000）',
    unit: 'mL',
    unitSuffixes: ['ml', 'mls', '毫升'],
    min: 0,
    max: 50000,
    meaning: 'Intraoperative blood loss in millilitres.',
    source: 'Zheng 2021',
    synonyms: ['blood loss', 'blood loss (ml)', 'ebl', 'estimated blood loss', '出血量', '术中出血量', '术中出血', '出血量(ml)', '出血量（ml）', 'bl', 'intraoperative blood loss', 'iobl', 'ibl', '失血量', '术中失血量', '术中失血'],
  },
  marginStatus: {
    kind: 'category',
    label: 'Margin status',
    labelZh: '切缘',
    form: ['Surgical margin', '手术切缘'],
    words: 'margin status',
    unit: null,
    codes: MARGIN_LIST,
    meaning: 'Resection margin on pathology.',
    source: 'Zheng 2021',
    synonyms: ['margin', 'margin status', 'resection margin', '切缘', '切缘状态', 'margins', 'r status', '切缘情况'],
  },
  srsDate: {
    kind: 'date',
    label: 'SRS date',
    labelZh: 'SRS 日期',
    form: ['SRS date (first fraction)', 'SRS 日期（首次分次）'],
    words: 'SRS date',
    unit: null,
    meaning: 'Date of the first stereotactic radiosurgery fraction after surgery (hybrid therapy).',
    source: 'Zheng 2021',
    synonyms: ['srs date', 'radiosurgery date', 'date of srs', 'srs', '放疗日期', 'srs日期', '立体定向放疗日期', 'sbrt date', 'sbrt', 'rt date', '放疗时间', '术后放疗日期'],
  },
  srsDoseGy: {
    kind: 'decimal',
    label: 'SRS dose',
    labelZh: 'SRS 剂量',
    words: 'SRS dose',
    noun: 'a dose in Gy (above 0, at most 100)',
    nounZh: '剂量（Gy，大于 0 且不超过 100）',
    unit: 'Gy',
    unitSuffixes: ['gy'],
    min: 0,
    minExclusive: true,
    max: 100,
    softMin: 1,
    meaning: 'Total SRS dose in gray.',
    source: 'Zheng 2021',
    synonyms: ['srs dose', 'dose', 'dose (gy)', 'srs dose (gy)', '放疗剂量', '剂量', 'srs剂量', 'rt dose', 'sbrt dose', 'radiation dose', '照射剂量'],
  },
  srsFractions: {
    kind: 'integer',
    label: 'SRS fractions',
    labelZh: 'SRS 分次数',
    words: 'number of SRS fractions',
    noun: 'a number of fractions (1–50)',
    nounZh: '分次数（1–50）',
    unit: 'fractions',
    min: 1,
    max: 50,
    meaning: 'Number of SRS fractions.',
    source: 'Zheng 2021',
    synonyms: ['srs fractions', 'fractions', 'number of fractions', '分次', '分次数', '放疗次数', 'fx', 'fractions n', '放疗分次'],
  },
} as const satisfies Record<string, FieldSpec>

const ITEM_SOURCE = 'Zheng 2021 (complications, follow-up)'

/** A perioperative complication (one row of the complications file, one per item). */
export const COMPLICATION_FIELDS = {
  kind: {
    kind: 'category',
    label: 'Complication',
    labelZh: '并发症',
    words: 'kind',
    unit: null,
    codes: COMPLICATION_KIND_LIST,
    required: true,
    meaning: 'Kind of perioperative complication.',
    source: ITEM_SOURCE,
    synonyms: [],
  },
  grade: {
    kind: 'category',
    label: 'Clavien–Dindo grade',
    labelZh: 'Clavien–Dindo 分级',
    words: 'Clavien–Dindo grade',
    unit: null,
    codes: COMPLICATION_GRADE_LIST,
    meaning: 'Severity of the complication (Clavien–Dindo I–V).',
    source: ITEM_SOURCE,
    synonyms: [],
  },
  onsetDate: {
    kind: 'date',
    label: 'Onset date',
    labelZh: '发生日期',
    words: 'onset date',
    unit: null,
    meaning: 'Date the complication began.',
    source: ITEM_SOURCE,
    synonyms: [],
  },
  description: {
    kind: 'text',
    label: 'Description',
    labelZh: '描述',
    words: 'description',
    unit: null,
    maxLength: 2000,
    freeText: true,
    meaning: 'Free-text description of the complication.',
    source: ITEM_SOURCE,
    synonyms: [],
  },
} as const satisfies Record<string, FieldSpec>

/** A follow-up event (one row of the follow-up file). */
export const FOLLOW_UP_FIELDS = {
  kind: {
    kind: 'category',
    label: 'Follow-up event',
    labelZh: '随访事件',
    form: ['Event', '事件'],
    words: 'kind',
    unit: null,
    codes: FOLLOW_UP_KIND_LIST,
    required: true,
    meaning: 'contact = seen or contacted alive; local_progression = local progression of the treated lesion; death = death of any cause.',
    source: ITEM_SOURCE,
    synonyms: [],
  },
  eventDate: {
    kind: 'date',
    label: 'Event date',
    labelZh: '事件日期',
    form: ['Date', '日期'],
    words: 'date',
    unit: null,
    required: true,
    meaning: 'Date of the event.',
    source: ITEM_SOURCE,
    synonyms: [],
  },
  note: {
    kind: 'text',
    label: 'Note',
    labelZh: '备注',
    words: 'note',
    unit: null,
    maxLength: 2000,
    freeText: true,
    meaning: 'Free-text note.',
    source: ITEM_SOURCE,
    synonyms: [],
  },
} as const satisfies Record<string, FieldSpec>

// ---- the catalogue as a list ----

export const RECORD_SECTIONS = ['patient', 'identity', 'preop', 'month6', 'surgery'] as const
export type RecordSection = (typeof RECORD_SECTIONS)[number]
export type ItemSection = 'complication' | 'followUp'

/** The field specs of each section (both assessments share one list). */
export const SECTION_FIELDS = {
  patient: PATIENT_FIELDS,
  identity: IDENTITY_FIELDS,
  preop: ASSESSMENT_FIELDS,
  month6: ASSESSMENT_FIELDS,
  surgery: SURGERY_FIELDS,
  complication: COMPLICATION_FIELDS,
  followUp: FOLLOW_UP_FIELDS,
} as const

type KeysOf<S extends RecordSection> = keyof (typeof SECTION_FIELDS)[S] & string
/** Every editable single field of a record: `section.key` (`preop.kps`). */
export type FieldPath = { [S in RecordSection]: `${S}.${KeysOf<S>}` }[RecordSection]

/** A field of the catalogue, placed in its section, with its database column. */
export interface CatalogueField extends FieldSpec {
  /** `section.key`; the column name in CSV exports. */
  path: string
  section: RecordSection | ItemSection
  key: string
  /** SQLite column (null: stored elsewhere, as the vertebrae in patient_vertebrae). */
  column: string | null
  storage: StorageKind | null
  /** Computed from other fields, never entered (see derived-fields.ts). */
  derived: false
}

export interface RecordField extends CatalogueField {
  path: FieldPath
  section: RecordSection
}

/** The time points of an assessment in column labels, meanings and header synonyms. */
export const TIMEPOINT_WORDS = {
  preop: { en: 'Preop', zh: '术前', words: 'preoperative', meaning: 'Before surgery', headerEn: ['preop', 'pre op', 'preoperative', 'baseline', 'pre'], headerZh: ['术前'] },
  month6: {
    en: '6-month',
    zh: '术后6个月',
    words: '6-month',
    meaning: 'Six months after surgery',
    headerEn: ['month6', 'month 6', '6m', '6 months', '6 month', 'm6', '6mo', 'postop 6m'],
    headerZh: ['术后6个月', '6个月', '术后半年'],
  },
} as const

const STORAGE: Record<FieldKind, StorageKind | null> = {
  text: 'text',
  date: 'text',
  category: 'text',
  integer: 'int',
  decimal: 'real',
  boolean: 'bool',
  answers: 'json',
  vertebrae: null,
}

/** camelCase key → snake_case column (`operativeTimeMin` → `operative_time_min`). */
export const snakeCase = (key: string): string => key.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase()

function place(section: RecordSection | ItemSection, key: string, spec: FieldSpec): CatalogueField {
  const storage = STORAGE[spec.kind]
  return { ...spec, path: `${section}.${key}`, section, key, column: storage ? snakeCase(key) : null, storage, derived: false }
}

function assessmentFields(tp: 'preop' | 'month6'): RecordField[] {
  const w = TIMEPOINT_WORDS[tp]
  return Object.entries(ASSESSMENT_FIELDS as Record<string, FieldSpec>).map(([key, spec]) => {
    const synonyms: string[] = []
    for (const s of spec.synonyms) {
      for (const p of w.headerEn) synonyms.push(`${p} ${s}`, `${s} ${p}`, `${s} (${p})`)
      for (const p of w.headerZh) synonyms.push(`${p}${s}`, `${p} ${s}`, `${s}(${p})`, `${s}（${p}）`)
      // A plain "KPS" column is the preoperative one.
      if (tp === 'preop') synonyms.push(s)
    }
    return {
      ...place(tp, key, spec),
      label: `${w.en} ${spec.label}`,
      labelZh: `${w.zh}${spec.labelZh}`,
      meaning: `${w.meaning}: ${spec.meaning.charAt(0).toLowerCase()}${spec.meaning.slice(1)}`,
      synonyms,
    } as RecordField
  })
}

function sectionFields(section: RecordSection | ItemSection, specs: Record<string, FieldSpec>): CatalogueField[] {
  return Object.entries(specs).map(([key, spec]) => place(section, key, spec))
}

/** Every field of the patients file, in export order. */
export const RECORD_FIELDS: readonly RecordField[] = [
  ...(sectionFields('patient', PATIENT_FIELDS) as RecordField[]),
  ...(sectionFields('identity', IDENTITY_FIELDS) as RecordField[]),
  ...assessmentFields('preop'),
  ...assessmentFields('month6'),
  ...(sectionFields('surgery', SURGERY_FIELDS) as RecordField[]),
]

/** The fields of a complication and of a follow-up event, in the linked files' order. */
export const COMPLICATION_ITEM_FIELDS: readonly CatalogueField[] = sectionFields('complication', COMPLICATION_FIELDS)
export const FOLLOW_UP_ITEM_FIELDS: readonly CatalogueField[] = sectionFields('followUp', FOLLOW_UP_FIELDS)

export const FIELD_PATHS: readonly FieldPath[] = RECORD_FIELDS.map((f) => f.path)

const BY_PATH: ReadonlyMap<string, CatalogueField> = new Map([...RECORD_FIELDS, ...COMPLICATION_ITEM_FIELDS, ...FOLLOW_UP_ITEM_FIELDS].map((f) => [f.path, f]))

/** The catalogue entry of a path (`preop.kps`, `complication.grade`), or undefined. */
export function catalogueField(path: string): CatalogueField | undefined {
  return BY_PATH.get(path)
}

/** The stored columns of a section, in catalogue order. */
export function sectionColumns(section: RecordSection | ItemSection): CatalogueField[] {
  const fields = section === 'complication' ? COMPLICATION_ITEM_FIELDS : section === 'followUp' ? FOLLOW_UP_ITEM_FIELDS : RECORD_FIELDS.filter((f) => f.section === section)
  return fields.filter((f) => f.column !== null)
}

/** The screen labels of a section in one language, by key (the UI catalogues' `fields` block). */
export function formLabels<S extends RecordSection | ItemSection>(section: S, lang: 'en' | 'zh'): Record<keyof (typeof SECTION_FIELDS)[S] & string, string> {
  const specs = SECTION_FIELDS[section] as Record<string, FieldSpec>
  const labels = Object.entries(specs).map(([key, f]) => [key, f.form ? f.form[lang === 'en' ? 0 : 1] : lang === 'en' ? f.label : f.labelZh])
  return Object.fromEntries(labels) as Record<keyof (typeof SECTION_FIELDS)[S] & string, string>
}

export { BOOLEAN_LIST }
