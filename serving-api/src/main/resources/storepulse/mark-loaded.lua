-- Marks one partition of user-features as held by Redis, unless Redis lost the record (and the features) since the
-- rebuild started: then the generation differs, and the next check rebuilds the partition again.
-- KEYS[1] the loaded hash; ARGV[1] its generation field, ARGV[2] the rebuild's generation, ARGV[3] the partition,
-- ARGV[4] when (epoch ms).
if redis.call('HGET', KEYS[1], ARGV[1]) ~= ARGV[2] then
  return 0
end
redis.call('HSET', KEYS[1], ARGV[3], ARGV[4])
return 1
