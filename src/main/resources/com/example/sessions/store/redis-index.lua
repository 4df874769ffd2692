-- Adds a session id to the set of a name's sessions (Spring Session's index layout).
-- KEYS[1]: the name's set. ARGV[1]: the session id. ARGV[2]: the session's time to live (ms).
-- The set lives as long as its longest-lived session: a name nobody uses any more leaves
-- nothing behind. Ids of sessions that ended are dropped when the set is read.
local key = KEYS[1]
redis.call('SADD', key, ARGV[1])
if redis.call('PTTL', key) < tonumber(ARGV[2]) then
  redis.call('PEXPIRE', key, ARGV[2])
end
return 1
