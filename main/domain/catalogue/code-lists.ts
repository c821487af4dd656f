// The registry's code lists, each defined once: the stored code (in display order), its English and
// Chinese label, and the other ways hospital exports write it (accepted on import, compared after
// normalisation). The code tuples in main/domain/codes.ts, the database CHECK constraints (a test
// inserts every code), the import's code lookup, the export's data dictionary, SPSS value labels,
// REDCap choices and the UI's option labels all read these lists. Definitions:
// docs/clinical-reference.md §1–§9.

export interface CodeLabel {
  code: string
  en: string
  zh: string
  /** Other spellings accepted on import (compared after normalisation). */
  synonyms: readonly string[]
}

export interface CodeList<C extends string = string> {
  /** Name of the list in messages ("sex", "primary histology"). */
  name: string
  /** The stored codes, in display order. */
  codes: readonly C[]
  labels: readonly CodeLabel[]
}

type Entry = readonly [code: string, en: string, zh: string, synonyms?: readonly string[]]
type CodesOf<T extends readonly Entry[]> = { readonly [I in keyof T]: T[I][0] }

function codeList<const T extends readonly Entry[]>(name: string, entries: T): CodeList<T[number][0]> & { codes: CodesOf<T> } {
  return {
    name,
    codes: entries.map((e) => e[0]) as unknown as CodesOf<T>,
    labels: entries.map(([code, en, zh, synonyms]) => ({ code, en, zh, synonyms: synonyms ?? [] })),
  }
}

/** A code's label in one language, by list: `{ male: 'Male', female: 'Female' }` (UI catalogues). */
export function codeLabels<C extends string>(list: CodeList<C>, lang: 'en' | 'zh'): Record<C, string> {
  return Object.fromEntries(list.labels.map((l) => [l.code, l[lang]])) as Record<C, string>
}

export const SEX_LIST = codeList('sex', [
  ['male', 'Male', '男', ['m', 'man', '男性']],
  ['female', 'Female', '女', ['f', 'woman', '女性']],
])

/**
 * Primary histology, fine enough that the revised Tokuhashi primary-site points and the NOMS
 * radiosensitivity class can be derived (docs/clinical-reference.md §1, §9, §13); `other` needs both
 * chosen by the clinician. `liver` is hepatocellular carcinoma; `colon` is "colorectal" in Zheng 2021
 * (colon, or not further specified).
 */
export const HISTOLOGY_LIST = codeList('primary histology', [
  ['kidney', 'Renal cell carcinoma', '肾细胞癌', ['rcc', 'renal', 'renal cell', 'renal cancer', 'kidney cancer', '肾癌', '透明细胞癌']],
  ['thyroid', 'Thyroid', '甲状腺癌', ['thyroid cancer', 'thyroid carcinoma', '甲状腺']],
  ['liver', 'Liver (HCC)', '肝癌（肝细胞癌）', ['hcc', 'hepatocellular carcinoma', 'liver cancer', '肝癌', '肝细胞癌']],
  ['rectum', 'Rectum', '直肠癌', ['rectal', 'rectal cancer', '直肠']],
  ['colon', 'Colon / colorectal', '结肠癌 / 结直肠癌', ['colon cancer', 'colorectal', 'colorectal cancer', 'crc', '结肠癌', '结直肠癌', '结肠']],
  ['melanoma', 'Melanoma', '黑色素瘤', ['恶性黑色素瘤']],
  ['lung_nsclc', 'Lung, non-small-cell', '非小细胞肺癌', ['nsclc', 'non-small-cell lung cancer', 'non small cell lung cancer', 'lung adenocarcinoma', '肺腺癌', '肺鳞癌']],
  ['lung_sclc', 'Lung, small-cell', '小细胞肺癌', ['sclc', 'small-cell lung cancer', 'small cell lung cancer']],
  ['breast', 'Breast', '乳腺癌', ['breast cancer', '乳腺']],
  ['prostate', 'Prostate', '前列腺癌', ['prostate cancer', '前列腺']],
  ['carcinoid', 'Carcinoid / neuroendocrine', '类癌 / 神经内分泌肿瘤', ['carcinoid tumour', 'carcinoid tumor', 'neuroendocrine', 'net', '类癌', '神经内分泌肿瘤', '神经内分泌癌']],
  ['uterus', 'Uterus', '子宫癌', ['uterine', 'uterine cancer', 'endometrial cancer', '子宫内膜癌']],
  ['gallbladder', 'Gallbladder', '胆囊癌', ['gallbladder cancer', '胆囊']],
  ['unknown_primary', 'Unknown primary', '原发灶不明', ['unknown', 'cup', 'unidentified', 'carcinoma of unknown primary', '原发不明', '不明原发']],
  ['stomach', 'Stomach', '胃癌', ['gastric', 'gastric cancer', 'stomach cancer']],
  ['esophagus', 'Oesophagus', '食管癌', ['oesophageal', 'esophageal', 'esophageal cancer', 'oesophageal cancer', 'oesophagus', '食道癌']],
  ['pancreas', 'Pancreas', '胰腺癌', ['pancreatic', 'pancreatic cancer']],
  ['bladder', 'Bladder', '膀胱癌', ['bladder cancer', 'urothelial']],
  ['osteosarcoma', 'Osteosarcoma', '骨肉瘤', []],
  ['sarcoma_other', 'Sarcoma (other)', '其他肉瘤', ['sarcoma', 'soft tissue sarcoma', '肉瘤', '软组织肉瘤']],
  ['myeloma', 'Myeloma / plasmacytoma', '骨髓瘤 / 浆细胞瘤', ['multiple myeloma', 'plasmacytoma', '多发性骨髓瘤', '骨髓瘤', '浆细胞瘤']],
  ['lymphoma', 'Lymphoma', '淋巴瘤', []],
  ['seminoma', 'Seminoma / germ-cell', '精原细胞瘤 / 生殖细胞肿瘤', ['germ cell', 'germ-cell tumour', '精原细胞瘤', '生殖细胞肿瘤']],
  ['ovary', 'Ovary', '卵巢癌', ['ovarian', 'ovarian cancer']],
  ['other', 'Other', '其他', ['其它']],
])

export const RADIOSENSITIVITY_LIST = codeList('radiosensitivity', [
  ['sensitive', 'Radiosensitive', '放疗敏感', ['radiosensitive', '敏感']],
  ['resistant', 'Radioresistant', '放疗抵抗', ['radioresistant', '抵抗', '放疗不敏感', '不敏感']],
])

export const SPINAL_REGION_LIST = codeList('spinal region', [
  ['cervical', 'Cervical', '颈椎', ['c', '颈']],
  ['thoracic', 'Thoracic', '胸椎', ['t', '胸']],
  ['lumbar', 'Lumbar', '腰椎', ['l', '腰']],
  ['sacral', 'Sacral', '骶椎', ['s', '骶', '骶骨']],
])

export const ARM_LIST = codeList('treatment', [
  ['HT', 'Hybrid therapy (HT)', '混合治疗（HT）', ['hybrid therapy', 'hybrid', 'separation surgery + srs', '混合治疗']],
  ['TES', 'Total en bloc spondylectomy (TES)', '全脊椎整块切除术（TES）', ['全脊椎整块切除（TES）', 'total en bloc spondylectomy', 'en bloc', 'en bloc spondylectomy', '全脊椎整块切除', '全脊椎切除']],
  ['other', 'Other', '其他', ['其它']],
])

export const VISCERAL_LIST = codeList('metastases to major internal organs', [
  ['unremovable', 'Unremovable', '不可切除', ['not removable', 'irresectable', 'unresectable', '无法切除']],
  ['removable', 'Removable', '可切除', ['resectable']],
  ['none', 'None', '无', ['no', '0', '没有']],
])

export const FRANKEL_LIST = codeList('Frankel grade', [
  ['A', 'A — complete', 'A — 完全性损伤', ['frankel a']],
  ['B', 'B — sensory only', 'B — 仅存感觉', ['frankel b']],
  ['C', 'C — motor useless', 'C — 运动无用', ['frankel c']],
  ['D', 'D — motor useful', 'D — 运动有用', ['frankel d']],
  ['E', 'E — no deficit', 'E — 无神经功能障碍', ['frankel e']],
])

export const ASIA_LIST = codeList('ASIA grade', [
  ['A', 'A — complete', 'A — 完全性损伤', ['asia a', 'ais a']],
  ['B', 'B — sensory incomplete', 'B — 感觉不完全性损伤', ['asia b', 'ais b']],
  ['C', 'C — motor incomplete (most key muscles < 3)', 'C — 运动不完全性损伤（多数关键肌 < 3 级）', ['asia c', 'ais c']],
  ['D', 'D — motor incomplete (most key muscles ≥ 3)', 'D — 运动不完全性损伤（多数关键肌 ≥ 3 级）', ['asia d', 'ais d']],
  ['E', 'E — normal', 'E — 正常', ['asia e', 'ais e']],
])

export const BILSKY_LIST = codeList('Bilsky ESCC grade', [
  ['0', '0 — confined to bone', '0 — 局限于骨内', ['grade 0', 'escc 0', '0级']],
  ['1a', '1a — epidural, thecal sac not deformed', '1a — 硬膜外受累，硬膜囊未变形', ['grade 1a', 'escc 1a', '1a级']],
  ['1b', '1b — thecal sac deformed, cord not touched', '1b — 硬膜囊变形，未触及脊髓', ['grade 1b', 'escc 1b', '1b级']],
  ['1c', '1c — abuts the cord, not compressed', '1c — 接触脊髓但无压迫', ['grade 1c', 'escc 1c', '1c级']],
  ['2', '2 — cord compressed, CSF visible', '2 — 脊髓受压，脑脊液可见', ['grade 2', 'escc 2', '2级']],
  ['3', '3 — cord compressed, no CSF visible', '3 — 脊髓受压，脑脊液不可见', ['grade 3', 'escc 3', '3级']],
])

export const SINS_LOCATION_LIST = codeList('SINS location', [
  ['junctional', 'Junctional (O–C2, C7–T2, T11–L1, L5–S1)', '交界区（枕–C2、C7–T2、T11–L1、L5–S1）', ['交界区', '交界']],
  ['mobile', 'Mobile spine (C3–C6, L2–L4)', '活动节段（C3–C6、L2–L4）', ['mobile spine', '活动节段']],
  ['semi_rigid', 'Semi-rigid (T3–T10)', '半固定节段（T3–T10）', ['semirigid', '半固定节段', '半固定']],
  ['rigid', 'Rigid (S2–S5)', '固定节段（S2–S5）', ['固定节段', '固定']],
])

export const SINS_PAIN_LIST = codeList('SINS pain', [
  ['mechanical', 'Mechanical pain', '机械性疼痛', ['mechanical', 'yes', '是']],
  ['occasional', 'Occasional, not mechanical', '偶发非机械性疼痛', ['occasional pain', 'non-mechanical', '偶发疼痛']],
  ['pain_free', 'Pain-free lesion', '无痛', ['pain free', 'none', '无']],
])

export const SINS_BONE_LESION_LIST = codeList('SINS bone lesion', [
  ['lytic', 'Lytic', '溶骨性', ['溶骨']],
  ['mixed', 'Mixed lytic/blastic', '混合性', ['mixed lytic blastic', '混合']],
  ['blastic', 'Blastic', '成骨性', ['成骨']],
])

export const SINS_ALIGNMENT_LIST = codeList('SINS alignment', [
  ['subluxation', 'Subluxation / translation', '半脱位/平移', ['translation', '半脱位', '平移']],
  ['deformity', 'De novo deformity (kyphosis/scoliosis)', '新发畸形（后凸/侧凸）', ['de novo deformity', '畸形', '新发畸形']],
  ['normal', 'Normal alignment', '正常', ['normal alignment', '正常序列']],
])

export const SINS_COLLAPSE_LIST = codeList('SINS vertebral body collapse', [
  ['over_50', '> 50 % collapse', '塌陷 > 50%', ['>50%', '>50', 'over 50%']],
  ['under_50', '< 50 % collapse', '塌陷 < 50%', ['<50%', '<50', 'under 50%']],
  ['involved_over_50', 'No collapse, > 50 % of the body involved', '无塌陷但椎体受累 > 50%', ['no collapse >50% involved']],
  ['none', 'None of the above', '以上均无', ['none', '无']],
])

export const SINS_POSTEROLATERAL_LIST = codeList('SINS posterolateral involvement', [
  ['bilateral', 'Bilateral', '双侧', []],
  ['unilateral', 'Unilateral', '单侧', []],
  ['none', 'None of the above', '以上均无', ['none', '无']],
])

/** SOSG-OQ instrument versions; scores of different versions are never pooled (docs/clinical-reference.md §7). */
export const SOSGOQ_VERSION_LIST = codeList('SOSG-OQ version', [
  ['1.0', 'Version 1.0 (lower = better, as in Zheng 2021)', '1.0 版（分数越低越好，同 Zheng 2021）', ['1', 'v1', 'v1.0', 'sosgoq 1.0']],
  ['2.0', 'Version 2.0 (higher = better)', '2.0 版（分数越高越好）', ['2', 'v2', 'v2.0', 'sosgoq 2.0']],
])

export const MARGIN_LIST = codeList('margin status', [
  ['negative', 'Negative (R0)', '阴性（R0）', ['r0', '阴性']],
  ['positive', 'Positive', '阳性', ['r1', 'r2', '阳性']],
  ['not_assessed', 'Not assessed', '未评估', ['not assessed', '未评估', '未检测']],
])

export const COMPLICATION_KIND_LIST = codeList('complication', [
  ['deep_vein_thrombosis', 'Deep vein thrombosis', '深静脉血栓', ['dvt']],
  ['intermuscular_venous_thrombosis', 'Intermuscular venous thrombosis', '肌间静脉血栓', ['肌间静脉血栓形成']],
  ['pulmonary_embolism', 'Pulmonary embolism', '肺栓塞', ['pe']],
  ['superficial_wound_infection', 'Superficial wound infection', '切口浅表感染', ['浅表切口感染']],
  ['deep_wound_infection', 'Deep wound infection', '切口深部感染', ['深部切口感染']],
  ['pneumonia', 'Pneumonia', '肺炎', ['肺部感染']],
  ['stress_ulcer', 'Stress ulcer', '应激性溃疡', []],
  ['csf_leak', 'Cerebrospinal fluid leak', '脑脊液漏', ['csf leak', 'dural tear']],
  ['transient_neurological_deficit', 'Transient neurological deficit', '一过性神经功能障碍', []],
  ['permanent_neurological_deficit', 'Permanent neurological deficit', '永久性神经功能障碍', []],
  ['hardware_failure', 'Hardware failure', '内固定失败', ['instrumentation failure', '内固定松动', '内固定断裂']],
  ['other', 'Other', '其他', ['其它']],
])

/** Clavien–Dindo grade of a complication. */
export const COMPLICATION_GRADE_LIST = codeList('Clavien–Dindo grade', [
  ['I', 'I', 'I 级', ['1', 'grade i']],
  ['II', 'II', 'II 级', ['2', 'grade ii']],
  ['IIIa', 'IIIa', 'IIIa 级', ['3a', 'grade iiia']],
  ['IIIb', 'IIIb', 'IIIb 级', ['3b', 'grade iiib']],
  ['IVa', 'IVa', 'IVa 级', ['4a', 'grade iva']],
  ['IVb', 'IVb', 'IVb 级', ['4b', 'grade ivb']],
  ['V', 'V (death)', 'V 级（死亡）', ['5', 'grade v', 'v']],
])

export const FOLLOW_UP_KIND_LIST = codeList('follow-up event', [
  ['contact', 'Follow-up contact', '随访', ['contact', 'contact (alive, no progression known)', 'alive', 'follow-up', 'follow up', '随访联系', '随访联系（存活）', '末次随访', '存活']],
  ['local_progression', 'Local progression', '局部进展', ['local recurrence', 'relapse', 'progression', '局部复发', '复发']],
  ['death', 'Death', '死亡', ['dead', 'died', 'deceased']],
])

/** Yes/no fields: stored as true/false, written 1 / 0 on export. */
export const BOOLEAN_LIST = codeList('yes or no', [
  ['1', 'Yes', '是', ['yes', 'y', 'true', 't', '有', '是的']],
  ['0', 'No', '否', ['no', 'n', 'false', 'f', '无', '没有']],
])
