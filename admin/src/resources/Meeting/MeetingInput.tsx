// The meeting an escalation (一事一议) or a review (分级点评) was held at: a street's meetings of the kinds that hold
// it, newest first, shown as 「2023-07-10 领导小组会议」. The API refuses another street's or another kind's meeting.
import { AutocompleteInput, ReferenceInput, useTranslate } from 'react-admin';
import { useWatch } from 'react-hook-form';

export const MeetingInput = ({ source = 'meetingId', kind, streetSource }: { source?: string; kind?: 'LEADING_GROUP'; streetSource?: string }) => {
  const translate = useTranslate();
  const streetId = useWatch({ name: streetSource ?? '__none__' }) as string | undefined;
  const filter = { ...(kind ? { kind } : {}), ...(streetSource && streetId ? { streetId } : {}) };
  return (
    <ReferenceInput source={source} reference="Meeting" filter={filter} sort={{ field: 'heldOn', order: 'DESC' }} perPage={50}>
      <AutocompleteInput
        optionText={(m: { heldOn: string; kind: string }) => `${m.heldOn} ${translate(`meetings.kind.${m.kind}`)}`}
        filterToQuery={(q: string) => (q ? { q } : {})}
        helperText={kind ? 'meetings.held.reviewHint' : 'meetings.held.escalationHint'}
        sx={{ width: 320 }}
      />
    </ReferenceInput>
  );
};
