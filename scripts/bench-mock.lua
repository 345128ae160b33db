-- wrk script: POST the lab 04 opening request, which mock-llm answers with a check_disk tool call.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = [[{"model":"gpt-4o-mini","messages":[{"role":"system","content":"You are an autonomous SRE agent."},{"role":"user","content":"I'm out of disk space. Fix it."}],"tools":[{"type":"function","function":{"name":"check_disk","description":"Reports disk usage.","parameters":{"type":"object","properties":{}}}},{"type":"function","function":{"name":"clean_logs","description":"Deletes old logs.","parameters":{"type":"object","properties":{}}}}]}]]

-- Count answers that are not 200, so a broken server cannot pass for a fast one.
local bad = 0
response = function(status, headers, body)
  if status ~= 200 then bad = bad + 1 end
end
done = function(summary, latency, requests)
  io.write(string.format("non-200 answers: %d\n", bad))
end
