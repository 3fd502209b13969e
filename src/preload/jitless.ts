// Imported before the contract (contract-check.ts), so before any schema is built: zod decides at
// construction whether to compile fast parsers with `new Function`, and the page's Content-Security-Policy
// (script-src 'self') forbids that. Set later, the probe has already run (a CSP violation) and the app cannot start.
import { z } from 'zod'

z.config({ jitless: true })
