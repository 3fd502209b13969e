// Parses untrusted HTML into an inert DOM and sanitises it: no script runs, nothing is fetched.
import createDOMPurify from 'dompurify'
import { JSDOM, VirtualConsole } from 'jsdom'

/**
 * jsdom runs no scripts unless `runScripts` is set and loads no subresources unless `resources`
 * is set; both are left unset on purpose. The virtual console swallows jsdom's complaints about
 * the page's CSS so a messy page does not flood the app log.
 */
export function parseHtml(html: string, url?: string): JSDOM {
  return new JSDOM(html, { url: url || undefined, contentType: 'text/html', virtualConsole: new VirtualConsole() })
}

/** Elements whose content is never story text. DOMPurify drops the content of these, not just the tag. */
const FORBID_TAGS = ['style', 'noscript', 'template', 'iframe', 'frame', 'frameset', 'object', 'embed', 'form', 'input', 'button', 'select', 'textarea', 'svg', 'math', 'canvas', 'audio', 'video']

/**
 * Sanitises the body in place. Readability reads class and id names ("sidebar", "ad-slot") to find
 * the article, so those attributes stay; event handlers, javascript: links and the elements above
 * go. The head is left for the metadata reader, which only ever reads attribute values from it.
 */
export function sanitiseBody(document: Document): void {
  const { body, defaultView } = document
  if (!body || !defaultView) return
  const purify = createDOMPurify(defaultView)
  purify.sanitize(body, { IN_PLACE: true, FORBID_TAGS, WHOLE_DOCUMENT: false })
}
