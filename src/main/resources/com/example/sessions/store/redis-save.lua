-- Writes what a request changed in a session, in one round trip.
-- KEYS[1]: the session hash (the only key: a script may not span Redis Cluster slots).
-- ARGV[1]: '1' when the whole session is written (new, or moved to a new id), '0' for
-- changes to a stored one. ARGV[2]: time to live (ms). ARGV[3]: n, the number of fields to
-- set, followed by n field/value pairs, followed by the fields to delete.
-- Returns 0 (and writes nothing) when a stored session has ended meanwhile, e.g. signed
-- out in another tab: a late write must not bring it back.
local key = KEYS[1]
if ARGV[1] == '0' and redis.call('EXISTS', key) == 0 then
  return 0
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
