#include "core/loss_cause.h"

#include <cerrno>
#include <cstdio>

namespace holdfast {
namespace {

constexpr int kConnectionKilled = 1927;       // ER_CONNECTION_KILLED
constexpr int kClientInteractionTimeout = 4031;  // MySQL 8.0.24+: idle past wait_timeout
constexpr int kServerShutdown = 1053;         // ER_SERVER_SHUTDOWN
constexpr int kPacketTooLarge = 1153;         // ER_NET_PACKET_TOO_LARGE
constexpr int kHostNotPrivileged = 1130;      // ER_HOST_NOT_PRIVILEGED
constexpr int kHostBlocked = 1129;            // ER_HOST_IS_BLOCKED
constexpr int kUnknownHost = 2005;            // CR_UNKNOWN_HOST
constexpr int kConnectionError = 2002;        // CR_CONNECTION_ERROR
constexpr int kConnHostError = 2003;          // CR_CONN_HOST_ERROR
constexpr int kServerLost = 2013;             // CR_SERVER_LOST

struct CauseName {
  LossCause cause;
  std::string_view code;
};

// The one list of cause codes (documented in README's troubleshooting section).
constexpr CauseName kCauseNames[] = {
    {LossCause::none, ""},
    {LossCause::idle_timeout, "idle_timeout"},
    {LossCause::killed, "killed"},
    {LossCause::server_shutdown, "server_shutdown"},
    {LossCause::server_restart, "server_restart"},
    {LossCause::network_reset, "network_reset"},
    {LossCause::read_timeout, "read_timeout"},
    {LossCause::write_timeout, "write_timeout"},
    {LossCause::ping_timeout, "ping_timeout"},
    {LossCause::packet_too_large, "packet_too_large"},
    {LossCause::name_lookup, "name_lookup"},
    {LossCause::refused, "refused"},
    {LossCause::connect_timeout, "connect_timeout"},
    {LossCause::unreachable, "unreachable"},
    {LossCause::host_not_allowed, "host_not_allowed"},
    {LossCause::closed_by_application, "closed_by_application"},
    {LossCause::forked, "forked"},
    {LossCause::unknown, "unknown"},
};

std::string two_digits(long long n) {
  char text[8];
  std::snprintf(text, sizeof text, "%02lld", n);
  return text;
}

bool has_text(const std::string& haystack, std::string_view needle) {
  return haystack.find(needle) != std::string::npos;
}

// libmariadb ends connect failures with "(errno)" or "system error: errno".
int errno_in_message(const std::string& message) {
  const std::size_t open = message.rfind('(');
  if (open != std::string::npos) {
    int value = 0;
    if (std::sscanf(message.c_str() + open, "(%d)", &value) == 1) return value;
  }
  const std::size_t system = message.rfind("system error: ");
  if (system != std::string::npos) {
    int value = 0;
    if (std::sscanf(message.c_str() + system, "system error: %d", &value) == 1) return value;
  }
  return 0;
}

std::string endpoint_text(const ConnectFailureEvidence& e) {
  return e.host + ":" + std::to_string(e.port);
}

LossVerdict verdict(LossCause cause, std::string evidence) { return LossVerdict{cause, std::move(evidence)}; }

}  // namespace

std::string_view cause_code(LossCause cause) noexcept {
  for (const CauseName& n : kCauseNames)
    if (n.cause == cause) return n.code;
  return "unknown";
}

std::string format_duration(std::chrono::milliseconds duration) {
  const long long ms = duration.count() < 0 ? 0 : duration.count();
  if (ms < 1000) return std::to_string(ms) + " ms";
  if (ms < 10'000) return std::to_string(ms / 1000) + "." + std::to_string(ms % 1000 / 100) + " s";
  const long long s = ms / 1000;
  if (s < 60) return std::to_string(s) + " s";
  if (s < 3600) return std::to_string(s / 60) + "m" + two_digits(s % 60) + "s";
  if (s < 86400) return std::to_string(s / 3600) + "h" + two_digits(s % 3600 / 60) + "m";
  return std::to_string(s / 86400) + "d" + two_digits(s % 86400 / 3600) + "h";
}

std::string format_size(std::uint64_t bytes) {
  constexpr std::uint64_t KiB = 1024, MiB = 1024 * 1024, GiB = MiB * 1024;
  const auto scaled = [](std::uint64_t value, std::uint64_t unit, const char* name) {
    if (value % unit == 0) return std::to_string(value / unit) + " " + name;
    char text[32];
    std::snprintf(text, sizeof text, "%.1f %s", static_cast<double>(value) / static_cast<double>(unit), name);
    return std::string(text);
  };
  if (bytes >= GiB) return scaled(bytes, GiB, "GiB");
  if (bytes >= MiB) return scaled(bytes, MiB, "MiB");
  if (bytes >= KiB) return scaled(bytes, KiB, "KiB");
  return std::to_string(bytes) + " bytes";
}

std::string with_cause(const std::string& message, const LossVerdict& v) {
  if (!v.named() || v.evidence.empty()) return message;
  return message + "; cause: " + v.evidence;
}

LossVerdict judge_idle_close(const IdleCloseEvidence& e) {
  const std::string idle = "connection idle " + format_duration(e.idle);
  if (e.signal == SocketSignal::error_packet) {
    if (e.packet_native == kConnectionKilled)
      return verdict(LossCause::killed, "connection killed on the server (" + std::to_string(kConnectionKilled) + ")");
    if (e.packet_native == kClientInteractionTimeout)
      return verdict(LossCause::idle_timeout, idle + "; the server closed it for inactivity (" +
                                                  std::to_string(kClientInteractionTimeout) + ")");
    if (e.packet_native == kServerShutdown)
      return verdict(LossCause::server_shutdown, "the server shut down (" + std::to_string(kServerShutdown) + ")");
  }
  if (e.wait_timeout && e.idle >= std::chrono::seconds(e.wait_timeout))
    return verdict(LossCause::idle_timeout, idle + "; the server's wait_timeout is " + std::to_string(e.wait_timeout) +
                                                " s: closed by the server for inactivity");
  std::string text = "closed by the server after " + format_duration(e.idle) + " idle";
  if (e.wait_timeout) text += " (inside its wait_timeout of " + std::to_string(e.wait_timeout) + " s)";
  if (e.signal == SocketSignal::error_packet && !e.packet_message.empty())
    text += "; the server said: " + e.packet_message + " (" + std::to_string(e.packet_native) + ")";
  return verdict(LossCause::unknown, std::move(text));
}

LossVerdict refine_with_server(LossVerdict v, SocketSignal signal, const ServerAfterLoss& s) {
  if (v.cause != LossCause::unknown) return v;
  using Reached = ServerAfterLoss::Reached;
  switch (s.reached) {
    case Reached::up:
      if (!s.uptime) return v;
      if (*s.uptime < std::chrono::duration_cast<std::chrono::seconds>(s.since_last_heard))
        return verdict(LossCause::server_restart,
                       "server restarted (it has been up " + format_duration(*s.uptime) +
                           ", the connection last heard from it " + format_duration(s.since_last_heard) + " ago)");
      if (signal == SocketSignal::reset)
        return verdict(LossCause::network_reset,
                       "connection reset while the server stayed up (up " + format_duration(*s.uptime) +
                           "): a firewall, proxy or load balancer between dropped it; " + v.evidence);
      if (signal == SocketSignal::eof)  // a FIN from a server that stayed up: its own close
        return verdict(LossCause::killed, "connection closed by the server while it stayed up (up " +
                                              format_duration(*s.uptime) + "): killed on the server (KILL); " +
                                              v.evidence);
      return verdict(LossCause::killed, "connection closed while the server stayed up (up " +
                                            format_duration(*s.uptime) +
                                            "): killed on the server (KILL), or cut by something between; " +
                                            v.evidence);
    case Reached::refused:
      return verdict(LossCause::server_shutdown, "the server is down: " + s.endpoint +
                                                     " refuses connections (stopped or restarting); " + v.evidence);
    case Reached::no_answer:
      return verdict(LossCause::unreachable, "the server does not answer at " + s.endpoint + "; " + v.evidence);
    case Reached::other_failure:
      return verdict(LossCause::unknown, v.evidence + "; connecting again failed: " + s.failure);
    case Reached::not_tried: break;
  }
  return v;
}

SocketSignal signal_in_message(const std::string& message) {
  return errno_in_message(message) == ECONNRESET ? SocketSignal::reset : SocketSignal::other;
}

LossVerdict judge_statement_loss(const StatementLossEvidence& e) {
  if (e.native == kConnectionKilled)
    return verdict(LossCause::killed, "connection killed on the server (" + std::to_string(kConnectionKilled) + ")");
  if (e.native == kServerShutdown)
    return verdict(LossCause::server_shutdown, "the server shut down (" + std::to_string(kServerShutdown) + ")");
  if (e.native == kPacketTooLarge)
    return verdict(LossCause::packet_too_large,
                   "the server refused a packet over its max_allowed_packet (" + std::to_string(kPacketTooLarge) + ")");
  if (e.native == kClientInteractionTimeout)
    return verdict(LossCause::idle_timeout, "the server closed the connection for inactivity (" +
                                                std::to_string(kClientInteractionTimeout) + ")");
  // libmariadb gives the same "lost connection" for a timeout and a reset: the time the
  // wait took is the evidence (a timeout fires at its limit, never much before).
  const auto near_limit = [&](unsigned limit) {
    return limit && e.waited + std::chrono::milliseconds(250) >= std::chrono::seconds(limit);
  };
  if (e.while_sending && near_limit(e.write_timeout))
    return verdict(LossCause::write_timeout, "the statement could not be sent within WRITE_TIMEOUT=" +
                                                 std::to_string(e.write_timeout) + " s");
  if (!e.while_sending && near_limit(e.read_timeout))
    return verdict(LossCause::read_timeout, "no reply within READ_TIMEOUT=" + std::to_string(e.read_timeout) +
                                                " s (the server or the network stopped answering)");
  return verdict(LossCause::unknown,
                 "the connection closed " + format_duration(e.waited) +
                     (e.while_sending ? " into sending the statement" : " into the wait for the reply") +
                     " (killed on the server, a server restart or a network cut; HOLDFAST_ATTR_LAST_LOSS_CAUSE "
                     "names it once the driver has reconnected)");
}

LossVerdict judge_connect_failure(const ConnectFailureEvidence& e) {
  if (e.native == kUnknownHost)
    return verdict(LossCause::name_lookup, "host name lookup failed for " + e.host);
  if (e.native == kHostNotPrivileged)
    return verdict(LossCause::host_not_allowed,
                   "host not allowed to connect (" + std::to_string(kHostNotPrivileged) +
                       "): the server has no account for any user from this client's address");
  if (e.native == kHostBlocked)
    return verdict(LossCause::host_not_allowed, "this client host is blocked by the server after too many "
                                                "connection errors (" + std::to_string(kHostBlocked) +
                                                "; FLUSH HOSTS unblocks it)");
  if (e.native == kConnectionError || e.native == kConnHostError || e.native == kServerLost) {
    if (e.unix_socket)
      return verdict(LossCause::refused, "no server listening on the Unix socket (" + e.message + ")");
    const int seen = e.seen_errno ? e.seen_errno : errno_in_message(e.message);
    const std::string limit = e.connect_timeout ? "CONNECT_TIMEOUT=" + std::to_string(e.connect_timeout) + " s"
                                                : "the connect timeout";
    if (e.native == kServerLost && (seen == ETIMEDOUT || has_text(e.message, "handshake")))
      return verdict(LossCause::connect_timeout, "the server at " + endpoint_text(e) +
                                                     " accepted the connection but sent no greeting within " + limit);
    switch (seen) {
      case ECONNREFUSED:
        return verdict(LossCause::refused, "connection refused on port " + std::to_string(e.port) + " of " + e.host +
                                               " (no server listening, skip_networking, or a firewall rejecting)");
      case ETIMEDOUT:
        return verdict(LossCause::connect_timeout, "no answer from " + endpoint_text(e) + " within " + limit +
                                                       " (a firewall dropping packets, or the host is down)");
      case EHOSTUNREACH:
      case ENETUNREACH:
        return verdict(LossCause::unreachable, "no route to " + endpoint_text(e));
      default: break;
    }
  }
  return LossVerdict{};
}

LossVerdict judge_oversized(std::uint64_t statement_bytes, std::uint64_t max_allowed_packet) {
  return verdict(LossCause::packet_too_large, "statement of " + format_size(statement_bytes) +
                                                  " exceeds max_allowed_packet (" + format_size(max_allowed_packet) +
                                                  ")");
}

}  // namespace holdfast
