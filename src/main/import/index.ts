// Turns a file or a web address into a story draft: canonical text, metadata and warnings. Pure
// with respect to the library: it reads bytes or the network and returns, or throws an AppError
// whose message names the file or address, and never writes anything. The conversion runs in a
// worker thread with a time and memory limit (see importer.ts); only light modules load here.
export { createImporter, defaultWorkerFile, type Importer, type ImporterOptions } from './importer'
export type { ImportedStory } from './story'
