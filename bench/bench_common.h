// What the two benchmark programs share: the generated data (one formula per column, the
// same as the SQL in run.sh that fills the table), the row checksum, and the report line.
// Both programs compute the same checksum from the C values they end up with, so a run that
// skips rows or converts wrongly shows a different sum from the expected one.
#pragma once

#include <sys/resource.h>

#include <chrono>
#include <cinttypes>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <string>
#include <string_view>

namespace bench {

inline constexpr std::int64_t kFetchRows = 1'000'000;      // rows in bench_fetch
inline constexpr int kPointSelects = 20'000;
inline constexpr int kSingleInserts = 20'000;
inline constexpr int kArrayInsertRows = 200'000;
inline constexpr int kArraySize = 1'000;                     // PARAMSET_SIZE and ROW_ARRAY_SIZE
inline constexpr int kSelect1 = 20'000;
inline constexpr int kConnects = 500;

inline constexpr const char* kFetchSql =
    "SELECT c_int, c_bigint, c_double, c_varchar, c_datetime, c_decimal FROM bench_fetch";
inline constexpr const char* kPointSql =
    "SELECT c_int, c_bigint, c_double, c_varchar, c_datetime, c_decimal FROM bench_fetch WHERE id = ?";
inline constexpr const char* kInsertSql =
    "INSERT INTO bench_insert (id, c_int, c_bigint, c_double, c_varchar, c_datetime, c_decimal) "
    "VALUES (?, ?, ?, ?, ?, ?, ?)";
inline constexpr const char* kInsertVerifySql =
    "SELECT c_int, c_bigint, c_double, c_varchar, c_datetime, c_decimal FROM bench_insert";

// The same field layout as SQL_TIMESTAMP_STRUCT, so both programs convert to one C type.
struct Timestamp {
  std::int16_t year;
  std::uint16_t month, day, hour, minute, second;
  std::uint32_t fraction;
};

// One generated row; id runs from 1.
struct RowValues {
  std::int32_t c_int;
  std::int64_t c_bigint;
  double c_double;
  char c_varchar[33];
  std::size_t varchar_len;
  Timestamp c_datetime;
  char c_decimal[24];
  std::size_t decimal_len;
};

// Days since 1970-01-01 to a civil date (proleptic Gregorian).
inline void civil_from_days(std::int64_t z, int& y, unsigned& m, unsigned& d) {
  z += 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const std::int64_t yy = static_cast<std::int64_t>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  d = doy - (153 * mp + 2) / 5 + 1;
  m = mp < 10 ? mp + 3 : mp - 9;
  y = static_cast<int>(yy + (m <= 2));
}

// The formulas of run.sh's fill (seq = id):
//   c_int      = (seq * 7919) % 1000003 - 500000
//   c_bigint   = seq * 1000000007 - 3
//   c_double   = (seq - 4002) / 4
//   c_varchar  = CONCAT('v', seq, '_', REPEAT('x', seq % 20))
//   c_datetime = TIMESTAMP'2001-01-01 00:00:00' + INTERVAL seq * 61 SECOND
//   c_decimal  = ((seq * 104729) % 100000000000 - 50000000000) / 100   (DECIMAL(12,2))
inline void generate(std::int64_t id, RowValues& r) {
  r.c_int = static_cast<std::int32_t>((id * 7919) % 1000003 - 500000);
  r.c_bigint = id * 1000000007LL - 3;
  r.c_double = static_cast<double>(id - 4002) / 4.0;
  int n = std::snprintf(r.c_varchar, sizeof r.c_varchar, "v%" PRId64 "_", id);
  const int xs = static_cast<int>(id % 20);
  std::memset(r.c_varchar + n, 'x', static_cast<std::size_t>(xs));
  r.varchar_len = static_cast<std::size_t>(n + xs);
  r.c_varchar[r.varchar_len] = '\0';
  // 2001-01-01 is day 11323 after 1970-01-01.
  const std::int64_t secs = id * 61;
  int y;
  unsigned mo, d;
  civil_from_days(11323 + secs / 86400, y, mo, d);
  const std::int64_t sod = secs % 86400;
  r.c_datetime = Timestamp{static_cast<std::int16_t>(y), static_cast<std::uint16_t>(mo),
                           static_cast<std::uint16_t>(d), static_cast<std::uint16_t>(sod / 3600),
                           static_cast<std::uint16_t>(sod / 60 % 60), static_cast<std::uint16_t>(sod % 60), 0};
  const std::int64_t cents = (id * 104729) % 100000000000LL - 50000000000LL;
  const std::int64_t a = cents < 0 ? -cents : cents;
  n = std::snprintf(r.c_decimal, sizeof r.c_decimal, "%s%" PRId64 ".%02" PRId64, cents < 0 ? "-" : "",
                    a / 100, a % 100);
  r.decimal_len = static_cast<std::size_t>(n);
}

inline std::uint64_t mix(std::uint64_t x) {
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

inline std::uint64_t hash_bytes(const char* p, std::size_t n) {
  std::uint64_t h = 0xcbf29ce484222325ULL;
  for (std::size_t i = 0; i < n; ++i) h = (h ^ static_cast<unsigned char>(p[i])) * 0x100000001b3ULL;
  return h;
}

// A decimal string ("-12.5", "7.25", "3") as hundredths; a value that does not parse gives a
// distinct number so the checksum shows it.
inline std::int64_t decimal_cents(const char* p, std::size_t n) {
  std::size_t i = 0;
  bool neg = false;
  if (i < n && (p[i] == '-' || p[i] == '+')) neg = p[i++] == '-';
  std::int64_t v = 0;
  for (; i < n && p[i] >= '0' && p[i] <= '9'; ++i) v = v * 10 + (p[i] - '0');
  int frac = 0;
  if (i < n && p[i] == '.') {
    for (++i; i < n && p[i] >= '0' && p[i] <= '9'; ++i)
      if (frac < 2) { v = v * 10 + (p[i] - '0'); ++frac; }
  }
  for (; frac < 2; ++frac) v *= 10;
  if (i != n) return INT64_MIN + 7;
  return neg ? -v : v;
}

inline std::uint64_t timestamp_key(const Timestamp& t) {
  return ((((static_cast<std::uint64_t>(t.year) * 13 + t.month) * 32 + t.day) * 24 + t.hour) * 60 + t.minute) * 60 +
         t.second + static_cast<std::uint64_t>(t.fraction) * 0x10000000000ULL;
}

// The checksum of one row as the C values read (or written).
inline std::uint64_t row_hash(std::int32_t i, std::int64_t b, double d, const char* v, std::size_t vlen,
                              const Timestamp& t, const char* dec, std::size_t declen) {
  std::uint64_t dbits;
  std::memcpy(&dbits, &d, sizeof dbits);
  std::uint64_t h = mix(static_cast<std::uint64_t>(static_cast<std::int64_t>(i)));
  h = mix(h ^ static_cast<std::uint64_t>(b));
  h = mix(h ^ dbits);
  h = mix(h ^ hash_bytes(v, vlen));
  h = mix(h ^ timestamp_key(t));
  h = mix(h ^ static_cast<std::uint64_t>(decimal_cents(dec, declen)));
  return h;
}

inline constexpr std::uint64_t kNullHash = 0x6e756c6cULL;  // folded in for an unexpected NULL

inline std::uint64_t expected_row(std::int64_t id) {
  RowValues r;
  generate(id, r);
  return row_hash(r.c_int, r.c_bigint, r.c_double, r.c_varchar, r.varchar_len, r.c_datetime, r.c_decimal,
                  r.decimal_len);
}

inline std::int64_t point_id(int k) { return (static_cast<std::int64_t>(k) * 7919) % kFetchRows + 1; }

// The expected checksum of a workload, computed from the formulas alone.
inline bool expected_checksum(std::string_view workload, std::uint64_t& sum) {
  sum = 0;
  if (workload == "fetch_bound" || workload == "fetch_bound_block" || workload == "fetch_getdata" ||
      workload == "fetch_text" || workload == "fetch_prepared") {
    for (std::int64_t id = 1; id <= kFetchRows; ++id) sum += expected_row(id);
  } else if (workload == "point_select") {
    for (int k = 0; k < kPointSelects; ++k) sum += expected_row(point_id(k));
  } else if (workload == "insert_single") {
    for (std::int64_t id = 1; id <= kSingleInserts; ++id) sum += expected_row(id);
  } else if (workload == "insert_array") {
    for (std::int64_t id = 1; id <= kArrayInsertRows; ++id) sum += expected_row(id);
  } else if (workload == "select1_latency") {
    sum = kSelect1;
  } else if (workload == "connect") {
    sum = kConnects;
  } else {
    return false;
  }
  return true;
}

inline constexpr const char* kWorkloads[] = {"fetch_bound", "fetch_bound_block", "fetch_getdata", "point_select",
                                             "insert_single", "insert_array", "select1_latency", "connect"};

// CPU seconds (user + system) this process used so far.
inline double cpu_now() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return static_cast<double>(u.ru_utime.tv_sec + u.ru_stime.tv_sec) +
         static_cast<double>(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

// Wall time and the client's own CPU time of the timed part (on a shared machine the CPU
// time says what the client spent when the wall time is stretched by other load).
class Timer {
 public:
  Timer() : start_(std::chrono::steady_clock::now()), cpu_start_(cpu_now()) {}
  double seconds() const {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  }
  double cpu_seconds() const { return cpu_now() - cpu_start_; }

 private:
  std::chrono::steady_clock::time_point start_;
  double cpu_start_;
};

inline double g_cpu_seconds = -1;  // set by stop(); reported by report_ok

// The end of the timed part: returns its wall time and keeps its CPU time for the report.
inline double stop(const Timer& t) {
  const double s = t.seconds();
  g_cpu_seconds = t.cpu_seconds();
  return s;
}

inline long peak_rss_kib() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return u.ru_maxrss;
}

// The one line run.sh reads.
inline void report_ok(std::string_view workload, double seconds, std::uint64_t checksum, std::int64_t rows) {
  std::printf("RESULT workload=%.*s status=ok seconds=%.6f cpu_seconds=%.6f checksum=%016" PRIx64 " rows=%" PRId64
              " peak_rss_kib=%ld\n",
              static_cast<int>(workload.size()), workload.data(), seconds, g_cpu_seconds, checksum, rows,
              peak_rss_kib());
  std::fflush(stdout);
}

inline void report_unsupported(std::string_view workload, const std::string& why) {
  std::string clean = why;
  for (char& c : clean)
    if (c == '\n' || c == '\r') c = ' ';
  std::printf("RESULT workload=%.*s status=unsupported reason=%s\n", static_cast<int>(workload.size()),
              workload.data(), clean.c_str());
  std::fflush(stdout);
}

// `PROGRAM --expected WORKLOAD` prints the expected checksum; returns true when handled.
inline bool handle_expected(int argc, char** argv, int& rc) {
  if (argc != 3 || std::string_view(argv[1]) != "--expected") return false;
  std::uint64_t sum;
  if (!expected_checksum(argv[2], sum)) {
    std::fprintf(stderr, "unknown workload %s\n", argv[2]);
    rc = 2;
    return true;
  }
  std::printf("%016" PRIx64 "\n", sum);
  rc = 0;
  return true;
}

}  // namespace bench
