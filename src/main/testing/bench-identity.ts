// The editor the test and bench libraries are opened as, as this machine's config would remember them.
// Its own module so that code bundled on its own (the launch bench's child process) takes it without the
// library fixtures.
import type { EditorIdentity } from '../identity'

/** The bench libraries' editor, as this machine's config would remember them. */
export const benchIdentity: EditorIdentity = { load: async () => 'bench', save: async () => undefined }
