-- Adds a session id to the set of a name's sessions (Spring Session's index layout).
-- KEYS[1]: the name's set. ARGV[1]: the session id. ARGV[2]: how long the session can live
-- at the most (ms): until its absolute lifetime ends, however active it is kept.
-- The set lives as long as the longest of its sessions can, so reading sessions (which
-- renews only their own keys) never has to renew it, and a name nobody uses any more
-- leaves nothing behind. Ending a session (sign-out, sign-in over it, an administrator)
-- removes its id (an empty set is gone); ids of
-- sessions that ended otherwise are dropped when the set is read.
local key = KEYS[1]
redis.call('SADD', key, ARGV[1])
if redis.call('PTTL', key) < tonumber(ARGV[2]) then
  redis.call('PEXPIRE', key, ARGV[2])
end
return 1
