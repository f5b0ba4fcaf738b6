/** The advisory lock every append transaction holds from its first write to its commit ('mand' 'log1'). */
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
 * flush of the log, for all the appends that came in while the previous batch committed. Under
 * the lock the versions an append checks cannot move before it writes, so no append needs a
 * subtransaction to undo a half-written change.
 *
 * The arrays are flat; append `a` owns the stream entries s_from[a]..s_to[a] and the events
 * e_from[a]..e_to[a] (1-based, inclusive; an empty range has to < from). Event j goes to stream
 * entry e_stream[j], at that stream's version before the append plus e_offset[j]. s_expected is
 * the expected version, -1 for any. An append's idempotency key (i_key[a], null for none) is
 * stored once its versions are checked: if it is taken, nothing of that append is written.
 *
 * Returns, per written event, (append, event id, global position, stream position); per failed
 * append one row with its failure: 'version' (detail: "entry:actual version") or 'idempotency'.
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
  a integer;
  k integer;
  current_version integer;
  conflict text;
  bases integer[] := array_fill(0, array[coalesce(array_length(s_stream, 1), 0)]);
begin
  perform pg_advisory_xact_lock(${APPEND_LOCK});
  for a in 1 .. coalesce(array_length(s_from, 1), 0) loop
    conflict := null;
    for k in s_from[a] .. s_to[a] loop
      select coalesce(max(ev.stream_position), 0) into current_version from events ev where ev.stream_id = s_stream[k];
      -- The same stream earlier in this append: its events come first (they are written at the end).
      if k > s_from[a] and s_stream[k] = any(s_stream[s_from[a]:k - 1]) then
        select current_version + count(*) into current_version
          from generate_series(e_from[a], e_to[a]) as j where e_stream[j] < k and s_stream[e_stream[j]] = s_stream[k];
      end if;
      if s_expected[k] >= 0 and s_expected[k] <> current_version then
        conflict := k::text || ':' || current_version::text;
        exit;
      end if;
      bases[k] := current_version;
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
    return query
      insert into events as ev (event_id, stream_id, stream_position, message_type, message_schema_version, data, metadata, recorded_at)
      select e_id[j], s_stream[e_stream[j]], bases[e_stream[j]] + e_offset[j], e_type[j], e_schema[j], e_data[j], e_meta[j], recorded_at
      from generate_series(e_from[a], e_to[a]) as j
      returning a, ev.event_id, ev.global_position, ev.stream_position, null::text, null::text;
  end loop;
end $fn$;
`;

export const APPEND_CALL = 'select * from mandate_append($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19)';
