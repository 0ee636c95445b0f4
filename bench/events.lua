-- wrk script: POST one new journal event per request (a bill with a unique id), with the
-- bearer token from $TOKEN; counts the answers that are not 201.
local threads = {}
local next_id = 0

function setup(thread)
  next_id = next_id + 1
  thread:set("tid", next_id)
  table.insert(threads, thread)
end

function init(args)
  token = os.getenv("TOKEN")
  counter = 0
  failed = 0
end

function request()
  counter = counter + 1
  local body = string.format(
    '{"date":"2009-06-10","kind":"bill_introduced","bill":"load-%d-%d","title":"load"}',
    tid, counter)
  return wrk.format("POST", "/api/events",
    { ["Content-Type"] = "application/json", ["Authorization"] = "Bearer " .. token }, body)
end

function response(status, headers, body)
  if status ~= 201 then
    failed = failed + 1
  end
end

function done(summary, latency, requests)
  local failed_total = 0
  for _, t in ipairs(threads) do
    failed_total = failed_total + t:get("failed")
  end
  io.write(string.format("not 201: %d\n", failed_total))
end
