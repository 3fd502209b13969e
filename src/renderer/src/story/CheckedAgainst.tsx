// What a claim was checked against when no evidence is attached: asked for when it is Done without
// any, and required by the desk's hard rule when Settings turn it on.
import { Text } from '@radix-ui/themes'
import type { Claim, Evidence } from '../../../shared/model'
import { lacksCheckedAgainst } from '../../../shared/rules/claims'
import { useLibraryContext } from '../app/library-context'
import { SavedField } from './SavedField'

export function CheckedAgainst({
  claim,
  evidence,
  onSave
}: {
  claim: Claim
  evidence: readonly Evidence[]
  onSave(text: string): void
}): React.JSX.Element | null {
  const { settings } = useLibraryContext().library
  const lacking = lacksCheckedAgainst(claim, evidence)
  if (claim.status !== 'done' && !claim.checkedAgainst && !settings.requireCheckedAgainst) return null
  return (
    <div className={lacking ? 'checked-against lacking' : 'checked-against'}>
      <SavedField
        label="Checked against"
        name="checkedAgainst"
        multiline
        value={claim.checkedAgainst}
        placeholder="No evidence attached: what was this checked against? (a call, a document seen)"
        onSave={onSave}
      />
      {lacking && (
        <Text size="1" color="amber" role="note">
          Done with no evidence attached: note what it was checked against
          {settings.requireCheckedAgainst ? ' (required by the desk).' : '.'}
        </Text>
      )}
    </div>
  )
}
