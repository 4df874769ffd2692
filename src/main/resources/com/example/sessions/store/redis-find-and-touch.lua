-- Loads a session and records the access, in one round trip.
-- KEYS[1]: the session hash. ARGV[1]: now (epoch ms). ARGV[2]: touch interval (ms): the
-- last-access time is rewritten only when it is at least this old, which keeps the idle
-- timeout exact to within that interval while sparing most writes. ARGV[3]: absolute
-- lifetime (ms) since creation; a session whose idle timeout is longer (remember me) lives
-- that long instead. ARGV[4], optional: a field to count up by one (a counter kept in the
-- session, counted here so that concurrent requests never lose an increment).
-- Returns the hash (field, value, ...), or an empty list when there is no such session, or
-- it has been idle too long, or it has lived its whole lifetime.
local key = KEYS[1]
local now = tonumber(ARGV[1])
local fields = redis.call('HGETALL', key)
if #fields == 0 then
  return fields
end
local created, lastAccessed, maxInactive
for i = 1, #fields, 2 do
  if fields[i] == 'creationTime' then
    created = tonumber(fields[i + 1])
  elseif fields[i] == 'lastAccessedTime' then
    lastAccessed = tonumber(fields[i + 1])
  elseif fields[i] == 'maxInactiveInterval' then
    maxInactive = tonumber(fields[i + 1])
  end
end
if created and lastAccessed and maxInactive and maxInactive > 0 then
  local lifeLeft = created + math.max(tonumber(ARGV[3]), maxInactive * 1000) - now
  if now - lastAccessed >= maxInactive * 1000 or lifeLeft <= 0 then
    redis.call('DEL', key)
    return {}
  end
  if now - lastAccessed >= tonumber(ARGV[2]) then
    redis.call('HSET', key, 'lastAccessedTime', ARGV[1])
    redis.call('PEXPIRE', key, math.min(maxInactive * 1000, lifeLeft))
  end
end
local counter = ARGV[4]
if counter then
  local index
  for i = 1, #fields, 2 do
    if fields[i] == counter then
      index = i + 1
    end
  end
  if not index then
    fields[#fields + 1] = counter
    index = #fields + 1
  end
  -- A value that is not a count (corrupt) starts over rather than failing the request.
  fields[index] = tostring((tonumber(fields[index]) or 0) + 1)
  redis.call('HSET', key, counter, fields[index])
end
return fields
