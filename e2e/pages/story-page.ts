// Page model for the story view: the article with its highlights, the claim list and the claim panel.
import { expect, type Locator, type Page } from '@playwright/test'

export class StoryPage {
  constructor(readonly page: Page) {}

  get article(): Locator {
    return this.page.getByTestId('article')
  }

  get claimItems(): Locator {
    return this.page.locator('.claim-item')
  }

  claimItem(words: string): Locator {
    return this.page.locator('.claim-item', { hasText: words })
  }

  get currentClaimItem(): Locator {
    return this.page.locator('.claim-item[aria-current="true"]')
  }

  /** The story's headline, markable like the text. */
  get headline(): Locator {
    return this.page.getByTestId('headline')
  }

  highlight(words: string, where: 'article' | 'headline' = 'article'): Locator {
    return this.page.getByTestId(where).locator('mark.hl', { hasText: words })
  }

  get panel(): ClaimPanel {
    return new ClaimPanel(this.page, this.page.locator('aside.claim-panel'))
  }

  async backToLibrary(): Promise<void> {
    await this.page.getByRole('button', { name: 'Back to the library', exact: true }).click()
    await expect(this.page.locator('[data-screen="library"]')).toBeVisible()
  }

  /** Selects the words in the article (or the headline) as a reader would, using the runs' offsets. */
  async selectText(words: string, where: 'article' | 'headline' = 'article'): Promise<void> {
    const found = await this.page.evaluate(
      ({ phrase, where }) => {
        const runs = Array.from(document.querySelectorAll<HTMLElement>(`[data-testid="${where}"] [data-start]`))
        const end = Math.max(...runs.map((r) => Number(r.dataset.end)))
        const chars = Array<string>(end).fill('\n')
        for (const r of runs)
          Array.from(r.textContent ?? '').forEach((ch, i) => (chars[Number(r.dataset.start) + i] = ch))
        const text = chars.join('')
        const start = text.indexOf(phrase)
        if (start === -1) return false
        const at = (offset: number, isEnd: boolean): [Node, number] => {
          const run = runs.find(
            (r) =>
              Number(r.dataset.start) <= offset &&
              (isEnd ? offset <= Number(r.dataset.end) : offset < Number(r.dataset.end))
          )!
          return [run.firstChild!, offset - Number(run.dataset.start)]
        }
        const range = document.createRange()
        range.setStart(...at(start, false))
        range.setEnd(...at(start + phrase.length, true))
        const selection = document.getSelection()!
        selection.removeAllRanges()
        selection.addRange(range)
        return true
      },
      { phrase: words, where }
    )
    expect(found, `"${words}" is in the ${where}`).toBe(true)
  }

  /** Selects the words with the mouse: pressed before the first letter, dragged past the last, let go. */
  async dragSelect(words: string): Promise<void> {
    const box = await this.article.evaluate((root, phrase) => {
      const runs = Array.from(root.querySelectorAll<HTMLElement>('[data-start]'))
      for (const run of runs) {
        const node = run.firstChild
        const at = node?.textContent?.indexOf(phrase) ?? -1
        if (!node || at === -1) continue
        run.scrollIntoView({ block: 'center' })
        const range = document.createRange()
        range.setStart(node, at)
        range.setEnd(node, at + 1)
        const first = range.getBoundingClientRect()
        range.setStart(node, at + phrase.length - 1)
        range.setEnd(node, at + phrase.length)
        const last = range.getBoundingClientRect()
        return {
          x0: first.left + 1,
          y0: first.top + first.height / 2,
          x1: last.right - 1,
          y1: last.top + last.height / 2
        }
      }
      return null
    }, words)
    expect(box, `"${words}" is on screen in one run of the text`).not.toBeNull()
    await this.page.mouse.move(box!.x0, box!.y0)
    await this.page.mouse.down()
    await this.page.mouse.move((box!.x0 + box!.x1) / 2, (box!.y0 + box!.y1) / 2, { steps: 4 })
    await this.page.mouse.move(box!.x1, box!.y1, { steps: 4 })
    await this.page.mouse.up()
  }

  async markSelection(): Promise<void> {
    await this.page.getByRole('button', { name: 'Mark as claim' }).click()
  }

  /** Where the first character of `words` sits on screen, and the left edge of its paragraph's margin. */
  async pointAt(
    words: string,
    where: 'article' | 'headline' = 'article'
  ): Promise<{ x: number; y: number; marginX: number }> {
    // Scroll first and let off-screen paragraphs settle (they skip layout until near the viewport).
    await this.page
      .getByTestId(where)
      .locator('.para', { hasText: words })
      .evaluate(async (p) => {
        p.scrollIntoView({ block: 'center' })
        await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)))
        p.scrollIntoView({ block: 'center' })
      })
    const point = await this.page.evaluate(
      ({ phrase, where }) => {
        for (const p of Array.from(document.querySelectorAll<HTMLElement>(`[data-testid="${where}"] .para`))) {
          const runs = Array.from(p.querySelectorAll<HTMLElement>('[data-start]'))
          const whole = runs.map((r) => r.textContent).join('')
          const at = whole.indexOf(phrase)
          if (at === -1) continue
          let left = at
          for (const r of runs) {
            const len = (r.textContent ?? '').length
            if (left < len) {
              const range = document.createRange()
              range.setStart(r.firstChild!, left)
              range.setEnd(r.firstChild!, left + 1)
              const rect = range.getBoundingClientRect()
              const margin = p.querySelector<HTMLElement>('.para-margin')!.getBoundingClientRect()
              return {
                x: rect.left + rect.width / 2,
                y: rect.top + rect.height / 2,
                marginX: margin.left + margin.width / 2
              }
            }
            left -= len
          }
        }
        return null
      },
      { phrase: words, where }
    )
    expect(point, `"${words}" is in the ${where}`).not.toBeNull()
    return point!
  }

  /** The "+" the margin shows beside the sentence under the pointer. */
  get sentenceMark(): Locator {
    return this.page.getByRole('button', { name: 'Mark this sentence as a claim' })
  }

  /** Points at `words` and clicks the "+" beside their sentence (or double-clicks it). */
  async markSentenceAt(words: string, clicks: 1 | 2 = 1, where: 'article' | 'headline' = 'article'): Promise<void> {
    const point = await this.pointAt(words, where)
    await this.page.mouse.move(point.x, point.y)
    await expect(this.sentenceMark).toBeVisible()
    if (clicks === 2) await this.sentenceMark.dblclick()
    else await this.sentenceMark.click()
  }
}

export class ClaimPanel {
  constructor(
    readonly page: Page,
    readonly root: Locator
  ) {}

  get words(): Locator {
    return this.root.getByTestId('claim-words')
  }

  async setStatus(label: string): Promise<void> {
    await this.root.getByRole('radio', { name: label }).click()
    await expect(this.root.getByRole('radio', { name: label })).toBeChecked()
  }

  status(label: string): Locator {
    return this.root.getByRole('radio', { name: label })
  }

  get verdict(): Locator {
    return this.root.getByRole('combobox', { name: 'Verdict' })
  }

  async setVerdict(label: string): Promise<void> {
    await this.verdict.click()
    await this.page.getByRole('option', { name: new RegExp(`^${label}`) }).click()
    await expect(this.verdict).toContainText(label)
  }

  async fill(field: 'rationale' | 'correction' | 'restatement' | 'speaker', value: string): Promise<void> {
    const input = this.root.locator(`[name="${field}"]`)
    await input.fill(value)
    await input.blur()
  }

  async attachNewSource(source: {
    title: string
    url: string
    archiveUrl?: string
    excerpt: string
    locator?: string
    stance?: 'Supports' | 'Contradicts' | 'Context'
  }): Promise<void> {
    await this.root.getByRole('button', { name: 'Attach evidence' }).click()
    const form = this.root.getByRole('form', { name: 'Attach evidence' })
    await form.locator('[name="source-title"]').fill(source.title)
    await form.locator('[name="source-url"]').fill(source.url)
    if (source.archiveUrl) await form.locator('[name="source-archive"]').fill(source.archiveUrl)
    await form.locator('[name="excerpt"]').fill(source.excerpt)
    if (source.locator) await form.locator('[name="locator"]').fill(source.locator)
    if (source.stance) await form.getByRole('radio', { name: source.stance }).click()
    await form.getByRole('button', { name: 'Attach' }).click()
    await expect(this.evidence(source.title)).toBeVisible()
  }

  evidence(sourceTitle: string): Locator {
    return this.root.locator('.evidence', { hasText: sourceTitle })
  }

  async close(): Promise<void> {
    await this.root.getByRole('button', { name: 'Close claim panel' }).click()
  }
}
