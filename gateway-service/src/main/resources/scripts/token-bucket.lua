-- One token bucket per key, refilled continuously. Atomic: Redis runs the script alone.
-- KEYS[1] the bucket; ARGV[1] capacity; ARGV[2] refill in tokens per second; ARGV[3] tokens wanted (default 1).
-- Takes as many of the wanted tokens as the bucket holds (whole tokens), none when it holds less than one.
-- Returns {tokens taken, tokens left, ms until one token is back, ms until the bucket is full}.
local capacity = tonumber(ARGV[1])
local rate = tonumber(ARGV[2])
local wanted = math.max(1, math.floor(tonumber(ARGV[3]) or 1))
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local bucket = redis.call('HMGET', KEYS[1], 'tokens', 'at')
local tokens = tonumber(bucket[1])
local at = tonumber(bucket[2])
if tokens == nil or at == nil then
  tokens = capacity
  at = now
end
tokens = math.min(capacity, tokens + math.max(0, now - at) * rate / 1000)
local granted = math.max(0, math.min(wanted, math.floor(tokens)))
tokens = tokens - granted
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', tostring(now))
redis.call('PEXPIRE', KEYS[1], math.ceil(capacity / rate * 1000) + 1000)
local retry = 0
if granted == 0 then
  retry = math.ceil((1 - tokens) / rate * 1000)
end
return {granted, math.floor(tokens), retry, math.ceil((capacity - tokens) / rate * 1000)}
