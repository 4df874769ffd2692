-- Deletes a session and returns the name it is indexed by (the stored JSON, or an empty
-- string when it has none), so that the caller can take the id out of that name's set
-- (another key: on a cluster, another node); returns nil when there was no such session.
-- KEYS[1]: the session hash. ARGV[1]: the field of the indexed name.
local name = redis.call('HGET', KEYS[1], ARGV[1])
if redis.call('DEL', KEYS[1]) == 0 then
  return false
end
return name or ''
