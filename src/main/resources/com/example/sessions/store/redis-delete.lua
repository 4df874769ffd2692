-- Deletes a session and returns the name it is indexed by (the stored JSON), so that the
-- caller can take the id out of that name's set (another key: on a cluster, another node).
-- KEYS[1]: the session hash. ARGV[1]: the field of the indexed name.
local name = redis.call('HGET', KEYS[1], ARGV[1])
redis.call('DEL', KEYS[1])
return name
