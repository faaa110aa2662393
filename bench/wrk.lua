-- wrk script for make bench. With BENCH_TOKENS, every request opens a card
-- with a fresh single-use token from that file (each thread takes its own
-- share of the lines); without it, the URL's path is requested as is.
-- Prints one line: RESULT requests duration_us p50_ms p95_ms p99_ms non2xx

local counter = 0
local threads = {}

function setup(thread)
  thread:set("id", counter)
  table.insert(threads, thread)
  counter = counter + 1
end

function init(args)
  -- As the iOS WebView asks: the card's HTML comes gzipped, assets as .br files.
  wrk.headers["Accept-Encoding"] = "gzip, deflate, br"
  paths = {}
  index = 0
  local file = os.getenv("BENCH_TOKENS")
  if file then
    local n = tonumber(os.getenv("BENCH_THREADS") or "1")
    local line_no = 0
    for line in io.lines(file) do
      if line_no % n == id then
        paths[#paths + 1] = line
      end
      line_no = line_no + 1
    end
  end
end

function request()
  if #paths == 0 then
    return wrk.format("GET")
  end
  index = index + 1
  if index > #paths then
    -- Out of fresh tokens: the run is too long for the file. Reused tokens
    -- would be refused (403) and counted as non-2xx below.
    index = 1
  end
  return wrk.format("GET", paths[index])
end

function done(summary, latency, requests)
  local bad = summary.errors.status + summary.errors.connect + summary.errors.read
    + summary.errors.write + summary.errors.timeout
  io.write(string.format("RESULT %d %d %.3f %.3f %.3f %d\n",
    summary.requests, summary.duration,
    latency:percentile(50) / 1000, latency:percentile(95) / 1000,
    latency:percentile(99) / 1000, bad))
end
