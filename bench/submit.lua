-- wrk script: POST complete 2026 submissions, each with a fresh client_submission_id.
-- Every acknowledged (201) id is written to a per-thread file so the benchmark can
-- check afterwards that each one is in the database.
local threads = {}
local counter = 1

function setup(thread)
  thread:set("tid", counter)
  table.insert(threads, thread)
  counter = counter + 1
end

function init(args)
  body_template = args[1]
  out_dir = args[2]
  n = 0
  statuses = {}
  ack = io.open(out_dir .. "/acked-" .. tid .. ".txt", "a")  -- append: every round is checked
end

function request()
  n = n + 1
  local id = string.format("bench-%d-%d-%d", tid, os.time(), n)
  local body = string.gsub(body_template, "__ID__", id)
  return wrk.format("POST", "/api/v1/responses", {["Content-Type"] = "application/json"}, body)
end

function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
  if status == 201 then
    local id = string.match(body, '"client_submission_id":"([^"]+)"')
    ack:write(id, "\n")
    ack:flush()
  end
end

function done(summary, latency, requests)
  local merged = {}
  for _, thread in ipairs(threads) do
    local s = thread:get("statuses")
    for k, v in pairs(s) do merged[k] = (merged[k] or 0) + v end
  end
  for k, v in pairs(merged) do io.write(string.format("STATUS %d %d\n", k, v)) end
  io.write(string.format("P50_MS %.2f\nP99_MS %.2f\n", latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end
