# Reading wrk's report, for the benchmark scripts (sourced).
#
#   wrk_figures "$OUTPUT"   # prints: requests/s p50_us p99_us failed
#
# Latencies come out in microseconds whatever unit wrk chose; "failed" is wrk's own count of
# non-2xx/3xx answers plus its socket errors (connect, read, write, timeout), so a server that
# answers fast but wrongly cannot pass for a fast one.
wrk_figures() {
  echo "$1" | awk '
    function us(value) {
      if (value ~ /us$/) { sub(/us$/, "", value); return value + 0 }
      if (value ~ /ms$/) { sub(/ms$/, "", value); return value * 1000 }
      if (value ~ /m$/)  { sub(/m$/, "", value);  return value * 60000000 }
      if (value ~ /s$/)  { sub(/s$/, "", value);  return value * 1000000 }
      return value + 0
    }
    /Requests\/sec:/ { rps = $2 }
    $1 == "50%" { p50 = us($2) }
    $1 == "99%" { p99 = us($2) }
    /Non-2xx or 3xx responses:/ { failed += $5 }
    /Socket errors:/ { for (i = 3; i <= NF; i += 2) { gsub(",", "", $(i + 1)); failed += $(i + 1) } }
    END { printf "%s %d %d %d\n", rps, p50, p99, failed }
  '
}
