/**
 * The first of a worker job's two store round trips: reads the session and its job record,
 * decides whether the job runs, and when it does marks it started, keeps the lateness sample,
 * claims the effect in the ledger and hands back what the action needs (the account, the
 * platform's last usage reading), atomically.
 * KEYS: 1 session, 2 lateness samples, 3 the job's ledger entry, 4 account, 5 usage reading (4–5
 * may be the session key again when unused: every key shares the store's hash tag).
 * ARGV: 1 job key, 2 now (ISO), 3 now (ms), 4 early tolerance (ms), 5 and 10 the ends of the
 * lateness sample's member (OpsStore.latenessSample; the lateness in ms goes between them),
 * 6 claim the ledger ('1'/'0'), 7 ledger owner, 8 read the account ('1'/'0'), 9 read the usage ('1'/'0').
 * Answers JSON { outcome, … }:
 * - missing: no session or no such job. inactive: the record is neither pending nor running (state).
 * - early: the plan moved later (dueMs). stale: past staleAt and no ledger entry (record).
 * - cancelled: the session is cancelled (record). The caller finishes a stale or cancelled record
 *   through update-job, which also moves the session's status. Nothing is written for these.
 * - started: session (its hash as read, before the start), record (after), attempts,
 *   ledger (absent | claimed now (fresh) | done + result | in-doubt + claimedAt, owner), account (hash or absent),
 *   usage (the stored reading or absent), pastStale (past staleAt with the effect recorded or in
 *   doubt: the action may only record what the platform already has).
 */
export const beginJobLua = `
local function toMs(iso)
  local y, mo, d, h, mi, s, frac = string.match(iso or '', '^(%d%d%d%d)-(%d%d)-(%d%d)T(%d%d):(%d%d):(%d%d)%.?(%d*)Z$')
  if not y then return redis.error_reply('begin-job: not an ISO instant: ' .. tostring(iso)) end
  y, mo, d = tonumber(y), tonumber(mo), tonumber(d)
  -- days from 1970-01-01 (proleptic Gregorian, Howard Hinnant's days_from_civil)
  if mo <= 2 then y = y - 1 end
  local era = math.floor(y / 400)
  local yoe = y - era * 400
  local mp = (mo + 9) % 12
  local doy = math.floor((153 * mp + 2) / 5) + d - 1
  local doe = yoe * 365 + math.floor(yoe / 4) - math.floor(yoe / 100) + doy
  local days = era * 146097 + doe - 719468
  local ms = 0
  if frac ~= '' then ms = math.floor(tonumber('0.' .. frac) * 1000 + 0.5) end
  return ((days * 24 + tonumber(h)) * 60 + tonumber(mi)) * 60000 + tonumber(s) * 1000 + ms
end

local skey = KEYS[1]
local field = 'j:' .. ARGV[1]
local nowIso, nowMs = ARGV[2], tonumber(ARGV[3])
local h = redis.call('HGETALL', skey)
local m = {}
for i = 1, #h, 2 do m[h[i]] = h[i + 1] end
if not m.doc or not m[field] then return cjson.encode({ outcome = 'missing' }) end
local rec = cjson.decode(m[field])
if rec.state ~= 'pending' and rec.state ~= 'running' then return cjson.encode({ outcome = 'inactive', state = rec.state }) end
local dueMs = toMs(rec.runAt)
if type(dueMs) == 'table' then return dueMs end
if dueMs > nowMs + tonumber(ARGV[4]) then return cjson.encode({ outcome = 'early', dueMs = dueMs }) end

local ledger = {}
local l = redis.call('HGETALL', KEYS[3])
for i = 1, #l, 2 do ledger[l[i]] = l[i + 1] end
local staleMs = toMs(rec.staleAt)
if type(staleMs) == 'table' then return staleMs end
-- Past its window an action is skipped, unless its effect is recorded (the job only records the
-- outcome) or in doubt (an attempt died mid-call: the job looks the effect up, pastStale, and
-- records it when the platform has it, else skips it without calling).
local pastStale = nowMs > staleMs
if pastStale and ledger.state == nil then return cjson.encode({ outcome = 'stale', record = rec }) end
if m.status == 'cancelled' and rec.kind ~= 'delete-live' and rec.kind ~= 'cancel-notice' then
  return cjson.encode({ outcome = 'cancelled', record = rec })
end

rec.state = 'running'
rec.attempts = (rec.attempts or 0) + 1
rec.firedAt = nowIso
redis.call('HSET', skey, field, cjson.encode(rec))
redis.call('ZADD', KEYS[2], ARGV[3], ARGV[5] .. ':' .. math.max(0, nowMs - dueMs) .. ':' .. ARGV[10])

-- The ledger entry as found (or as claimed now, when asked and there was none).
local claim = cjson.null
if ledger.state == nil and ARGV[6] == '1' then
  redis.call('HSET', KEYS[3], 'state', 'claimed', 'owner', ARGV[7], 'claimedAt', nowIso)
  claim = { state = 'claimed', fresh = true }
elseif ledger.state == 'done' then
  claim = { state = 'done', result = ledger.result }
elseif ledger.state ~= nil then
  claim = { state = 'in-doubt', claimedAt = ledger.claimedAt or '', owner = ledger.owner or '' }
end
local account = cjson.null
if ARGV[8] == '1' then
  local a = redis.call('HGETALL', KEYS[4])
  if #a > 0 then
    account = {}
    for i = 1, #a, 2 do account[a[i]] = a[i + 1] end
  end
end
local usage = cjson.null
if ARGV[9] == '1' then usage = redis.call('GET', KEYS[5]) or cjson.null end
return cjson.encode({ outcome = 'started', session = h, record = rec, ledger = claim, account = account, usage = usage, pastStale = pastStale })
`;
