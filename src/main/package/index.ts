// Verification packages read back into a library: parse and check a package, then merge it in
// without duplicating stories, claims or sources. Writing one is a report format (../reports).
export { parsePackage, VerificationPackage, PACKAGE_FORMAT, PACKAGE_VERSION } from './json-package'
export { mergePackage, type MergeResult } from './merge'
