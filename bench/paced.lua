-- wrk script: a fixed total request rate instead of wrk's as-fast-as-possible, and the latency percentiles.
-- Usage: wrk -t1 -c CONNECTIONS -d DURATION -s bench/paced.lua URL -- RATE [AUTHORIZATION]
-- RATE is per wrk thread (so the total with -t1). Each thread hands out send slots 1/RATE apart; a connection waits
-- for the next slot before each request. wrk waits whole milliseconds, so requests go up to 1 ms early, in small
-- bursts. The latency wrk records is from a request's send to its full response, as hey measures it.
local ffi = require("ffi")
ffi.cdef [[
  typedef struct { long tv_sec; long tv_nsec; } storepulse_timespec;
  int clock_gettime(int clock, storepulse_timespec *now);
]]
local CLOCK_MONOTONIC = 1
local now_struct = ffi.new("storepulse_timespec")

local function now_ms()
  ffi.C.clock_gettime(CLOCK_MONOTONIC, now_struct)
  return tonumber(now_struct.tv_sec) * 1000 + tonumber(now_struct.tv_nsec) / 1e6
end

local interval_ms
local next_slot

function init(args)
  local rate = tonumber(args[1])
  if rate == nil or rate <= 0 then
    error("paced.lua needs the total request rate: wrk ... -s bench/paced.lua URL -- RATE [AUTHORIZATION]")
  end
  interval_ms = 1000 / rate
  if args[2] ~= nil then
    wrk.headers["Authorization"] = args[2]
  end
  next_slot = now_ms()
end

-- Slots are never skipped: a request whose slot has passed (every connection was busy) goes at once, so the total
-- rate holds even while the server is slow, as arrivals at a fixed rate would.
function delay()
  next_slot = next_slot + interval_ms
  return math.max(0, next_slot - now_ms())
end

function done(summary, latency, requests)
  local seconds = summary.duration / 1e6
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout
  io.write(string.format("  requests/s %.0f, %d requests, %d non-2xx/3xx, %d socket errors\n",
    summary.requests / seconds, summary.requests, summary.errors.status, errors))
  io.write("  latency ms:")
  for _, p in ipairs({ 50, 90, 95, 99, 99.9 }) do
    io.write(string.format("  p%s %.2f", tostring(p), latency:percentile(p) / 1000))
  end
  io.write(string.format("  max %.2f\n", latency.max / 1000))
end
