-- wrk script: POST the lab 04 opening request, which mock-llm answers with a check_disk tool call.
-- No Lua callback per response: wrk counts non-2xx answers and socket errors itself, and a
-- callback would make wrk, not the server, the bottleneck against nginx.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = [[{"model":"gpt-4o-mini","messages":[{"role":"system","content":"You are an autonomous SRE agent."},{"role":"user","content":"I'm out of disk space. Fix it."}],"tools":[{"type":"function","function":{"name":"check_disk","description":"Reports disk usage.","parameters":{"type":"object","properties":{}}}},{"type":"function","function":{"name":"clean_logs","description":"Deletes old logs.","parameters":{"type":"object","properties":{}}}}]}]]
