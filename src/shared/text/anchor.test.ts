import { readFileSync } from 'node:fs'
import path from 'node:path'
import { describe as suite, expect, it } from 'vitest'
import { describe, resolveAnchors, type ResolvedAnchor } from './anchor'
import { canonicalText } from './canonical'

const story = canonicalText(readFileSync(path.join(__dirname, '../../../resources/sample-story.txt'), 'utf8'))

function mark(text: string, words: string, occurrence = 0) {
  let at = -1
  for (let i = 0; i <= occurrence; i++) at = text.indexOf(words, at + 1)
  if (at === -1) throw new Error(`not in text: ${words}`)
  return describe(text, at, at + words.length, 1, 'body')
}

const quoted = (text: string, r: ResolvedAnchor) => text.slice(r.anchor.position.start, r.anchor.position.end)

const aid = 'the US has not announced new aid packages for Ukraine'
const rutte = 'NATO chief Mark Rutte said 30 countries, including Japan, are working on a framework'
const costa = '“The top priority must be to stop the killings.'

suite('resolveAnchors', () => {
  it('keeps every claim exactly where it was when the text is unchanged', () => {
    const anchors = [mark(story, aid), mark(story, rutte)]
    const results = resolveAnchors(anchors, story, story, 2)
    expect(results.map((r) => r.status)).toEqual(['exact', 'exact'])
    expect(results[0]!.anchor.revision).toBe(2)
  })

  it('follows a claim past a typo fix elsewhere and through a typo fix inside it', () => {
    const typo = story.replace('framework', 'frammework').replace('longest gap', 'longest  gapp')
    const fixed = canonicalText(typo.replace('frammework', 'framework'))
    const anchor = mark(typo, 'are working on a frammework')
    const [result] = resolveAnchors([anchor], typo, fixed, 2)
    expect(result!.status).toBe('fuzzy')
    expect(quoted(fixed, result!)).toBe('are working on a framework')
  })

  it('moves claims when a paragraph is inserted before them or deleted', () => {
    const inserted = story.replace(
      'Aid and Pressure on Russia',
      'A new paragraph of reporting goes here.\n\nAid and Pressure on Russia'
    )
    const deleted = story.replace(/\n\nTrump’s Push for Talks\n\n[^\n]+/, '')
    for (const next of [inserted, deleted]) {
      const results = resolveAnchors([mark(story, aid), mark(story, costa)], story, next, 2)
      expect(results.map((r) => r.status)).toEqual(['moved', 'moved'])
      expect(results.map((r) => quoted(next, r))).toEqual([aid, costa])
    }
  })

  it('follows a paragraph that was moved to another place', () => {
    const paragraphs = story.split('\n\n')
    const moved = [paragraphs[0], paragraphs.at(-2), ...paragraphs.slice(1, -2), paragraphs.at(-1)].join('\n\n')
    const words = 'he acknowledged that the US will “help out” alongside Europe'
    const [result] = resolveAnchors([mark(story, words)], story, moved, 2)
    expect(result!.status).toBe('moved')
    expect(quoted(moved, result!)).toBe(words)
  })

  it('follows a lightly reworded sentence', () => {
    const reworded = story.replace(
      '30 countries, including Japan, are working on a framework',
      '31 countries, including Japan, are now working on a framework'
    )
    const [result] = resolveAnchors([mark(story, rutte)], story, reworded, 2)
    expect(result!.status).toBe('fuzzy')
    expect(quoted(reworded, result!)).toBe(
      'NATO chief Mark Rutte said 31 countries, including Japan, are now working on a framework'
    )
  })

  it('orphans a claim whose sentence was deleted or rewritten beyond recognition', () => {
    const deleted = story.replace(
      ' NATO chief Mark Rutte said 30 countries, including Japan, are working on a framework.',
      ''
    )
    const rewritten = story.replace(
      rutte,
      'Dozens of governments are drafting plans, the alliance’s secretary general told reporters'
    )
    for (const next of [deleted, rewritten]) {
      const [result] = resolveAnchors([mark(story, rutte)], story, next, 2)
      expect(result!.status).toBe('orphaned')
      expect(result!.anchor.quote.exact).toBe(rutte)
    }
  })

  it('orphans a short phrase whose only remaining occurrence is in another context', () => {
    const text = 'The minister said the data were wrong.\n\nLater, aides said the data were wrong in part.'
    const anchor = mark(text, 'the data were wrong', 0)
    const next = 'Later, aides said the data were wrong in part.'
    const [result] = resolveAnchors([anchor], text, next, 2)
    expect(result!.status).toBe('orphaned')
  })

  it('picks the right occurrence of a repeated phrase', () => {
    const text =
      'Officials said the toll rose sharply. Nobody disputed it.\n\nBy evening, police said the toll rose sharply again.'
    const second = mark(text, 'the toll rose sharply', 1)
    const next =
      'A new opening paragraph.\n\n' + text.replace('Nobody disputed it.', 'Nobody disputed the figures at first.')
    const [result] = resolveAnchors([second], text, next, 2)
    expect(result!.status).toBe('moved')
    expect(result!.anchor.position.start).toBe(next.lastIndexOf('the toll rose sharply'))
  })

  it('never leaves a fuzzy match starting or ending mid-word', () => {
    const text = 'Prices climbed by forty percent last year, the report said.'
    const next = 'Prices climbed by fourty-two percent last year, the report said.'
    const [result] = resolveAnchors([mark(text, 'climbed by forty percent last year')], text, next, 2)
    expect(result!.status).toBe('fuzzy')
    expect(quoted(next, result!)).toBe('climbed by fourty-two percent last year')
  })

  it('orphans a short claim whose sentence is gone rather than taking a look-alike sentence elsewhere', () => {
    const text =
      'That was loud.\n\nAnd we can do it. Senator Kennedy spoke next.\n\nLater he said the plan was expensive and slow.'
    const next =
      'That was loud.\n\nSenator Kennedy spoke next.\n\nLater he said the plan was expensive. And we can do it, but slowly.'
    const [result] = resolveAnchors([mark(text, 'And we can do it.')], text, next, 2)
    expect(result!.status).toBe('orphaned')
  })

  it('orphans a slogan whose sentence was deleted although the slogan recurs once elsewhere', () => {
    const text =
      'He told him he wanted to spread the wealth around, the senator said.\n\nIn other news, taxes rose.\n\nCritics said he wanted to spread the wealth, but voters disagreed.'
    const next = 'In other news, taxes rose.\n\nCritics said he wanted to spread the wealth, but voters disagreed.'
    const [result] = resolveAnchors([mark(text, 'wanted to spread the wealth', 0)], text, next, 2)
    expect(result!.status).toBe('orphaned')
  })

  // The real copy-edit corpus's three wrong-words cases (bench, reworded sentences): a word of the claim
  // replaced by a longer or shorter one, and the approximate match stopping short of the claim's last
  // (or first) words or running over the new word that replaced its first.
  it.each([
    {
      text: "Ultimately, we've got to pay for the core investments that make this economy strong and somebody's got to do it. Now, I have not blocked the SALT II treaty, as Mr. Carter said.",
      claim: "make this economy strong and somebody's got to do",
      from: "somebody's got to",
      to: "somebody's industrial to",
      expected: "make this economy strong and somebody's industrial to do"
    },
    {
      text: 'None of us had to pay taxes, including myself.\n\nOne press conference he had without sound. But understand, we only have three to four percent of the world.',
      claim: 'conference he had without sound.',
      from: 'press conference',
      to: 'press entrepreneur',
      expected: 'he had without sound.'
    },
    {
      text: 'It was a strange thing.\n\nThat answer was about as clear as Boston harbor. And we have to change in this country. I believe in the greatness of our country, and I believe that.',
      claim: 'And we have to change in this country.',
      from: 'And we have',
      to: 'And inflationary have',
      expected: 'And inflationary have to change in this country.'
    }
  ])('puts a fuzzy match on the claim’s own first and last words: $expected', ({ text, claim, from, to, expected }) => {
    const next = text.replace(from, to)
    const [result] = resolveAnchors([mark(text, claim)], text, next, 2)
    expect(result!.status).toBe('fuzzy')
    expect(quoted(next, result!)).toBe(expected)
  })

  it('does not stretch a claim over the new word that replaced its last word', () => {
    const text = 'We settled the suit with zero guilt admitted, with no admission of guilt.\n\nNext paragraph here.'
    const next =
      'We settled the suit with zero guilt admitted, with no admission attractive guilt.\n\nNext paragraph here.'
    const [result] = resolveAnchors([mark(text, 'with no admission of')], text, next, 2)
    if (result!.status !== 'orphaned') expect(quoted(next, result!)).toBe('with no admission')
  })

  it('orphans a claim whose sentence was deleted while a near twin of it stays elsewhere', () => {
    const twins: Array<[string, string]> = [
      // another speaker, the claim's words word for word
      [
        'NATO chief Mark Rutte said 30 countries, including Japan, are working on a framework.',
        'EU chief Ursula von der Leyen said 30 countries, including Japan, are working on a framework.'
      ],
      // another number, inside the claim's words
      [
        'Rent rose 31 percent in Leeds over the last decade, the council said.',
        'Rent rose 13 percent in Leeds over the last decade, the council said.'
      ],
      // a negation
      [
        'The minister said the plan will cut taxes for every family next year.',
        'The minister said the plan will not cut taxes for every family next year.'
      ],
      // another name
      [
        'Police in Hartlepool arrested 14 people after the match on Saturday.',
        'Police in Middlesbrough arrested 14 people after the match on Saturday.'
      ]
    ]
    for (const [original, twin] of twins) {
      const text = `Opening paragraph of the story.\n\n${original} Another sentence follows.\n\nMiddle paragraph.\n\n${twin}`
      const next = text.replace(`${original} `, '')
      const claim = original.slice(original.indexOf(' ') + 1, original.lastIndexOf(' '))
      const [result] = resolveAnchors([mark(text, claim)], text, next, 2)
      expect(result!.status, twin).toBe('orphaned')
      // Kept, with a typo fixed in it, the claim follows its own words and not the twin.
      const typo = text.replace(original, original.replace(' the', ' teh'))
      const [kept] = resolveAnchors([mark(typo, claim.replace(' the', ' teh'))], typo, text, 2)
      if (claim.includes(' the')) expect(quoted(text, kept!), twin).toBe(claim)
    }
  })

  it('does not give an orphan back to words that were a near twin of it before the revision', () => {
    const text = 'Intro.\n\nRent rose 13 percent in Leeds over the last decade, the council said.'
    const orphanAnchor = describe(
      'Rent rose 31 percent in Leeds over the last decade, the council said.',
      0,
      68,
      1,
      'body'
    )
    const [result] = resolveAnchors([orphanAnchor], text, text + '\n\nA new paragraph.', 3)
    expect(result!.status).toBe('orphaned')
  })
})
