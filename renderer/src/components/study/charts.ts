// chart.js configurations of the study figures, each a pure function of the result object (the
// Study view and the printed report draw the same charts). Arms differ by line style and marker as
// well as colour, so the figures stay legible in black and white.
import type { ChartConfiguration, ChartDataset, Plugin } from 'chart.js'
import type { BalanceRow, PropensityDistributions, StudyArm, SurvivalAnalysis } from '@contract/study'
import { formatFixed, formatPValue } from '../../format/numbers'

export const ARM_STYLE: Record<StudyArm, { color: string; band: string; dash: number[]; marker: 'circle' | 'rect' }> = {
  HT: { color: '#1f4e9e', band: 'rgba(31, 78, 158, 0.15)', dash: [], marker: 'circle' },
  TES: { color: '#b03a2e', band: 'rgba(176, 58, 46, 0.15)', dash: [6, 4], marker: 'rect' },
}

/** Chart text: the printed documents' shipped font first (loaded only by the report routes, report/fonts.ts), then the system's. */
export const FONT_FAMILY = "'Noto Sans SC', 'Segoe UI', 'Noto Sans', 'Noto Sans CJK SC', 'Microsoft YaHei', 'PingFang SC', system-ui, sans-serif"

interface KmText {
  arms: Record<StudyArm, string>
  xTitle: string
  yTitle: string
  atRisk: string
  logRank: string
}

interface KmOptions {
  bands: boolean
  /** Font size of the risk table and the p-value (larger for print). */
  fontSize?: number
}

/**
 * Kaplan–Meier curves by arm: step functions from S(0) = 1, censoring marks (|), optional 95 %
 * pointwise bands, the log-rank p in the plot and the number at risk under the time axis (drawn
 * by a chart.js plugin at the axis' own tick positions, so the numbers sit under their times).
 */
export function kaplanMeierChart(analysis: SurvivalAnalysis, text: KmText, options: KmOptions): ChartConfiguration<'line'> {
  const arms: StudyArm[] = ['HT', 'TES']
  const maxTime = Math.max(...analysis.riskTable.times, ...arms.flatMap((a) => analysis.curves[a].time), 1)
  const fontSize = options.fontSize ?? 12
  const datasets: ChartDataset<'line', { x: number; y: number | null }[]>[] = []
  for (const arm of arms) {
    const c = analysis.curves[arm]
    const s = ARM_STYLE[arm]
    if (options.bands) {
      datasets.push({
        label: '',
        data: [{ x: 0, y: 1 }, ...c.time.map((x, i) => ({ x, y: c.upper[i] ?? null }))],
        stepped: 'before',
        borderWidth: 0,
        pointRadius: 0,
        fill: false,
      })
      datasets.push({
        label: '',
        data: [{ x: 0, y: 1 }, ...c.time.map((x, i) => ({ x, y: c.lower[i] ?? null }))],
        stepped: 'before',
        borderWidth: 0,
        pointRadius: 0,
        backgroundColor: s.band,
        fill: '-1',
      })
    }
    datasets.push({
      label: text.arms[arm],
      data: [{ x: 0, y: 1 }, ...c.time.map((x, i) => ({ x, y: c.surv[i] ?? null }))],
      stepped: 'before',
      borderColor: s.color,
      backgroundColor: s.color,
      borderDash: s.dash,
      borderWidth: 2,
      pointRadius: 0,
      fill: false,
    })
    datasets.push({
      label: '',
      data: c.censored.map((m) => ({ x: m.time, y: m.surv })),
      showLine: false,
      pointStyle: 'line',
      pointRotation: 90,
      pointRadius: 5,
      pointBorderWidth: 1.5,
      borderColor: s.color,
      backgroundColor: s.color,
    })
  }
  const pText = `${text.logRank} p = ${formatPValue(analysis.logRank.p)}`.replace('p = <', 'p < ')
  const riskPlugin: Plugin<'line'> = {
    id: 'smRiskTable',
    afterDraw(chart) {
      const { ctx, chartArea, scales } = chart
      const x = scales['x']
      if (!x) return
      ctx.save()
      ctx.font = `${fontSize}px ${FONT_FAMILY}`
      ctx.fillStyle = '#1f2d3d'
      // log-rank p, top right inside the plot
      ctx.textAlign = 'right'
      ctx.textBaseline = 'top'
      ctx.fillText(pText, chartArea.right - 6, chartArea.top + 6)
      // number at risk under the axis
      const top = x.bottom + 6
      ctx.textBaseline = 'top'
      ctx.textAlign = 'left'
      ctx.font = `bold ${fontSize}px ${FONT_FAMILY}`
      ctx.fillText(text.atRisk, 4, top)
      ctx.font = `${fontSize}px ${FONT_FAMILY}`
      arms.forEach((arm, row) => {
        const y = top + (row + 1) * (fontSize + 6)
        ctx.textAlign = 'left'
        ctx.fillStyle = ARM_STYLE[arm].color
        ctx.fillText(text.arms[arm], 4, y)
        ctx.textAlign = 'center'
        analysis.riskTable.times.forEach((t, i) => {
          ctx.fillText(String(analysis.riskTable.nRisk[arm][i] ?? ''), x.getPixelForValue(t), y)
        })
      })
      ctx.restore()
    },
  }
  return {
    type: 'line',
    data: { datasets },
    options: {
      animation: false,
      parsing: false,
      normalized: true,
      layout: { padding: { bottom: 3 * (fontSize + 6) + 10, left: 4, right: 12 } },
      scales: {
        x: {
          type: 'linear',
          min: 0,
          max: maxTime,
          ticks: { stepSize: analysis.riskTable.times.length > 1 ? (analysis.riskTable.times[1] ?? 12) - (analysis.riskTable.times[0] ?? 0) : 12, font: { size: fontSize } },
          title: { display: true, text: text.xTitle, font: { size: fontSize } },
          afterBuildTicks: (axis) => {
            axis.ticks = analysis.riskTable.times.map((value) => ({ value }))
          },
        },
        y: {
          min: 0,
          max: 1,
          ticks: { callback: (v) => formatFixed(Number(v), 1), font: { size: fontSize } },
          title: { display: true, text: text.yTitle, font: { size: fontSize } },
        },
      },
      plugins: {
        legend: { position: 'top', labels: { filter: (item) => item.text !== '', usePointStyle: true, pointStyle: 'line', font: { size: fontSize } } },
        tooltip: { enabled: false },
      },
    },
    plugins: [riskPlugin],
  }
}

/** Bin edges over [0, 1] (propensity scores) of width `width`. */
function histogram(values: number[], weights: number[] | null, bins: number): number[] {
  const counts = new Array<number>(bins).fill(0)
  values.forEach((v, i) => {
    const b = Math.min(bins - 1, Math.max(0, Math.floor(v * bins)))
    counts[b] = (counts[b] ?? 0) + (weights ? (weights[i] ?? 1) : 1)
  })
  return counts
}

interface MirrorText {
  arms: Record<StudyArm, string>
  xTitle: string
  yTitle: string
  title: string
}

/**
 * Mirrored histograms of the propensity score, HT above the axis and TES below, on 20 bins of
 * width 0.05; `after` counts TES patients by their matching weights (1 without replacement, 1:1).
 */
export function propensityMirrorChart(dist: PropensityDistributions, which: 'before' | 'after', text: MirrorText, fontSize = 12): ChartConfiguration<'bar'> {
  const bins = 20
  const ht = histogram(dist[which].HT, which === 'after' ? dist.afterWeights.HT : null, bins)
  const tes = histogram(dist[which].TES, which === 'after' ? dist.afterWeights.TES : null, bins)
  const labels = Array.from({ length: bins }, (_, i) => formatFixed((i + 0.5) / bins, 3))
  const peak = Math.max(1, ...ht, ...tes)
  return {
    type: 'bar',
    data: {
      labels,
      datasets: [
        { label: text.arms.HT, data: ht, backgroundColor: ARM_STYLE.HT.color, borderColor: ARM_STYLE.HT.color, borderWidth: 1, barPercentage: 1, categoryPercentage: 0.95 },
        { label: text.arms.TES, data: tes.map((n) => -n), backgroundColor: 'rgba(255,255,255,1)', borderColor: ARM_STYLE.TES.color, borderWidth: 1.5, barPercentage: 1, categoryPercentage: 0.95 },
      ],
    },
    options: {
      animation: false,
      scales: {
        x: { stacked: true, title: { display: true, text: text.xTitle, font: { size: fontSize } }, ticks: { font: { size: fontSize }, maxRotation: 0, autoSkip: true, maxTicksLimit: 6 } },
        y: {
          stacked: true,
          min: -peak,
          max: peak,
          title: { display: true, text: text.yTitle, font: { size: fontSize } },
          ticks: { callback: (v) => String(Math.abs(Number(v))), font: { size: fontSize } },
        },
      },
      plugins: {
        title: { display: true, text: text.title, font: { size: fontSize + 1 } },
        legend: { position: 'bottom', labels: { font: { size: fontSize } } },
        tooltip: { callbacks: { label: (item) => `${item.dataset.label ?? ''}: ${Math.abs(Number(item.raw))}` } },
      },
    },
  }
}

interface LoveText {
  before: string
  after: string
  xTitle: string
  threshold: string
}

/** Love plot: |SMD| of every covariate term before (open circles) and after matching (filled), with the threshold. */
export function lovePlotChart(rows: BalanceRow[], labelOf: (row: BalanceRow) => string, threshold: number, text: LoveText, fontSize = 12): ChartConfiguration<'scatter'> {
  const terms = rows.filter((r) => r.covariate !== null)
  const labels = terms.map(labelOf)
  const abs = (v: number | null) => (v === null ? null : Math.abs(v))
  const before = terms.map((r, i) => ({ x: abs(r.before.smd), y: i })).filter((p): p is { x: number; y: number } => p.x !== null)
  const after = terms.map((r, i) => ({ x: abs(r.after.smd), y: i })).filter((p): p is { x: number; y: number } => p.x !== null)
  const maxX = Math.max(threshold * 1.5, ...before.map((p) => p.x), ...after.map((p) => p.x))
  return {
    type: 'scatter',
    data: {
      datasets: [
        { label: text.before, data: before, pointStyle: 'circle', pointRadius: 5, borderColor: '#555', backgroundColor: 'rgba(255,255,255,1)', borderWidth: 1.5 },
        { label: text.after, data: after, pointStyle: 'circle', pointRadius: 5, borderColor: '#1f2d3d', backgroundColor: '#1f2d3d' },
        {
          label: text.threshold,
          type: 'line',
          data: [
            { x: threshold, y: -0.5 },
            { x: threshold, y: terms.length - 0.5 },
          ],
          borderColor: '#888',
          borderDash: [4, 4],
          borderWidth: 1,
          pointRadius: 0,
        } as unknown as ChartDataset<'scatter'>,
      ],
    },
    options: {
      animation: false,
      scales: {
        x: { min: 0, max: Math.ceil(maxX * 20) / 20, title: { display: true, text: text.xTitle, font: { size: fontSize } }, ticks: { font: { size: fontSize } } },
        y: {
          min: -0.5,
          max: terms.length - 0.5,
          reverse: true,
          afterBuildTicks: (axis) => {
            axis.ticks = labels.map((_, value) => ({ value }))
          },
          ticks: { autoSkip: false, callback: (v) => labels[Number(v)] ?? '', font: { size: fontSize - 1 } },
          grid: { color: 'rgba(0,0,0,0.06)' },
        },
      },
      plugins: {
        legend: { position: 'top', labels: { font: { size: fontSize } } },
        tooltip: { callbacks: { label: (item) => `${labels[(item.raw as { y: number }).y] ?? ''}: ${formatFixed((item.raw as { x: number }).x, 3)}` } },
      },
    },
  }
}
