// Radix Themes ships every layout and size prop five more times, once per breakpoint
// (`@media (min-width: 520px) { .xs\:rt-r-p-2 { ... } }` up to xl): 470 KB of the 640 KB the renderer loaded,
// parsed and matched on every style recalculation. Those classes are only set when a prop is given per
// breakpoint (`p={{ initial: '2', md: '4' }}`), which this app never does (a desktop window, one layout;
// renderer-shapes.test fails on such a prop), so the build leaves them out.
import type { AtRule, Plugin } from 'postcss'

/** A selector of Radix's responsive variants: the class is prefixed with its breakpoint (`xs\:rt-…`). */
const responsive = /(?:^|[\s.,>+~(])(?:\.)?(?:xs|sm|md|lg|xl)\\:/

/** Drops the rules of Radix's responsive prop classes, and the min-width media blocks they leave empty. */
export function dropResponsiveVariants(): Plugin {
  return {
    postcssPlugin: 'factdesk-drop-responsive-variants',
    OnceExit(root) {
      root.walkAtRules('media', (media: AtRule) => {
        if (!/min-width/.test(media.params)) return
        media.walkRules((rule) => {
          if (rule.selectors.every((s) => responsive.test(s))) rule.remove()
        })
        if (!media.nodes?.some((node) => node.type !== 'comment')) media.remove()
      })
    }
  }
}
