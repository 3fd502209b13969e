// Markdown to plain paragraphs, keeping every word of prose. The file is parsed by micromark
// (CommonMark + GFM tables, strikethrough and task lists, YAML front matter) into an mdast tree, and
// the tree is read block by block: each heading, paragraph, list item, quoted paragraph and table row
// becomes a paragraph of the story, code is kept verbatim, and images, HTML tags, link targets and
// emphasis marks go.
import type { Nodes, Parents, RootContent } from 'mdast'
import { fromMarkdown } from 'mdast-util-from-markdown'
import { frontmatterFromMarkdown } from 'mdast-util-frontmatter'
import { gfmFromMarkdown } from 'mdast-util-gfm'
import { frontmatter } from 'micromark-extension-frontmatter'
import { gfm } from 'micromark-extension-gfm'
import type { FoundMeta } from './story-meta'

/** HTML that is never text: its content goes with the tags. */
const NEVER_TEXT = /<(script|style|noscript|template)\b[\s\S]*?<\/\1\s*>|<!--[\s\S]*?-->/gi
const TAG = /<\/?[A-Za-z][^>]*>/g

/** Markdown text to paragraphs joined by blank lines, and the front matter's metadata if any. */
export function stripMarkdown(source: string): { text: string; meta: FoundMeta } {
  // Raw HTML that is never text goes before the parser sees it: a <script> block may hold blank
  // lines, which would end CommonMark's HTML block and leave its code as a paragraph. The price is
  // that a code block quoting a <script> element loses it.
  const tree = fromMarkdown(source.replace(/\r\n?/g, '\n').replace(NEVER_TEXT, ''), {
    extensions: [gfm(), frontmatter(['yaml'])],
    mdastExtensions: [gfmFromMarkdown(), frontmatterFromMarkdown(['yaml'])]
  })
  const blocks: string[] = []
  let meta: FoundMeta = {}
  const read = (node: RootContent): void => {
    switch (node.type) {
      case 'yaml':
        meta = frontMatter(node.value)
        return
      case 'heading':
      case 'paragraph':
        return keep(blocks, inlineText(node))
      case 'code':
        // Code is kept verbatim: a quoted snippet may be the very thing a claim is about.
        return keep(blocks, node.value)
      case 'html':
        return keep(blocks, node.value.replace(TAG, ''))
      case 'table':
        for (const row of node.children) keep(blocks, row.children.map((cell) => inlineText(cell).trim()).join(' | '))
        return
      case 'blockquote':
      case 'list':
      case 'listItem':
      case 'footnoteDefinition':
        for (const child of node.children) read(child)
        return
      default:
        // thematicBreak, definition: no words of the story.
        return
    }
  }
  for (const node of tree.children) read(node)
  return { text: blocks.join('\n\n'), meta }
}

const keep = (blocks: string[], text: string): void => {
  const trimmed = text
    .split('\n')
    .map((line) => line.trim())
    .join('\n')
    .trim()
  if (trimmed) blocks.push(trimmed)
}

/** The words of inline content: link text without its target, no images or tags, a hard break as a new line. */
function inlineText(node: Nodes): string {
  switch (node.type) {
    case 'text':
    case 'inlineCode':
      return node.value
    case 'break':
      return '\n'
    case 'image':
    case 'imageReference':
    case 'html':
    case 'footnoteReference':
      return ''
    default:
      return 'children' in node ? (node as Parents).children.map(inlineText).join('') : ''
  }
}

const FRONT_KEYS: Record<string, keyof FoundMeta> = {
  title: 'title',
  headline: 'title',
  author: 'byline',
  byline: 'byline',
  authors: 'byline',
  date: 'publishedAt',
  published: 'publishedAt',
  publishedat: 'publishedAt',
  outlet: 'outlet',
  publication: 'outlet',
  publisher: 'outlet',
  url: 'url',
  canonical: 'url',
  link: 'url',
  lang: 'language',
  language: 'language'
}

/** YAML front matter as written by static-site generators: only flat `key: value` lines are read. */
function frontMatter(yaml: string): FoundMeta {
  const meta: FoundMeta = {}
  for (const line of yaml.split('\n')) {
    const pair = /^([A-Za-z_]+)\s*:\s*(.+)$/.exec(line)
    const key = pair && FRONT_KEYS[(pair[1] ?? '').toLowerCase()]
    if (key && !meta[key]) meta[key] = (pair[2] ?? '').trim().replace(/^(["'])(.*)\1$/, '$2')
  }
  return meta
}
