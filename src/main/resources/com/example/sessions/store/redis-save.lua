-- Writes what a request changed in a session, in one round trip.
-- KEYS[1]: the session hash. KEYS[2]: its key before this save (differs after an id change).
-- ARGV[1]: '1' for a new session. ARGV[2]: time to live (ms). ARGV[3]: n, the number of
-- fields to set, followed by n field/value pairs, followed by the fields to delete.
-- Returns 0 (and writes nothing) when an existing session has ended meanwhile, e.g. signed
-- out in another tab: a late write must not bring it back.
local key, before = KEYS[1], KEYS[2]
if ARGV[1] == '0' then
  if redis.call('EXISTS', before) == 0 then
    return 0
  end
  if before ~= key then
    redis.call('RENAME', before, key)
  end
end
local n = tonumber(ARGV[3])
if n > 0 then
  redis.call('HSET', key, unpack(ARGV, 4, 3 + 2 * n))
end
if #ARGV > 3 + 2 * n then
  redis.call('HDEL', key, unpack(ARGV, 4 + 2 * n))
end
redis.call('PEXPIRE', key, ARGV[2])
return 1
