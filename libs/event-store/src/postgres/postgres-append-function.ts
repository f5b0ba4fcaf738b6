/** The advisory lock every append transaction holds from its first write to its commit ('mand', then 'l' 1). */
export const APPEND_LOCK = 0x6d616e64_6c01;

/**
 * mandate_append: a batch of appends in one call and one transaction. Each append is checked
 * on its own: one that fails writes nothing and the others go on.
 *
 * It first takes APPEND_LOCK, held until its transaction ends: appending transactions take
 * their transaction id and their positions one after the other, so positions follow commit
 * order and transaction ids follow position order. Without it a transaction could take its id,
 * then positions after another, newer transaction's: a reader that keeps the one number of a
 * global position, even reading only below the oldest running transaction, would then skip
 * the older transaction's events. The batches make up for the turns: one commit, and one
 * flush of the log, for all the appends that came in while the previous batch committed.
 *
 * Under the lock no version can move: the versions of every stream of the batch are read in one
 * query, each append is checked against them (and against the appends before it in the batch),
 * and the events of the appends that pass are written by one insert at the end. Nothing is
 * written before every check is done, so no append needs a subtransaction to be undone.
 *
 * The arrays are flat; append `a` owns the stream entries s_from[a]..s_to[a] and the events
 * e_from[a]..e_to[a] (1-based, inclusive; an empty range has to < from). Event j goes to stream
 * entry e_stream[j], at that stream's version before the entry plus e_offset[j]. s_expected is
 * the expected version, -1 for any. An append's idempotency key (i_key[a], null for none) is
 * stored once its versions are checked: if it is taken, nothing of that append is written.
 *
 * Returns one row per written event (event id, global position, stream position; out_append 0)
 * and one per failed append (out_append, out_failure 'version' with detail "entry:actual
 * version", or 'idempotency').
 *
 * Each written event gets its two chained hashes here, under the lock, where its global position
 * and the events before it are known (hash-chain/event-hash.ts): e_digest[j] is the digest of
 * event j's content, computed by the caller; the stream hash chains it to the stream's previous
 * event, the global hash to the log's last event. Global positions are taken from the identity
 * column's sequence in the order the events are written, so that they can be hashed before the
 * insert; the lock keeps them in commit order as before.
 */
export const APPEND_FUNCTION_SQL = `
create or replace function mandate_append(
  recorded_at text,
  s_stream text[], s_expected integer[], s_from integer[], s_to integer[],
  e_id text[], e_stream integer[], e_offset integer[], e_type text[], e_schema integer[], e_data text[], e_meta text[],
  e_from integer[], e_to integer[],
  i_scope text[], i_key text[], i_fingerprint text[], i_status integer[], i_response text[],
  e_digest bytea[]
) returns table (out_append integer, out_event_id text, out_position bigint, out_stream_position integer, out_failure text, out_detail text)
language plpgsql as $fn$
declare
  entries integer := coalesce(array_length(s_stream, 1), 0);
  events_count integer := coalesce(array_length(e_id, 1), 0);
  a integer;
  k integer;
  j integer;
  i integer;
  idx integer;
  current_version integer;
  conflict text;
  counts integer[] := array_fill(0, array[entries]);
  bases integer[] := array_fill(0, array[entries]);
  writes boolean[] := array_fill(false, array[events_count]);
  known_ids text[];
  known_versions integer[];
  touched_ids text[];
  touched_versions integer[];
  -- The stream hash of each stream's last stored event, as the batch starts.
  stored_ids text[];
  stored_hashes bytea[];
  -- The chains as the batch extends them.
  genesis constant bytea := decode(repeat('00', 32), 'hex');
  chain_ids text[] := '{}';
  chain_hashes bytea[] := '{}';
  last_global bytea;
  position_sequence regclass := pg_get_serial_sequence('events', 'global_position')::regclass;
  w_position bigint[] := array_fill(null::bigint, array[events_count]);
  w_stream_hash bytea[] := array_fill(null::bytea, array[events_count]);
  w_global_hash bytea[] := array_fill(null::bytea, array[events_count]);
  version_of_event integer;
  tip bytea;
begin
  perform pg_advisory_xact_lock(${APPEND_LOCK});
  for j in 1 .. events_count loop
    counts[e_stream[j]] := counts[e_stream[j]] + 1;
  end loop;
  -- max() per stream, not per group: each reads one entry of the (stream_id, stream_position) index.
  if entries = 1 then
    -- One append to one stream (a command, when nothing else is waiting): the plain query.
    select ev.stream_position, ev.stream_hash into current_version, tip
      from events ev where ev.stream_id = s_stream[1] order by ev.stream_position desc limit 1;
    known_ids := array[s_stream[1]];
    known_versions := array[coalesce(current_version, 0)];
    stored_ids := array[s_stream[1]];
    stored_hashes := array[tip];
  else
    select coalesce(array_agg(s.id), '{}'), coalesce(array_agg(v.version), '{}'), coalesce(array_agg(v.hash), '{}')
      into known_ids, known_versions, stored_hashes
      from (select distinct unnest(s_stream) as id) s
      cross join lateral (select ev.stream_position as version, ev.stream_hash as hash from events ev where ev.stream_id = s.id order by ev.stream_position desc limit 1) v;
    stored_ids := known_ids;
  end if;
  for a in 1 .. coalesce(array_length(s_from, 1), 0) loop
    conflict := null;
    touched_ids := '{}';
    touched_versions := '{}';
    for k in s_from[a] .. s_to[a] loop
      -- The stream's version: after this append's earlier entries, else after the batch's earlier appends, else as stored.
      idx := array_position(touched_ids, s_stream[k]);
      if idx is not null then
        current_version := touched_versions[idx];
      else
        current_version := coalesce(known_versions[array_position(known_ids, s_stream[k])], 0);
      end if;
      if s_expected[k] >= 0 and s_expected[k] <> current_version then
        conflict := k::text || ':' || current_version::text;
        exit;
      end if;
      bases[k] := current_version;
      if idx is null then
        touched_ids := touched_ids || s_stream[k];
        touched_versions := touched_versions || (current_version + counts[k]);
      else
        touched_versions[idx] := current_version + counts[k];
      end if;
    end loop;
    if conflict is not null then
      return query select a, null::text, null::bigint, null::integer, 'version'::text, conflict;
      continue;
    end if;
    if i_key[a] is not null then
      insert into idempotency_keys (scope, key, fingerprint, status_code, response, created_at)
        values (i_scope[a], i_key[a], i_fingerprint[a], i_status[a], i_response[a], recorded_at)
        on conflict (scope, key) do nothing;
      if not found then
        return query select a, null::text, null::bigint, null::integer, 'idempotency'::text, null::text;
        continue;
      end if;
    end if;
    -- The append passed: its versions become the batch's, its events are written below.
    for i in 1 .. coalesce(array_length(touched_ids, 1), 0) loop
      idx := array_position(known_ids, touched_ids[i]);
      if idx is null then
        known_ids := known_ids || touched_ids[i];
        known_versions := known_versions || touched_versions[i];
      else
        known_versions[idx] := touched_versions[i];
      end if;
    end loop;
    for j in e_from[a] .. e_to[a] loop
      writes[j] := true;
    end loop;
  end loop;
  -- Both chains, event by event in the order they are written (a stream's events come in version order).
  select ev.global_hash into last_global from events ev order by ev.global_position desc limit 1;
  last_global := coalesce(last_global, genesis);
  for j in 1 .. events_count loop
    continue when not writes[j];
    idx := array_position(chain_ids, s_stream[e_stream[j]]);
    if idx is null then
      chain_ids := array_append(chain_ids, s_stream[e_stream[j]]);
      chain_hashes := array_append(chain_hashes, coalesce(stored_hashes[array_position(stored_ids, s_stream[e_stream[j]])], genesis));
      idx := array_length(chain_ids, 1);
    end if;
    version_of_event := bases[e_stream[j]] + e_offset[j];
    w_position[j] := nextval(position_sequence);
    w_stream_hash[j] := sha256(chain_hashes[idx] || int8send(version_of_event::bigint) || e_digest[j]);
    w_global_hash[j] := sha256(last_global || int8send(w_position[j]) || w_stream_hash[j]);
    chain_hashes[idx] := w_stream_hash[j];
    last_global := w_global_hash[j];
  end loop;
  return query
    insert into events as ev (global_position, event_id, stream_id, stream_position, message_type, message_schema_version, data, metadata, recorded_at, stream_hash, global_hash)
    overriding system value
    select w_position[n], e_id[n], s_stream[e_stream[n]], bases[e_stream[n]] + e_offset[n], e_type[n], e_schema[n], e_data[n], e_meta[n], recorded_at,
      w_stream_hash[n], w_global_hash[n]
    from generate_series(1, events_count) as g(n) where writes[n] order by n
    returning 0, ev.event_id, ev.global_position, ev.stream_position, null::text, null::text;
end $fn$;
`;

export const APPEND_CALL = 'select * from mandate_append($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20)';

/** The signature mandate_append had before events carried hashes (dropped by the migration that adds them). */
export const UNHASHED_APPEND_SIGNATURE = `mandate_append(text, text[], integer[], integer[], integer[], text[], integer[], integer[], text[], integer[], text[], text[],
  integer[], integer[], text[], text[], text[], integer[], text[])`;
