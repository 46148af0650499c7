import { useQuery } from '@tanstack/react-query';
import { api, call } from '../api/session';

/** The channels the caller's office belongs to (one cache entry for every screen). */
export function useChannels() {
  return useQuery({
    queryKey: ['channels'],
    queryFn: () => call(api.GET('/api/v1/channels', { params: { query: { limit: 200 } } })),
  });
}

/** The options of a select that picks one of those channels. */
export function ChannelOptions() {
  const { data } = useChannels();
  return (data?.items ?? []).map((channel) => (
    <option key={channel.id} value={channel.id}>
      {channel.name}
    </option>
  ));
}
