-- wrk script: mixed pupil traffic from many schools, each behind its own public address.
-- Each request is a survey page view (GET /api/v1/surveys/current, and /s/<code> when the
-- pupil pages exist) or a complete submission with a fresh client_submission_id. Each school
-- has its own access code and X-Forwarded-For address. Acknowledged (201) ids go to a file
-- per thread so the benchmark can check afterwards that every one is in the database.
local threads = {}
local counter = 1

function setup(thread)
  thread:set("tid", counter)
  table.insert(threads, thread)
  counter = counter + 1
end

local function split(s)
  local out = {}
  for item in string.gmatch(s, "[^,]+") do table.insert(out, item) end
  return out
end

function init(args)
  body_template = args[1]
  out_dir = args[2]
  codes = split(args[3])
  tag = args[4]
  pages = args[5] == "1"
  submit_share = tonumber(args[6])
  think_ms = tonumber(args[7] or "0")
  n = 0
  statuses = {}
  kinds = {}
  langs = {"en", "ta", "ur", "pl", "pt", "ar"}
  variants = {"standard", "easy_read"}
  math.randomseed(tid * 7919 + os.time())
  ack = io.open(out_dir .. "/acked-" .. tag .. "-" .. tid .. ".txt", "w")
end

function request()
  n = n + 1
  local school = math.random(#codes)
  local headers = {["X-Forwarded-For"] = string.format("10.20.%d.%d", math.floor(school / 250), school % 250 + 1)}
  if math.random() < submit_share then
    local id = string.format("load-%s-%d-%d", tag, tid, n)
    local body = string.gsub(string.gsub(body_template, "__ID__", id), "__CODE__", codes[school])
    headers["Content-Type"] = "application/json"
    return wrk.format("POST", "/api/v1/responses", headers, body)
  end
  local lang = langs[math.random(#langs)]
  local variant = variants[math.random(#variants)]
  if pages and math.random() < 0.5 then
    return wrk.format("GET", "/s/" .. codes[school] .. "?lang=" .. lang .. "&variant=" .. variant, headers)
  end
  return wrk.format("GET", "/api/v1/surveys/current?lang=" .. lang .. "&variant=" .. variant, headers)
end

-- A pupil reads and answers between requests: with think_ms > 0 each connection waits a
-- random 0..2*think_ms before its next request, so the server sees a steady offered load
-- instead of a saturating closed loop.
function delay()
  if think_ms > 0 then return math.random(0, 2 * think_ms) end
  return 0
end

function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
  local kind = "page"
  if string.find(body, '"client_submission_id"', 1, true) then
    kind = "submission"
    if status == 201 then
      local id = string.match(body, '"client_submission_id":"([^"]+)"')
      ack:write(id, "\n")
      ack:flush()
    end
  elseif string.find(body, '"questions"', 1, true) then
    kind = "api_survey"
  end
  kinds[kind] = (kinds[kind] or 0) + 1
end

function done(summary, latency, requests)
  local merged, merged_kinds = {}, {}
  for _, thread in ipairs(threads) do
    for k, v in pairs(thread:get("statuses")) do merged[k] = (merged[k] or 0) + v end
    for k, v in pairs(thread:get("kinds")) do merged_kinds[k] = (merged_kinds[k] or 0) + v end
  end
  for k, v in pairs(merged) do io.write(string.format("STATUS %d %d\n", k, v)) end
  for k, v in pairs(merged_kinds) do io.write(string.format("KIND %s %d\n", k, v)) end
  io.write(string.format("P50_MS %.2f\nP99_MS %.2f\n", latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end
