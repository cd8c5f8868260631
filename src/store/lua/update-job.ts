/**
 * Moves one job record of a session and records what the platform gave back, atomically, so
 * several jobs of one session can finish at the same moment without losing each other's writes.
 * KEYS[1] = session key. ARGV[1] = job key, ARGV[2] = JSON patch:
 * { op: 'start' | 'finish' | 'reset' | 'delay', now, state?, result?, lastError?, reason?, runtime? }.
 * - start: only from pending (or running: a re-run after a crash); attempts + 1, firedAt = now.
 * - finish: sets the final state; when the last go-live (end-live) job of the session becomes
 *   final, the session's status becomes live (ended) in the same write.
 * - delay: back to pending after a rate limit, with lastError kept.
 * - reset: failed/skipped back to pending (an ops retry); the session joins the to-sync set
 *   (patch.syncKey, member patch.syncId, score patch.syncMs) in the same step, like a session write.
 * runtime: { target, liveId?, ingestUrl?, streamId?, addPostId?, clearLive? } merged into t:<target>.
 * signals: [{ target, signal, at }] (any op): the on-air guard's readings, set on each t:<target>.
 * reset with rearm: a completed job too (the guard re-arms prepare-live for a live gone on the platform).
 * Returns JSON { ok, record, status, statusChanged } or { ok: false, reason, record }.
 */
export const updateJobLua = `
local key = KEYS[1]
local field = 'j:' .. ARGV[1]
local patch = cjson.decode(ARGV[2])
local raw = redis.call('HGET', key, field)
if not raw then return cjson.encode({ ok = false, reason = 'missing' }) end
local rec = cjson.decode(raw)
local status = redis.call('HGET', key, 'status')
local function present(v) return v ~= nil and v ~= cjson.null end

if patch.op == 'start' then
  if rec.state ~= 'pending' and rec.state ~= 'running' then
    return cjson.encode({ ok = false, reason = rec.state, record = rec })
  end
  rec.state = 'running'
  rec.attempts = (rec.attempts or 0) + 1
  rec.firedAt = patch.now
elseif patch.op == 'finish' then
  if rec.state == 'cancelled' and patch.state ~= 'completed' then
    return cjson.encode({ ok = false, reason = rec.state, record = rec })
  end
  rec.state = patch.state
  rec.finishedAt = patch.now
  if patch.result ~= nil then rec.result = patch.result end
  if patch.lastError ~= nil then rec.lastError = patch.lastError end
  if patch.reason ~= nil then rec.reason = patch.reason end
elseif patch.op == 'delay' then
  if rec.state ~= 'running' and rec.state ~= 'pending' then
    return cjson.encode({ ok = false, reason = rec.state, record = rec })
  end
  rec.state = 'pending'
  if patch.lastError ~= nil then rec.lastError = patch.lastError end
  if patch.attemptsDelta ~= nil then rec.attempts = (rec.attempts or 0) + patch.attemptsDelta end
elseif patch.op == 'reset' then
  local rearmable = patch.rearm == true and rec.state == 'completed'
  if rec.state ~= 'failed' and rec.state ~= 'skipped' and not rearmable then
    return cjson.encode({ ok = false, reason = rec.state, record = rec })
  end
  rec.state = 'pending'
  rec.lastError = cjson.null
  rec.reason = cjson.null
  rec.finishedAt = cjson.null
  if present(patch.runAt) then rec.runAt = patch.runAt end
  if present(patch.staleAt) then rec.staleAt = patch.staleAt end
  if present(patch.syncKey) then redis.call('ZADD', patch.syncKey, patch.syncMs, patch.syncId) end
end
redis.call('HSET', key, field, cjson.encode(rec))

if present(patch.signals) then
  for _, s in ipairs(patch.signals) do
    local sfield = 't:' .. s.target
    local sraw = redis.call('HGET', key, sfield)
    local st = { liveId = cjson.null, ingestUrl = cjson.null, streamId = cjson.null, postIds = {} }
    if sraw then st = cjson.decode(sraw) end
    st.signal = s.signal
    st.signalCheckedAt = s.at
    redis.call('HSET', key, sfield, cjson.encode(st))
  end
end

if present(patch.runtime) then
  local tfield = 't:' .. patch.runtime.target
  local traw = redis.call('HGET', key, tfield)
  local t = { liveId = cjson.null, ingestUrl = cjson.null, streamId = cjson.null, postIds = {} }
  if traw then t = cjson.decode(traw) end
  if present(patch.runtime.liveId) then t.liveId = patch.runtime.liveId end
  if present(patch.runtime.ingestUrl) then t.ingestUrl = patch.runtime.ingestUrl end
  if present(patch.runtime.streamId) then t.streamId = patch.runtime.streamId end
  if patch.runtime.clearLive then t.liveId = cjson.null; t.ingestUrl = cjson.null; t.streamId = cjson.null end
  if type(t.postIds) ~= 'table' then t.postIds = {} end
  if present(patch.runtime.addPostId) then
    local seen = false
    for _, p in ipairs(t.postIds) do if p == patch.runtime.addPostId then seen = true end end
    if not seen then table.insert(t.postIds, patch.runtime.addPostId) end
  end
  redis.call('HSET', key, tfield, cjson.encode(t))
end

local statusChanged = false
if patch.op == 'finish' and (rec.kind == 'go-live' or rec.kind == 'end-live') and status ~= 'cancelled' then
  local all = redis.call('HGETALL', key)
  local done = true
  for i = 1, #all, 2 do
    if string.sub(all[i], 1, 2) == 'j:' then
      local r = cjson.decode(all[i + 1])
      if r.kind == rec.kind and (r.state == 'pending' or r.state == 'running') then done = false end
    end
  end
  if done then
    local target = (rec.kind == 'go-live') and 'live' or 'ended'
    if status ~= target and status ~= 'ended' then
      redis.call('HSET', key, 'status', target)
      status = target
      statusChanged = true
    end
  end
end
return cjson.encode({ ok = true, record = rec, status = status, statusChanged = statusChanged })
`;
