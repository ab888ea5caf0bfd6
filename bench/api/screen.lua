-- wrk script: POST /v1/screen with the bodies of $BODIES (one JSON body per line), in turn,
-- each wrk thread starting at a different offset. The key comes from $API_KEY.
local bodies = {}
local path = os.getenv("BODIES")
for line in io.lines(path) do bodies[#bodies + 1] = line end
local key = os.getenv("API_KEY")
local counter = 0

function setup(thread)
  counter = counter + 1
  thread:set("offset", counter * 997)
end

function init(args)
  i = offset or 0
end

function request()
  i = i + 1
  local body = bodies[(i % #bodies) + 1]
  return wrk.format("POST", "/v1/screen", {
    ["Content-Type"] = "application/json",
    ["Authorization"] = "Bearer " .. key,
  }, body)
end

function done(summary, latency, requests)
  io.write(string.format("requests %d, errors connect %d read %d write %d status %d timeout %d\n",
    summary.requests, summary.errors.connect, summary.errors.read, summary.errors.write,
    summary.errors.status, summary.errors.timeout))
  io.write(string.format("latency p50 %.3f ms, p99 %.3f ms, p99.9 %.3f ms, max %.3f ms\n",
    latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    latency:percentile(99.9) / 1000, latency.max / 1000))
end
