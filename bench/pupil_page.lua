-- wrk script: GET one pupil question page with a started survey session's cookies.
-- args[1] is the Cookie header; statuses are printed so the benchmark can check them.
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  cookie = args[1]
  path = args[2]
  statuses = {}
end

function request()
  return wrk.format("GET", path, {["Cookie"] = cookie})
end

function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
end

function done(summary, latency, requests)
  local totals = {}
  for _, thread in ipairs(threads) do
    local s = thread:get("statuses")
    for code, n in pairs(s) do
      totals[code] = (totals[code] or 0) + n
    end
  end
  for code, n in pairs(totals) do
    io.write(string.format("STATUS %d %d\n", code, n))
  end
end
