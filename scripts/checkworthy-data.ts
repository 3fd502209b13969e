// Reads the CLEF CheckThat! 2024 English check-worthiness splits (see ../shared/datasets/checkworthy).
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { datasetPath } from './datasets'

export interface Labelled {
  /** The data's sentence id: sentences were numbered as they were collected, so a higher id is newer. */
  id: number
  text: string
  yes: boolean
}

export const datasetDir = datasetPath('checkworthy')

export function readSplit(name: 'train' | 'dev' | 'dev-test', dir = datasetDir): Labelled[] {
  const raw = readFileSync(path.join(dir, `CT24_checkworthy_english_${name}.tsv`), 'utf8')
  // One line of the train file holds two records run together ("...\tNo29286\t..."): split them.
  const lines = raw
    .replace(/\t(Yes|No)(\d+)\t/g, '\t$1\n$2\t')
    .split(/\r?\n/)
    .slice(1)
  const out: Labelled[] = []
  for (const line of lines) {
    const fields = line.split('\t')
    if (fields.length < 3) continue
    const label = fields[fields.length - 1]?.trim()
    if (label !== 'Yes' && label !== 'No') throw new Error(`Unexpected label in ${name}: ${line.slice(0, 80)}`)
    out.push({ id: Number(fields[0]), text: unquote(fields.slice(1, -1).join(' ').trim()), yes: label === 'Yes' })
  }
  return out
}

/** About half the texts carry CSV quoting (a leading and trailing quote, inner quotes doubled) that the sentence itself never had. */
function unquote(text: string): string {
  return text.length >= 2 && text.startsWith('"') && text.endsWith('"') ? text.slice(1, -1).replace(/""/g, '"') : text
}

export interface Scores {
  precision: number
  recall: number
  f1: number
}

export function scoresAt(probabilities: number[], data: Labelled[], threshold: number): Scores {
  let tp = 0
  let fp = 0
  let fn = 0
  probabilities.forEach((p, i) => {
    const predicted = p >= threshold
    const actual = data[i]?.yes ?? false
    if (predicted && actual) tp++
    else if (predicted) fp++
    else if (actual) fn++
  })
  const precision = tp + fp ? tp / (tp + fp) : 0
  const recall = tp + fn ? tp / (tp + fn) : 0
  return { precision, recall, f1: precision + recall ? (2 * precision * recall) / (precision + recall) : 0 }
}
