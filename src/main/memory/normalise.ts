// Normalised terms for matching claims: figures written any way become one number ("1,000", "1000",
// "one thousand", "1k" -> 1000; "15 per cent" -> 15 percent), and common names and their short forms
// become one entity ("US", "U.S.", "United States", "USA" -> united_states). Negation words are
// counted apart, since "did" and "did not" must never be taken for the same claim.

/** Multi-word names and abbreviations, matched case-sensitively where a short form is also a word ("US" vs "us"). */
const ENTITIES: [RegExp, string][] = [
  [
    /\b(?:the\s+)?(?:United States of America|United States|U\.S\.A\.?|U\.S\.?(?=\W|$)|USA|US(?=\W|$)|America)\b/g,
    ' united_states '
  ],
  [/\b(?:the\s+)?(?:United Kingdom|U\.K\.?(?=\W|$)|UK|Great Britain|Britain)\b/g, ' united_kingdom '],
  [/\b(?:the\s+)?(?:European Union|E\.U\.?(?=\W|$)|EU)\b/g, ' european_union '],
  [/\b(?:the\s+)?(?:United Nations|U\.N\.?(?=\W|$)|UN)\b/g, ' united_nations '],
  [/\b(?:National Health Service|NHS)\b/g, ' nhs '],
  [/\b(?:World Health Organi[sz]ation|WHO)\b/g, ' who_org '],
  [/\b(?:gross domestic product|GDP)\b/gi, ' gdp '],
  [/\b(?:per ?cent|percent|pct)\b|%/gi, ' percent ']
]

/** Titles and filler that a shortened name drops ("President Joe Biden" -> "Biden"). */
const STOP = new Set(
  (
    'a an the of in on at to for by with from and or but as is are was were be been being has have had do does did ' +
    'that this these those it its their there which who whom whose than then so such into about over under ' +
    'mr mrs ms dr president prime minister secretary senator sen rep governor gov chancellor mayor says said say according ' +
    'also just very really some any all more most much many'
  ).split(' ')
)

/** Negation cues; contractions are expanded first ("didn't" -> "did not"). */
const NEGATIONS = new Set(['not', 'no', 'never', 'none', 'nobody', 'nothing', 'neither', 'nor', 'without', 'zero'])

const UNITS: Record<string, number> = {
  zero: 0,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  thirteen: 13,
  fourteen: 14,
  fifteen: 15,
  sixteen: 16,
  seventeen: 17,
  eighteen: 18,
  nineteen: 19,
  twenty: 20,
  thirty: 30,
  forty: 40,
  fifty: 50,
  sixty: 60,
  seventy: 70,
  eighty: 80,
  ninety: 90
}
const SCALES: Record<string, number> = {
  hundred: 100,
  thousand: 1e3,
  million: 1e6,
  billion: 1e9,
  trillion: 1e12,
  k: 1e3,
  m: 1e6,
  bn: 1e9,
  tn: 1e12
}
const FRACTIONS: Record<string, number> = { half: 0.5, third: 1 / 3, quarter: 0.25 }

export interface Normalised {
  /** Content terms in order, numbers as `#<value>`, entities joined with underscores. */
  terms: string[]
  /** Every number in the text, as values. */
  numbers: number[]
  /** How many negation cues the text has. */
  negations: number
}

/** Own keys only: "constructor" or "__proto__" in a claim is a word, not a number. */
const has = (table: Record<string, number>, word: string): boolean => Object.hasOwn(table, word)

const numberTerm = (n: number): string => `#${Number(n.toPrecision(6))}`

/** Light stemming: plurals and common verb endings, so "increases"/"increased" meet. */
export function stem(word: string): string {
  if (word.length <= 3 || word.includes('_') || word.startsWith('#')) return word
  if (word.endsWith('ies')) return `${word.slice(0, -3)}y`
  if (word.endsWith('ing') && word.length > 6) return word.slice(0, -3)
  if (word.endsWith('ed') && word.length > 5) return word.slice(0, -2)
  if (word.endsWith('es') && /(ss|sh|ch|x|z)es$/.test(word)) return word.slice(0, -2)
  if (word.endsWith('s') && !word.endsWith('ss')) return word.slice(0, -1)
  return word
}

export function normalise(text: string): Normalised {
  let t = text.replace(/[’‘]/g, "'").replace(/[“”]/g, '"')
  for (const [pattern, replacement] of ENTITIES) t = t.replace(pattern, replacement)
  t = t
    .toLowerCase()
    .replace(/\b(can)'t\b/g, 'can not')
    .replace(/\bwon't\b/g, 'will not')
    .replace(/n't\b/g, ' not')
    // "1,000" and "1 000" -> "1000"; "$5" -> "5"; "5bn" -> "5 bn"; twenty-five -> twenty five
    .replace(/(\d)[, ](?=\d{3}\b)/g, '$1')
    .replace(/[$£€]/g, ' ')
    .replace(/(\d)(k|m|bn|tn)\b/g, '$1 $2')
    .replace(/([a-z])-([a-z])/g, '$1 $2')
  const raw = t.match(/#?[a-z0-9_]+(?:\.\d+)?/g) ?? []
  const terms: string[] = []
  const numbers: number[] = []
  let negations = 0
  let i = 0
  while (i < raw.length) {
    const parsed = readNumber(raw, i)
    if (parsed) {
      numbers.push(parsed.value)
      terms.push(numberTerm(parsed.value))
      i = parsed.next
      continue
    }
    const word = raw[i] as string
    i++
    if (NEGATIONS.has(word)) {
      negations++
      continue
    }
    if (STOP.has(word) || word.length < 2) continue
    terms.push(stem(word))
  }
  return { terms, numbers, negations }
}

/** Reads "1.5 million", "one hundred and twenty", "a million", "3 quarters" starting at raw[i]. */
function readNumber(raw: string[], start: number): { value: number; next: number } | null {
  let i = start
  let total = 0
  let current = 0
  let seen = false
  const first = raw[i] as string
  if ((first === 'a' || first === 'one') && raw[i + 1] && has(FRACTIONS, raw[i + 1] as string)) {
    return { value: FRACTIONS[raw[i + 1] as string] as number, next: i + 2 }
  }
  if (first === 'a' && raw[i + 1] && has(SCALES, raw[i + 1] as string) && !['k', 'm'].includes(raw[i + 1] as string)) {
    current = 1
    seen = true
    i++
  }
  for (; i < raw.length; i++) {
    const w = raw[i] as string
    if (/^\d+(\.\d+)?$/.test(w)) {
      if (seen && current !== 0) break
      current += Number(w)
      seen = true
    } else if (has(UNITS, w)) {
      if (seen && current % 100 !== 0 && current >= 0 && (UNITS[w] as number) < 10 && current % 10 !== 0) break
      current += UNITS[w] as number
      seen = true
    } else if (seen && has(SCALES, w)) {
      if ((w === 'k' || w === 'm') && !/^\d/.test(raw[i - 1] ?? '')) break
      const scale = SCALES[w] as number
      if (scale === 100) current *= 100
      else {
        total += current * scale
        current = 0
      }
    } else if (seen && w === 'and' && raw[i + 1] && (raw[i + 1] as string) in UNITS) {
      continue
    } else break
  }
  if (!seen) return null
  return { value: total + current, next: i }
}
