/**
 * Writes sessions and their stage reservations in one atomic step (invariant 3: concurrent
 * overlapping bookings cannot both win). KEYS[1] is the first session's key (routing on Cluster;
 * every key shares the `{prefix}` hash tag). ARGV[1] = key base, ARGV[2] = JSON array of writes:
 * { id, create, expectedVersion, version, status, doc, createdAt, updatedAt, startMs, endMs,
 *   stageId, campaignId, setJobs = {key: json}, delJobs = [key], releaseStage (bool) }.
 * Target runtime fields (`t:<target>`) are written by update-job once a platform answers.
 * ARGV[3] = '' or an idempotency answer { key, value, ttlS } written with the sessions (same hash
 * tag), so a create whose reply is lost is replayed, not made twice, when the client retries.
 * ARGV[4] = the mark time (ms): every written session joins the to-sync set (`<base>:to-sync`,
 * score = mark time) in the same step; the writer clears it once its queue write succeeded, and
 * reconcile drains what is left (a queue write that failed after this commit).
 * Nothing is written unless every write passes. Returns JSON:
 * {"ok":true} or {"ok":false,"errors":[{"index","code","conflicts":[[id,start,end]],"current"}]}.
 */
export const writeSessionsLua = `
local base = ARGV[1]
local writes = cjson.decode(ARGV[2])
local errors = {}
local DAY = 86400000

local function skey(id) return base .. ':s:' .. id end
local function present(v) return v ~= nil and v ~= cjson.null end

for i, w in ipairs(writes) do
  local key = skey(w.id)
  local exists = redis.call('EXISTS', key) == 1
  w._oldStage = ''
  w._oldCampaign = ''
  if w.create and exists then
    table.insert(errors, { index = i - 1, code = 'exists' })
  elseif (not w.create) and not exists then
    table.insert(errors, { index = i - 1, code = 'not_found' })
  else
    if exists then
      local cur = redis.call('HMGET', key, 'version', 'stageId', 'campaignId')
      if present(w.expectedVersion) and tonumber(cur[1]) ~= tonumber(w.expectedVersion) then
        table.insert(errors, { index = i - 1, code = 'version_mismatch', current = tonumber(cur[1]) })
      end
      w._oldStage = cur[2] or ''
      w._oldCampaign = cur[3] or ''
    end
    if present(w.stageId) and not w.releaseStage then
      local zkey = base .. ':stage:' .. w.stageId
      local ends = base .. ':stage-end:' .. w.stageId
      local cands = redis.call('ZRANGEBYSCORE', zkey, w.startMs - DAY, '(' .. w.endMs)
      local conflicts = {}
      for _, other in ipairs(cands) do
        if other ~= w.id then
          local e = tonumber(redis.call('HGET', ends, other) or '0')
          if e > w.startMs then
            table.insert(conflicts, { other, tonumber(redis.call('ZSCORE', zkey, other)), e })
          end
        end
      end
      if #conflicts > 0 then
        table.insert(errors, { index = i - 1, code = 'stage_conflict', conflicts = conflicts })
      end
    end
  end
end

if #errors > 0 then
  return cjson.encode({ ok = false, errors = errors })
end

for _, w in ipairs(writes) do
  local key = skey(w.id)
  local newStage = (present(w.stageId) and w.stageId) or ''
  local newCampaign = (present(w.campaignId) and w.campaignId) or ''
  redis.call('HSET', key, 'doc', w.doc, 'version', w.version, 'status', w.status,
    'createdAt', w.createdAt, 'updatedAt', w.updatedAt, 'stageId', newStage, 'campaignId', newCampaign,
    'startMs', w.startMs)
  for k, v in pairs(w.setJobs) do redis.call('HSET', key, 'j:' .. k, v) end
  for _, k in ipairs(w.delJobs) do redis.call('HDEL', key, 'j:' .. k) end
  redis.call('ZADD', base .. ':idx:start', w.startMs, w.id)
  if w._oldStage ~= '' and (w._oldStage ~= newStage or w.releaseStage) then
    redis.call('ZREM', base .. ':stage:' .. w._oldStage, w.id)
    redis.call('HDEL', base .. ':stage-end:' .. w._oldStage, w.id)
  end
  if newStage ~= '' then
    if w.releaseStage then
      redis.call('ZREM', base .. ':stage:' .. newStage, w.id)
      redis.call('HDEL', base .. ':stage-end:' .. newStage, w.id)
    else
      redis.call('ZADD', base .. ':stage:' .. newStage, w.startMs, w.id)
      redis.call('HSET', base .. ':stage-end:' .. newStage, w.id, w.endMs)
    end
  end
  if w._oldCampaign ~= '' and w._oldCampaign ~= newCampaign then
    redis.call('ZREM', base .. ':idx:campaign:' .. w._oldCampaign, w.id)
  end
  if newCampaign ~= '' then redis.call('ZADD', base .. ':idx:campaign:' .. newCampaign, w.startMs, w.id) end
  redis.call('ZADD', base .. ':to-sync', ARGV[4], w.id)
end
if ARGV[3] ~= nil and ARGV[3] ~= '' then
  local seal = cjson.decode(ARGV[3])
  redis.call('SET', seal.key, seal.value, 'EX', seal.ttlS)
end
return cjson.encode({ ok = true })
`;
