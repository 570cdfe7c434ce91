-- wrk script: POST form-encoded Open311 GeoReport v2 requests with points inside the bench city.
-- Environment: BENCH_API_KEY (Open311 key), BENCH_SEED (optional).
-- Prints one line "BENCH_JSON {...}" with the totals and latency percentiles (microseconds).

local api_key = os.getenv("BENCH_API_KEY") or ""
local lat_lo, lat_hi = 40.001, 40.019
local lon_lo, lon_hi = -90.019, -89.981
local counter = 0
statuses = {}  -- global: done() reads it from each thread with thread:get
local threads = {}

wrk.method = "POST"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
wrk.headers["Accept"] = "application/json"

local function encode(s)
  return (s:gsub("[^%w%-_%.~]", function(c) return string.format("%%%02X", string.byte(c)) end))
end

function setup(thread)
  thread:set("tid", #threads + 1)
  table.insert(threads, thread)
end

function init(args)
  math.randomseed((tonumber(os.getenv("BENCH_SEED") or "1") or 1) * 1000 + (tid or 0))
  statuses = {}
end

function request()
  counter = counter + 1
  local lat = lat_lo + math.random() * (lat_hi - lat_lo)
  local lon = lon_lo + math.random() * (lon_hi - lon_lo)
  local description = "Load test " .. tostring(tid or 0) .. "-" .. counter
    .. ": fresh tag on the wall beside the bus stop"
  local body = "service_code=graffiti"
    .. string.format("&lat=%.6f&long=%.6f", lat, lon)
    .. "&description=" .. encode(description)
    .. "&api_key=" .. encode(api_key)
  return wrk.format(nil, nil, nil, body)
end

function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
end

function done(summary, latency, requests)
  local merged = {}
  for _, thread in ipairs(threads) do
    local st = thread:get("statuses") or {}
    for code, n in pairs(st) do
      merged[code] = (merged[code] or 0) + n
    end
  end
  local parts = {}
  for code, n in pairs(merged) do
    table.insert(parts, string.format('"%d": %d', code, n))
  end
  local e = summary.errors
  io.write(string.format(
    'BENCH_JSON {"requests": %d, "duration_us": %d, "bytes": %d, ' ..
    '"errors": {"connect": %d, "read": %d, "write": %d, "status": %d, "timeout": %d}, ' ..
    '"latency_us": {"p50": %d, "p90": %d, "p99": %d, "max": %d, "mean": %.1f}, ' ..
    '"statuses": {%s}}\n',
    summary.requests, summary.duration, summary.bytes,
    e.connect, e.read, e.write, e.status, e.timeout,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max,
    latency.mean, table.concat(parts, ", ")))
end
