-- Writes one user's features unless the stored ones are newer: a higher last_event_time, or the same one computed
-- later (a late event changes the counts, not the time). The TTL is refreshed either way: the user is active.
-- KEYS[1] the user's hash; ARGV[1] last_event_time ms, ARGV[2] updated_at ms, ARGV[3] TTL ms, then field/value pairs.
local stored = redis.call('HMGET', KEYS[1], 'last_event_time_ms', 'updated_at_ms')
local storedTime = tonumber(stored[1])
local newTime = tonumber(ARGV[1])
if storedTime and (storedTime > newTime or (storedTime == newTime and tonumber(stored[2]) > tonumber(ARGV[2]))) then
  redis.call('PEXPIRE', KEYS[1], ARGV[3])
  return 0
end
redis.call('HSET', KEYS[1], 'last_event_time_ms', ARGV[1], 'updated_at_ms', ARGV[2], unpack(ARGV, 4))
redis.call('PEXPIRE', KEYS[1], ARGV[3])
return 1
