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
 */
export const APPEND_FUNCTION_SQL = `
create or replace function mandate_append(
  recorded_at text,
  s_stream text[], s_expected integer[], s_from integer[], s_to integer[],
  e_id text[], e_stream integer[], e_offset integer[], e_type text[], e_schema integer[], e_data text[], e_meta text[],
  e_from integer[], e_to integer[],
  i_scope text[], i_key text[], i_fingerprint text[], i_status integer[], i_response text[]
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
begin
  perform pg_advisory_xact_lock(${APPEND_LOCK});
  for j in 1 .. events_count loop
    counts[e_stream[j]] := counts[e_stream[j]] + 1;
  end loop;
  -- max() per stream, not per group: each reads one entry of the (stream_id, stream_position) index.
  if entries = 1 then
    -- One append to one stream (a command, when nothing else is waiting): the plain query.
    select coalesce(max(ev.stream_position), 0) into current_version from events ev where ev.stream_id = s_stream[1];
    known_ids := array[s_stream[1]];
    known_versions := array[current_version];
  else
    select coalesce(array_agg(s.id), '{}'), coalesce(array_agg(v.version), '{}') into known_ids, known_versions
      from (select distinct unnest(s_stream) as id) s
      cross join lateral (select max(ev.stream_position) as version from events ev where ev.stream_id = s.id) v
      where v.version is not null;
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
  return query
    insert into events as ev (event_id, stream_id, stream_position, message_type, message_schema_version, data, metadata, recorded_at)
    select e_id[n], s_stream[e_stream[n]], bases[e_stream[n]] + e_offset[n], e_type[n], e_schema[n], e_data[n], e_meta[n], recorded_at
    from generate_series(1, events_count) as g(n) where writes[n] order by n
    returning 0, ev.event_id, ev.global_position, ev.stream_position, null::text, null::text;
end $fn$;
`;

export const APPEND_CALL = 'select * from mandate_append($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19)';
