import type { FactdeskApi } from '../shared/contract'

declare global {
  interface Window {
    factdesk: FactdeskApi
  }
}
export {}
