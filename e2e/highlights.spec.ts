// In a long story only the paragraphs in or near the view draw their highlights (story/Article.tsx); the keys,
// the markers and Enter on them work there as in a short story (axe runs on the story view in a11y.spec).
import { expect } from './support/fixtures'
import { storyAs } from './pages/start'
import { LONG_STORY_TITLE, longStory } from './support/long-story'

longStory(
  'in a 300-claim story the highlights near the view are drawn; j and k scroll to a claim and draw its mark',
  async ({ factdesk }) => {
    // A 10,000-word story opened, walked and marked: three times the default bound on a loaded machine.
    longStory.slow()
    const { page } = factdesk
    const story = await storyAs(page, 'Dana Whitfield', LONG_STORY_TITLE)
    await expect(page.getByTestId('claim-count')).toHaveText('300 claims')
    await expect(story.article).toHaveAttribute('data-highlights', 'near')
    const marker = (label: string) => story.article.getByRole('button', { name: new RegExp(`^${label}: `) })
    await expect(marker('C1')).toBeInViewport()
    // The last claims are far below the view: their paragraphs are plain text until scrolled near.
    await expect(marker('C300')).toHaveCount(0)
    const drawn = await story.article.locator('[data-marker]').count()
    expect(drawn).toBeGreaterThan(0)
    expect(drawn).toBeLessThan(300)
    // Every word of the story is in the page all the same, highlighted or not.
    const shown = await story.article.evaluate((root) =>
      Array.from(root.querySelectorAll('[data-start]'))
        .map((run) => run.textContent ?? '')
        .join('')
    )
    expect(shown.length).toBeGreaterThan(50_000)

    // k from no claim goes to the last one: its mark is drawn and scrolled into view.
    await page.keyboard.press('k')
    await expect(story.currentClaimItem.locator('.claim-number')).toHaveText('C300')
    await expect(marker('C300')).toBeInViewport()
    await expect(story.article.locator('mark.hl[data-selected]').first()).toBeInViewport()
    await page.keyboard.press('k')
    await expect(story.currentClaimItem.locator('.claim-number')).toHaveText('C299')
    await expect(marker('C299')).toBeInViewport()
    await page.keyboard.press('j')
    await expect(story.currentClaimItem.locator('.claim-number')).toHaveText('C300')
    await expect(marker('C300')).toBeInViewport()
    // Back at the top, the first claims' marks are drawn again and the markers take Tab and Enter.
    await story.article.evaluate((root) => root.closest('.article-scroll')?.scrollTo({ top: 0 }))
    await expect(marker('C1')).toBeInViewport()
    await marker('C1').focus()
    await page.keyboard.press('Enter')
    await expect(story.currentClaimItem.locator('.claim-number')).toHaveText('C1')
    await expect(story.panel.root).toBeVisible()
    await page.keyboard.press('Escape')
    await expect(story.panel.root).toBeHidden()

    // Words selected in the last paragraph, far below the view and drawing nothing, then scrolled to: the paragraph
    // keeps its text nodes (and so the selection) until the words are marked, then draws its claims.
    const last = story.article.locator(':scope > .para').last()
    await expect(last.locator('mark.hl')).toHaveCount(0)
    const words = await last.evaluate((para) => {
      const text = para.textContent ?? ''
      const from = text.indexOf(' ', Math.floor(text.length / 2)) + 1
      return text.slice(from, from + 40)
    })
    await story.selectText(words)
    await story.article.evaluate((root) => root.closest('.article-scroll')?.scrollTo({ top: root.scrollHeight }))
    // The paragraph before it is drawn once in view; the one holding the selection keeps its plain text.
    await expect(story.article.locator(':scope > .para').nth(-2).locator('mark.hl').first()).toBeInViewport()
    await expect(last.locator('mark.hl')).toHaveCount(0)
    expect(await page.evaluate(() => String(document.getSelection()))).toBe(words)
    await story.markSelection()
    await expect(page.getByTestId('claim-count')).toHaveText('301 claims')
    await expect(story.panel.root).toBeVisible()
    await expect(story.panel.words).toContainText(words.trim().slice(0, 20))
    // The paragraph draws its own claims now it is in view, the new one among them.
    expect(await last.locator('mark.hl').count()).toBeGreaterThan(1)
  }
)

longStory(
  'the Mark button marks on the press, even when the words move from under the pointer before it is let go',
  async ({ factdesk }) => {
    longStory.slow()
    const { page } = factdesk
    const story = await storyAs(page, 'Dana Whitfield', LONG_STORY_TITLE)
    await expect(page.getByTestId('claim-count')).toHaveText('300 claims')
    // Words in the view that no claim covers: a run of plain text in a paragraph that draws its highlights.
    const words = await story.article.evaluate((root) => {
      const run = Array.from(root.querySelectorAll<HTMLElement>(':scope > .para span[data-start]')).find(
        (r) => r.closest('.para')?.querySelector('mark.hl') && (r.textContent ?? '').length > 60
      )
      const text = run?.textContent ?? ''
      const from = text.indexOf(' ', 5) + 1
      return text.slice(from, text.indexOf(' ', from + 30))
    })
    await story.selectText(words)
    const button = page.getByRole('button', { name: 'Mark as claim' })
    const box = (await button.boundingBox())!
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2)
    await page.mouse.down()
    // Between the press and the release the view moves under the pointer, as it does when paragraphs above draw
    // their highlights and the scroll keeps its place: the release lands on the text, not on the button.
    await story.article.evaluate((root) => root.closest('.article-scroll')?.scrollBy({ top: 120, behavior: 'instant' }))
    await page.mouse.up()
    await expect(page.getByTestId('claim-count')).toHaveText('301 claims')
    await expect(story.panel.root).toBeVisible()
    await expect(story.panel.words).toContainText(words.trim().slice(0, 20))
  }
)

longStory(
  'a new claim whose words are in view, however near its edge, does not move the text',
  async ({ factdesk }) => {
    longStory.slow()
    const { page } = factdesk
    const story = await storyAs(page, 'Dana Whitfield', LONG_STORY_TITLE)
    await expect(page.getByTestId('claim-count')).toHaveText('300 claims')
    // A claim open first, so that marking (which opens the new claim's panel) does not change the text's width.
    await story.article.getByRole('button', { name: /^C1: / }).click()
    await expect(story.panel.root).toBeVisible()
    // Words no claim covers, in a paragraph that draws its highlights, brought to 15 px above the text's bottom edge.
    const view = page.getByRole('region', { name: 'Story text' })
    const words = await view.evaluate(async (scroller) => {
      const run = Array.from(scroller.querySelectorAll<HTMLElement>('.para span[data-start]')).find(
        (r) =>
          !r.closest('mark') &&
          r.closest('.para')?.querySelector('mark.hl') &&
          (r.textContent ?? '').length > 80 &&
          r.getBoundingClientRect().top > scroller.getBoundingClientRect().bottom
      )!
      const text = run.textContent ?? ''
      const from = text.indexOf(' ', 5) + 1
      // Words found once in the story (selectText takes the first place they are found).
      const whole = Array.from(scroller.querySelectorAll('[data-testid="article"] [data-start]'))
        .map((r) => r.textContent ?? '')
        .join('')
      let to = text.indexOf(' ', from + 30)
      while (to > 0 && whole.indexOf(text.slice(from, to)) !== whole.lastIndexOf(text.slice(from, to)))
        to = text.indexOf(' ', to + 1)
      if (to < 0) throw new Error(`no words found once in ${text}`)
      const range = document.createRange()
      range.setStart(run.firstChild!, from)
      range.setEnd(run.firstChild!, to)
      const below = (): number =>
        range.getBoundingClientRect().bottom - (scroller.getBoundingClientRect().bottom - 15 - scroller.clientTop)
      for (let i = 0; i < 3; i++) {
        scroller.scrollBy({ top: below(), behavior: 'instant' })
        await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)))
      }
      return text.slice(from, to)
    })
    const scrollTop = (): Promise<number> => view.evaluate((scroller) => scroller.scrollTop)
    const before = await scrollTop()
    await story.selectText(words)
    await story.markSelection()
    await expect(page.getByTestId('claim-count')).toHaveText('301 claims')
    await expect(story.panel.words).toContainText(words.slice(0, 20))
    // The new claim's marker is drawn and selected, and the frames in which the view would scroll to it have passed.
    const marker = story.article.locator('mark.hl[data-selected]').first()
    await expect(marker).toBeInViewport({ ratio: 1 })
    await view.evaluate(
      () =>
        new Promise((resolve) =>
          requestAnimationFrame(() => requestAnimationFrame(() => requestAnimationFrame(resolve)))
        )
    )
    expect(await scrollTop()).toBe(before)
  }
)
