// Why a connection was lost or refused, named for the user: each cause of the manual's
// "server has gone away" list gets a short code (the driver-specific diagnostic field
// HOLDFAST_DIAG_CAUSE, the HOLDFAST_ATTR_LAST_LOSS_CAUSE attribute) and a sentence with
// the evidence the driver has (appended to the message text and written to the log).
// The SQLSTATEs stay those of RESILIENCE.md: the cause never changes them.
//
// Everything here is pure: the session gathers the evidence (socket, timings, what a
// new connection says) and these functions judge it.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace holdfast {

enum class LossCause : std::uint8_t {
  none,
  idle_timeout,          // the server's wait_timeout closed an idle connection
  killed,                // KILL on the server (ER_CONNECTION_KILLED, or a close while the server stayed up)
  server_shutdown,       // the server shut down (and may be restarting)
  server_restart,        // the server restarted: a new connection finds it up for less time
  network_reset,         // a reset while the server stayed up: a firewall, proxy or load balancer
  read_timeout,          // no reply within READ_TIMEOUT
  write_timeout,         // the statement could not be sent within WRITE_TIMEOUT
  ping_timeout,          // no reply to the idle ping: a silently dropped flow
  packet_too_large,      // a statement or packet over max_allowed_packet
  name_lookup,           // the host name does not resolve
  refused,               // nothing listens on the port (or skip_networking, or a firewall rejects)
  connect_timeout,       // no answer while connecting within CONNECT_TIMEOUT
  unreachable,           // no route to the host or network
  host_not_allowed,      // the server has no account for this client host (1130)
  closed_by_application, // the application disconnected, then used the connection
  forked,                // a child process created by fork() used its parent's connection
  unknown,
};

// The stable code for a cause: "idle_timeout", "killed", ... ("" for none).
std::string_view cause_code(LossCause cause) noexcept;

struct LossVerdict {
  LossCause cause = LossCause::none;
  std::string evidence;  // a sentence: "connection idle 8h02m; the server's wait_timeout is 28800 s: ..."
  bool named() const noexcept { return cause != LossCause::none; }
};

// "850 ms", "4.1 s", "35 s", "12m05s", "8h02m", "3d04h".
std::string format_duration(std::chrono::milliseconds duration);
// "512 bytes", "64 KiB", "16 MiB", "20.5 MiB".
std::string format_size(std::uint64_t bytes);

// "message; cause: evidence" (the message alone when nothing is named).
std::string with_cause(const std::string& message, const LossVerdict& verdict);

// What the socket showed for a link found closed before a send.
enum class SocketSignal : std::uint8_t { eof, reset, error_packet, other };

struct IdleCloseEvidence {
  std::chrono::milliseconds idle{0};    // since the driver last heard from the server
  unsigned long wait_timeout = 0;       // the session's wait_timeout, 0 if unknown
  SocketSignal signal = SocketSignal::other;
  int packet_native = 0;                // the farewell error packet, when one was there
  std::string packet_message;
};

// A link found closed by the dead-socket check: the server's farewell packet when it
// sent one, else the idle time against wait_timeout. Ambiguous closes (a FIN or reset
// while well inside wait_timeout) give `unknown` with the evidence so far, to be refined
// by what a new connection finds (refine_with_server).
LossVerdict judge_idle_close(const IdleCloseEvidence& evidence);

// What the driver learnt about the server after a loss, from a new connection (the
// reconnect, or a probe when the loss is reported without one).
struct ServerAfterLoss {
  enum class Reached : std::uint8_t { not_tried, up, refused, no_answer, other_failure } reached = Reached::not_tried;
  std::optional<std::chrono::seconds> uptime;  // when up and the server said
  std::string failure;                         // when not up: what connecting said
  std::chrono::milliseconds since_last_heard{0};  // from the lost link's last reply to the check
  std::string endpoint;                        // "host:port"
};

// Refines an ambiguous verdict: a server up for less time than has passed since the
// lost link last answered has restarted; one that stayed up closed the link itself
// (KILL) or something between reset it; one that refuses connections is down.
LossVerdict refine_with_server(LossVerdict verdict, SocketSignal signal, const ServerAfterLoss& server);

// What libmariadb's message says about the socket ("... system error: 104" is a reset).
SocketSignal signal_in_message(const std::string& message);

// A link lost while waiting for a statement's reply (or sending it).
struct StatementLossEvidence {
  int native = 0;
  std::string message;
  std::chrono::milliseconds waited{0};  // from the send to the failure
  unsigned read_timeout = 0;            // READ_TIMEOUT in seconds, 0 if none
  unsigned write_timeout = 0;
  bool while_sending = false;
};
LossVerdict judge_statement_loss(const StatementLossEvidence& evidence);

// A connect that failed (first connect or reconnect). `seen_errno` is what the attempt
// really met, as far as the session could tell (0: take the errno in the message):
// libmariadb's own errno in its message is not reliable for refused connections.
struct ConnectFailureEvidence {
  int native = 0;
  std::string message;
  std::string host;
  unsigned port = 0;
  std::string user;
  unsigned connect_timeout = 0;  // seconds, 0 = the library's default
  int seen_errno = 0;
  bool unix_socket = false;
};
LossVerdict judge_connect_failure(const ConnectFailureEvidence& evidence);

// A statement too large for the server's max_allowed_packet.
LossVerdict judge_oversized(std::uint64_t statement_bytes, std::uint64_t max_allowed_packet);

}  // namespace holdfast
