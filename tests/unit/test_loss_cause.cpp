// Naming the cause of a lost or refused connection: the pure judgement functions.
#include <catch2/catch.hpp>

#include <cerrno>
#include <set>
#include <string>
#include <vector>

#include "core/link_probe.h"
#include "core/loss_cause.h"

using namespace holdfast;
using namespace std::chrono_literals;

namespace {
bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }
}  // namespace

TEST_CASE("cause codes are distinct, stable and empty only for none", "[unit][loss_cause]") {
  const std::vector<LossCause> all = {
      LossCause::idle_timeout,     LossCause::killed,          LossCause::server_shutdown, LossCause::server_restart,
      LossCause::network_reset,    LossCause::read_timeout,    LossCause::write_timeout,   LossCause::ping_timeout,
      LossCause::packet_too_large, LossCause::name_lookup,     LossCause::refused,         LossCause::connect_timeout,
      LossCause::unreachable,      LossCause::host_not_allowed, LossCause::closed_by_application,
      LossCause::forked,           LossCause::unknown};
  std::set<std::string_view> seen;
  for (LossCause c : all) {
    CHECK_FALSE(cause_code(c).empty());
    CHECK(seen.insert(cause_code(c)).second);
  }
  CHECK(cause_code(LossCause::none).empty());
  CHECK(cause_code(LossCause::idle_timeout) == "idle_timeout");
  CHECK(cause_code(LossCause::killed) == "killed");
  CHECK(cause_code(LossCause::server_restart) == "server_restart");
}

TEST_CASE("durations and sizes read the way people say them", "[unit][loss_cause]") {
  CHECK(format_duration(850ms) == "850 ms");
  CHECK(format_duration(4100ms) == "4.1 s");
  CHECK(format_duration(35s) == "35 s");
  CHECK(format_duration(725s) == "12m05s");
  CHECK(format_duration(8h + 2min + 10s) == "8h02m");
  CHECK(format_duration(76h) == "3d04h");
  CHECK(format_duration(-5ms) == "0 ms");
  CHECK(format_size(512) == "512 bytes");
  CHECK(format_size(64 * 1024) == "64 KiB");
  CHECK(format_size(16u << 20) == "16 MiB");
  CHECK(format_size((20u << 20) + (1u << 19)) == "20.5 MiB");
}

TEST_CASE("with_cause appends the evidence, and nothing when no cause is named", "[unit][loss_cause]") {
  CHECK(with_cause("Lost", LossVerdict{}) == "Lost");
  CHECK(with_cause("Lost", LossVerdict{LossCause::killed, "killed (1927)"}) == "Lost; cause: killed (1927)");
}

TEST_CASE("an idle close is judged by the farewell packet, then by wait_timeout", "[unit][loss_cause]") {
  IdleCloseEvidence e;
  e.idle = 8h + 2min;
  e.wait_timeout = 28800;
  e.signal = SocketSignal::eof;
  LossVerdict v = judge_idle_close(e);
  CHECK(v.cause == LossCause::idle_timeout);
  CHECK(contains(v.evidence, "connection idle 8h02m"));
  CHECK(contains(v.evidence, "wait_timeout is 28800 s"));
  CHECK(contains(v.evidence, "inactivity"));

  e.signal = SocketSignal::error_packet;
  e.packet_native = 1927;
  CHECK(judge_idle_close(e).cause == LossCause::killed);  // the packet wins over the clock
  e.packet_native = 1053;
  CHECK(judge_idle_close(e).cause == LossCause::server_shutdown);
  e.packet_native = 4031;
  e.idle = 5s;
  CHECK(judge_idle_close(e).cause == LossCause::idle_timeout);

  // Inside wait_timeout with only a FIN: not known yet.
  e.signal = SocketSignal::eof;
  e.packet_native = 0;
  e.idle = 3s;
  v = judge_idle_close(e);
  CHECK(v.cause == LossCause::unknown);
  CHECK(contains(v.evidence, "inside its wait_timeout of 28800 s"));
  // wait_timeout unknown: never claimed.
  e.wait_timeout = 0;
  e.idle = 100h;
  CHECK(judge_idle_close(e).cause == LossCause::unknown);
}

TEST_CASE("what a new connection finds refines an ambiguous loss", "[unit][loss_cause]") {
  const LossVerdict unknown{LossCause::unknown, "closed by the server after 3.0 s idle"};
  ServerAfterLoss s;
  s.reached = ServerAfterLoss::Reached::up;
  s.since_last_heard = 7s;
  s.uptime = 4s;  // up for less time than since the link last answered: restarted
  LossVerdict v = refine_with_server(unknown, SocketSignal::eof, s);
  CHECK(v.cause == LossCause::server_restart);
  CHECK(contains(v.evidence, "server restarted"));
  s.uptime = 3600s;
  CHECK(refine_with_server(unknown, SocketSignal::eof, s).cause == LossCause::killed);
  CHECK(refine_with_server(unknown, SocketSignal::reset, s).cause == LossCause::network_reset);
  v = refine_with_server(unknown, SocketSignal::other, s);  // no FIN seen: hedged
  CHECK(v.cause == LossCause::killed);
  CHECK(contains(v.evidence, "or cut by something between"));
  s.uptime.reset();  // the server would not say
  CHECK(refine_with_server(unknown, SocketSignal::eof, s).cause == LossCause::unknown);
  s.reached = ServerAfterLoss::Reached::refused;
  s.endpoint = "127.0.0.1:3306";
  v = refine_with_server(unknown, SocketSignal::eof, s);
  CHECK(v.cause == LossCause::server_shutdown);
  CHECK(contains(v.evidence, "127.0.0.1:3306 refuses connections"));
  s.reached = ServerAfterLoss::Reached::no_answer;
  CHECK(refine_with_server(unknown, SocketSignal::eof, s).cause == LossCause::unreachable);
  // A named cause is never overridden.
  const LossVerdict idle{LossCause::idle_timeout, "idle"};
  s.reached = ServerAfterLoss::Reached::up;
  s.uptime = 1s;
  CHECK(refine_with_server(idle, SocketSignal::eof, s).cause == LossCause::idle_timeout);
}

TEST_CASE("a loss during a statement: the error code, then the time it took", "[unit][loss_cause]") {
  StatementLossEvidence e;
  e.native = 1927;
  CHECK(judge_statement_loss(e).cause == LossCause::killed);
  e.native = 1053;
  CHECK(judge_statement_loss(e).cause == LossCause::server_shutdown);
  e.native = 1153;
  CHECK(judge_statement_loss(e).cause == LossCause::packet_too_large);
  e.native = 2013;
  e.read_timeout = 30;
  e.waited = 30050ms;
  LossVerdict v = judge_statement_loss(e);
  CHECK(v.cause == LossCause::read_timeout);
  CHECK(contains(v.evidence, "no reply within READ_TIMEOUT=30 s"));
  e.waited = 2s;  // well before the limit: not a timeout
  CHECK(judge_statement_loss(e).cause == LossCause::unknown);
  e.read_timeout = 0;
  e.waited = 100s;
  CHECK(judge_statement_loss(e).cause == LossCause::unknown);
  e.while_sending = true;
  e.write_timeout = 10;
  e.waited = 10s;
  CHECK(judge_statement_loss(e).cause == LossCause::write_timeout);
}

TEST_CASE("connect failures name the lookup, the port, the timeout and the host", "[unit][loss_cause]") {
  ConnectFailureEvidence e;
  e.host = "db.example";
  e.port = 3306;
  e.native = 2005;
  e.message = "Unknown server host 'db.example' (-2)";
  LossVerdict v = judge_connect_failure(e);
  CHECK(v.cause == LossCause::name_lookup);
  CHECK(v.evidence == "host name lookup failed for db.example");

  e.native = 2002;
  e.message = "Can't connect to server on 'db.example' (115)";  // libmariadb's errno is not the real one
  e.seen_errno = ECONNREFUSED;
  v = judge_connect_failure(e);
  CHECK(v.cause == LossCause::refused);
  CHECK(contains(v.evidence, "connection refused on port 3306"));
  e.seen_errno = ETIMEDOUT;
  e.connect_timeout = 5;
  v = judge_connect_failure(e);
  CHECK(v.cause == LossCause::connect_timeout);
  CHECK(contains(v.evidence, "CONNECT_TIMEOUT=5 s"));
  e.seen_errno = EHOSTUNREACH;
  CHECK(judge_connect_failure(e).cause == LossCause::unreachable);
  e.seen_errno = 0;
  e.message = "Can't connect to server on 'db.example' (111)";
  CHECK(judge_connect_failure(e).cause == LossCause::refused);

  e.native = 2013;
  e.message = "Lost connection to server at 'handshake: reading initial communication packet', system error: 110";
  CHECK(judge_connect_failure(e).cause == LossCause::connect_timeout);

  e.native = 1130;
  e.message = "Host '127.0.0.2' is not allowed to connect to this MariaDB server";
  v = judge_connect_failure(e);
  CHECK(v.cause == LossCause::host_not_allowed);
  CHECK(contains(v.evidence, "(1130)"));

  e.native = 1045;  // credentials: not a link cause
  CHECK_FALSE(judge_connect_failure(e).named());
}

TEST_CASE("an oversized statement names both sizes", "[unit][loss_cause]") {
  const LossVerdict v = judge_oversized(20u << 20, 16u << 20);
  CHECK(v.cause == LossCause::packet_too_large);
  CHECK(v.evidence == "statement of 20 MiB exceeds max_allowed_packet (16 MiB)");
}

TEST_CASE("a farewell error packet is parsed, anything else is refused", "[unit][loss_cause]") {
  // length 22: 0xFF, code 1927 (0x0787), '#', "70100", "Connection was k" ...
  const std::string text = "Connection was killed";
  std::vector<unsigned char> packet = {0, 0, 0, 0, 0xFF, 0x87, 0x07, '#', '7', '0', '1', '0', '0'};
  packet.insert(packet.end(), text.begin(), text.end());
  const std::size_t payload = packet.size() - 4;
  packet[0] = static_cast<unsigned char>(payload);
  int native = 0;
  std::string message;
  REQUIRE(parse_error_packet(packet.data(), packet.size(), native, message));
  CHECK(native == 1927);
  CHECK(message == text);
  // Truncated, not an error packet, or a length past the bytes: refused.
  CHECK_FALSE(parse_error_packet(packet.data(), packet.size() - 1, native, message));
  packet[4] = 0x00;
  CHECK_FALSE(parse_error_packet(packet.data(), packet.size(), native, message));
  CHECK_FALSE(parse_error_packet(packet.data(), 3, native, message));
}

TEST_CASE("libmariadb's message tells a reset from other losses", "[unit][loss_cause]") {
  CHECK(signal_in_message("Lost connection to server during query (104)") == SocketSignal::reset);
  CHECK(signal_in_message("Lost connection to server at 'reading', system error: 104") == SocketSignal::reset);
  CHECK(signal_in_message("Server has gone away") == SocketSignal::other);
}
