// The place on the library toolbar for import (file, URL, verification package) and export
// actions (issues 5 and 6). Render their buttons here; the toolbar lays them out.
export function LibraryToolbarExtras(): React.JSX.Element | null {
  return null
}
