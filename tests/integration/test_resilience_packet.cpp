// Resilience, a statement larger than the server's max_allowed_packet (RESILIENCE.md,
// background: the server hangs up on it). The application gets a clear error for that
// statement, and the connection handle keeps working.
#include "resilience_test.h"

using namespace resilience_test;

TEST_CASE("a statement over max_allowed_packet fails clearly and the next statement works",
          "[integration][resilience]") {
  Env env;
  Dbc dbc(env);
  dbc.connect(resilient_connection_string());
  Stmt st(dbc);
  const std::string before = st.scalar("SELECT CONNECTION_ID()");
  const long long max_packet = std::stoll(st.scalar("SELECT @@max_allowed_packet"));
  REQUIRE(max_packet > 0);
  REQUIRE(max_packet <= 64LL * 1024 * 1024);  // keep the test's memory and time bounded

  std::string big = "SELECT LENGTH('";
  big.append(static_cast<std::size_t>(max_packet) + 1024, 'a');
  big += "')";
  const auto started = std::chrono::steady_clock::now();
  const std::vector<DiagRecordText> records = expect_error(st, big);
  CHECK(std::chrono::steady_clock::now() - started < std::chrono::seconds(20));
  INFO(describe_records(records));
  REQUIRE(!records.empty());
  const std::string state = records.front().sqlstate;
  // Refused before sending: the connection is kept, and the message says why.
  CHECK(state == "HY000");
  CHECK(records.front().native == 1153);
  CHECK(records.front().message.find("max_allowed_packet") != std::string::npos);
  // The driver did not send the statement a second time: a rejected packet is not a
  // loss that happened before the statement left.
  CHECK(reconnects(dbc) == 0);

  // The next statement works, on a new session if the server hung up.
  CHECK(st.scalar("SELECT 40 + 2") == "42");
  CHECK(st.scalar("SELECT LENGTH(REPEAT('a', 1000))") == "1000");
  CHECK(st.scalar("SELECT CONNECTION_ID()") == before);
}
