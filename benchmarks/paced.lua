-- Paces wrk at RATE requests per second in all, spread evenly in time: each thread keeps its own schedule of
-- slots (RATE / threads per second, the threads' schedules interleaved) and every request waits for the next
-- free slot. A connection that is still waiting for its answer does not hold the schedule back, so while
-- connections are free this is an open loop: requests arrive at the rate, not in bursts, whatever the latency.
-- wrk measures latency from the moment a request is written.
-- Run with: RATE=600 PACED_THREADS=2 wrk -t2 -c64 -s paced.lua URL
local ffi = require("ffi")
ffi.cdef [[
typedef struct { long tv_sec; long tv_nsec; } paced_timespec;
int clock_gettime(int clock_id, paced_timespec *tp);
]]
local CLOCK_MONOTONIC = 1
local now = ffi.new("paced_timespec")

local function milliseconds()
  ffi.C.clock_gettime(CLOCK_MONOTONIC, now)
  return tonumber(now.tv_sec) * 1000 + tonumber(now.tv_nsec) / 1e6
end

local started = 0

function setup(thread)
  thread:set("index", started)
  started = started + 1
end

local interval, next_slot

function init(args)
  local rate = tonumber(os.getenv("RATE") or "")
  if rate == nil or rate <= 0 then
    error("paced.lua needs RATE, the requests per second in all")
  end
  local count = tonumber(os.getenv("PACED_THREADS") or "2") -- wrk's -t
  interval = count * 1000 / rate
  next_slot = milliseconds() + (index or 0) * interval / count
end

function delay()
  local wait = next_slot - milliseconds()
  next_slot = next_slot + interval
  if wait < 0 then
    return 0
  end
  return wait
end
