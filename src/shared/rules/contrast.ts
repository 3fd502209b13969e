// WCAG 2.1 contrast, one measure for the app's own tokens (scripts/contrast.test.ts) and the colours a
// desk gives its verdicts and statuses (scales.ts).

/** Relative luminance of #rrggbb (WCAG 2.1). */
export function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4
  })
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!
}

/** The contrast ratio of two #rrggbb colours, 1 to 21. */
export function contrastRatio(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x)
  return (hi! + 0.05) / (lo! + 0.05)
}

/**
 * The backgrounds a scale colour is drawn on: the light theme's page and panels (white, slate 1 and 2, and
 * the reports' white page), the dark theme's (slate dark 1 and 2). scripts/contrast.test.ts holds them to
 * Radix's values.
 */
export const themeBackgrounds = {
  light: ['#ffffff', '#fcfcfd', '#f9f9fb'],
  dark: ['#111113', '#18191b']
} as const

/** WCAG 2.1 AA for a graphical object (1.4.11): a badge's or swatch's colour against what is around it. */
export const NON_TEXT_AA = 3
/** WCAG 2.1 AA for body text (1.4.3). */
export const TEXT_AA = 4.5

/** Black or white, whichever reads better on the colour: the text of a badge filled with it. */
export const textOn = (colour: string): '#000000' | '#ffffff' =>
  contrastRatio(colour, '#000000') >= contrastRatio(colour, '#ffffff') ? '#000000' : '#ffffff'

/**
 * Why a colour cannot mark a verdict or status: it must stand out 3:1 from every background of both themes
 * (its name is always written beside or on it, in black or white at 4.5:1, which any colour that passes
 * allows). Null when it may.
 */
export function colourProblem(colour: string): string | null {
  for (const theme of ['light', 'dark'] as const) {
    const worst = Math.min(...themeBackgrounds[theme].map((bg) => contrastRatio(colour, bg)))
    if (worst < NON_TEXT_AA)
      return `${colour} is too ${theme === 'light' ? 'light' : 'dark'} to read on the ${theme} theme: ${worst.toFixed(1)}:1 against its background, where WCAG AA asks 3:1. Pick a ${theme === 'light' ? 'darker' : 'lighter'} colour.`
  }
  if (contrastRatio(colour, textOn(colour)) < TEXT_AA)
    return `${colour} leaves no text colour at 4.5:1 on it. Pick a colour a little lighter or darker.`
  return null
}
