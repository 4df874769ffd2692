-- Writes what a request changed in a session, in one round trip, unless another request
-- changed the same attributes since this one loaded the session.
-- KEYS[1]: the session hash (the only key: a script may not span Redis Cluster slots).
-- ARGV[1]: '1' when the whole session is written (new, or moved to a new id), '0' for
-- changes to a stored one. ARGV[2]: time to live (ms). ARGV[3]: n, the number of fields to
-- set. ARGV[4]: c, the number of fields to check. Then n field/value pairs to set; then c
-- triples: a field, '1' if it had a value when the session was loaded ('0' if not), that
-- value; then the fields to delete.
-- Returns {'saved'}; or {'ended'} (nothing written) when a stored session has ended
-- meanwhile, e.g. signed out in another tab: a late write must not bring it back; or
-- {'changed', field, '1' or '0', value, ...} (nothing written) with each checked field
-- that no longer holds what it held when loaded, and what it holds now.
local key = KEYS[1]
if ARGV[1] == '0' and redis.call('EXISTS', key) == 0 then
  return {'ended'}
end
local n = tonumber(ARGV[3])
local c = tonumber(ARGV[4])
local checks = 5 + 2 * n
local deletes = checks + 3 * c
local changed = {'changed'}
for i = checks, deletes - 1, 3 do
  local now = redis.call('HGET', key, ARGV[i])
  local had = ARGV[i + 1] == '1'
  if (now ~= false) ~= had or (had and now ~= ARGV[i + 2]) then
    changed[#changed + 1] = ARGV[i]
    changed[#changed + 1] = (now ~= false) and '1' or '0'
    changed[#changed + 1] = now or ''
  end
end
if #changed > 1 then
  return changed
end
if n > 0 then
  redis.call('HSET', key, unpack(ARGV, 5, 4 + 2 * n))
end
if #ARGV >= deletes then
  redis.call('HDEL', key, unpack(ARGV, deletes))
end
redis.call('PEXPIRE', key, ARGV[2])
return {'saved'}
