-- Adds a session id to the set of a name's sessions (Spring Session's index layout).
-- KEYS[1]: the name's set. ARGV[1]: the session id. ARGV[2]: how long the session can live
-- at the most (ms): until its absolute lifetime ends, however active it is kept. ARGV[3]:
-- how many ids the set may hold before it is pruned. ARGV[4]: how many ids to check then.
-- The set lives as long as the longest of its sessions can, so reading sessions (which
-- renews only their own keys) never has to renew it, and a name nobody uses any more
-- leaves nothing behind. Ending a session (sign-out, sign-in over it, an administrator)
-- removes its id (an empty set is gone). Ids of sessions that expired stay until the set
-- is read, or until a sign-in finds the set larger than ARGV[3]: then it returns a few
-- random ids for the caller to check (their keys live in other slots of a cluster), so a
-- name signed in over and over cannot grow its set without bound.
local key = KEYS[1]
redis.call('SADD', key, ARGV[1])
if redis.call('PTTL', key) < tonumber(ARGV[2]) then
  redis.call('PEXPIRE', key, ARGV[2])
end
if redis.call('SCARD', key) > tonumber(ARGV[3]) then
  return redis.call('SRANDMEMBER', key, ARGV[4])
end
return {}
