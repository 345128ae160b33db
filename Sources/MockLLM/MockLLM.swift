// The mock LLM server lives here (issue 3).
