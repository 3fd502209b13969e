// The desk's editors as options of a Select (assignee pickers and filters).
import { Select } from '@radix-ui/themes'
import { useDesk } from './desk-context'

export function PersonItems(): React.JSX.Element {
  const { library } = useDesk()
  return (
    <>
      {library.people.map((p) => (
        <Select.Item key={p.id} value={p.id}>
          {p.active ? p.name : `${p.name} (deactivated)`}
        </Select.Item>
      ))}
    </>
  )
}
