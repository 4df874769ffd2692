-- Loads a session and records the access, in one round trip.
-- KEYS[1]: the session hash. ARGV[1]: now (epoch ms). ARGV[2]: touch interval (ms): the
-- last-access time is rewritten only when it is at least this old, which keeps the idle
-- timeout exact to within that interval while sparing most writes.
-- Returns the hash as stored (field, value, ...), or an empty list when there is no such
-- session or it has been idle too long.
local key = KEYS[1]
local now = tonumber(ARGV[1])
local fields = redis.call('HGETALL', key)
if #fields == 0 then
  return fields
end
local lastAccessed, maxInactive
for i = 1, #fields, 2 do
  if fields[i] == 'lastAccessedTime' then
    lastAccessed = tonumber(fields[i + 1])
  elseif fields[i] == 'maxInactiveInterval' then
    maxInactive = tonumber(fields[i + 1])
  end
end
if lastAccessed and maxInactive and maxInactive > 0 then
  if now - lastAccessed >= maxInactive * 1000 then
    redis.call('DEL', key)
    return {}
  end
  if now - lastAccessed >= tonumber(ARGV[2]) then
    redis.call('HSET', key, 'lastAccessedTime', ARGV[1])
    redis.call('PEXPIRE', key, maxInactive * 1000)
  end
end
return fields
