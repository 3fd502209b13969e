// What the preload loads on its first call (or once the page's HTML is parsed; index.ts): zod set jitless
// first, then the contract's check, the one main's dispatch runs. Nothing here is evaluated at the
// preload's load: the build inlines this module behind the dynamic import in index.ts.
import './jitless'

export { checkCall } from '../shared/contract/check-input'
