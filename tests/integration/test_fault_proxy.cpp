// Tests of the fault-injecting proxy itself, against the real test server, with plain
// sockets (no driver): the server speaks first, a MySQL protocol packet whose header is a
// 3-byte little-endian length and sequence id 0, and whose payload starts with protocol 10.
#include "fault_proxy.h"

#include <arpa/inet.h>
#include <sys/time.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <catch2/catch.hpp>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <functional>
#include <memory>
#include <string>
#include <thread>
#include <vector>

namespace {

using holdfast_test::FaultProxy;
using holdfast_test::FaultScope;
using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;
using Bytes = std::vector<unsigned char>;

std::string server_host() {
  const char* v = std::getenv("TEST_SERVER");
  return v && *v ? v : "127.0.0.1";
}

std::uint16_t server_port() {
  const char* v = std::getenv("TEST_PORT");
  return static_cast<std::uint16_t>(v && *v ? std::atoi(v) : 3399);
}

class Socket {
 public:
  explicit Socket(int fd) : fd_(fd) {}
  ~Socket() {
    if (fd_ >= 0) ::close(fd_);
  }
  Socket(const Socket&) = delete;
  Socket& operator=(const Socket&) = delete;
  int fd() const { return fd_; }
  void close() {
    if (fd_ >= 0) ::close(fd_);
    fd_ = -1;
  }

 private:
  int fd_;
};

// A blocking connect to 127.0.0.1:port; -1 (errno set) when it fails.
int connect_to(std::uint16_t port) {
  const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return -1;
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(port);
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    const int saved = errno;
    ::close(fd);
    errno = saved;
    return -1;
  }
  return fd;
}

enum class End { open, eof, reset, error };

struct Received {
  Bytes bytes;
  End end = End::open;  // open: the time ran out (or enough bytes came) with the connection open
};

// Reads until `limit` bytes arrived, the peer closed or reset, or `timeout` passed.
Received receive(int fd, milliseconds timeout, std::size_t limit = 1 << 20) {
  Received r;
  const auto deadline = Clock::now() + timeout;
  unsigned char buf[4096];
  while (r.bytes.size() < limit) {
    const auto left = std::chrono::duration_cast<milliseconds>(deadline - Clock::now());
    if (left.count() < 0) break;
    pollfd p{fd, POLLIN, 0};
    const int ready = ::poll(&p, 1, static_cast<int>(left.count()));
    if (ready < 0 && errno == EINTR) continue;
    if (ready <= 0) break;
    const std::size_t want = std::min(sizeof buf, limit - r.bytes.size());
    const ssize_t got = ::recv(fd, buf, want, 0);
    if (got > 0) {
      r.bytes.insert(r.bytes.end(), buf, buf + got);
    } else if (got == 0) {
      r.end = End::eof;
      break;
    } else if (errno != EINTR) {
      r.end = errno == ECONNRESET ? End::reset : End::error;
      break;
    }
  }
  return r;
}

// One whole MySQL protocol packet (header included), or what arrived before the timeout.
Bytes read_packet(int fd, milliseconds timeout = milliseconds(3000)) {
  const auto deadline = Clock::now() + timeout;
  Received head = receive(fd, timeout, 4);
  if (head.bytes.size() < 4) return head.bytes;
  const std::size_t length = head.bytes[0] | (head.bytes[1] << 8) | (head.bytes[2] << 16);
  const auto left = std::chrono::duration_cast<milliseconds>(deadline - Clock::now());
  Received body = receive(fd, std::max(left, milliseconds(0)), length);
  head.bytes.insert(head.bytes.end(), body.bytes.begin(), body.bytes.end());
  return head.bytes;
}

std::size_t payload_length(const Bytes& p) { return p.size() < 4 ? 0 : p[0] | (p[1] << 8) | (p[2] << 16); }

// The server's initial handshake: sequence 0, protocol version 10, a NUL-terminated version.
bool is_handshake(const Bytes& p) {
  if (p.size() < 6 || payload_length(p) != p.size() - 4 || p[3] != 0 || p[4] != 10) return false;
  for (std::size_t i = 5; i < p.size(); ++i)
    if (p[i] == 0) return i > 5;
  return false;
}

// The server's answer to kBadHandshake: an ERR packet (0xFF), "Bad handshake".
bool is_err_packet(const Bytes& p) { return p.size() >= 5 && payload_length(p) == p.size() - 4 && p[4] == 0xFF; }

// A handshake response too short to parse: the server answers ERR 1043 and hangs up.
const std::string kBadHandshake("\x05\x00\x00\x01garba", 9);

void send_all(int fd, const std::string& data) {
  std::size_t done = 0;
  while (done < data.size()) {
    const ssize_t n = ::send(fd, data.data() + done, data.size() - done, MSG_NOSIGNAL);
    if (n < 0 && errno == EINTR) continue;
    REQUIRE(n > 0);
    done += static_cast<std::size_t>(n);
  }
}

// No data, no EOF, no error pending: the connection is open and quiet.
bool open_and_quiet(int fd) {
  pollfd p{fd, POLLIN, 0};
  return ::poll(&p, 1, 0) == 0;
}

bool closed_by_peer(End e) { return e == End::eof || e == End::reset; }

long long elapsed_ms(Clock::time_point since) {
  return std::chrono::duration_cast<milliseconds>(Clock::now() - since).count();
}

template <typename Predicate>
bool eventually(Predicate predicate, milliseconds timeout = milliseconds(1000)) {
  const auto deadline = Clock::now() + timeout;
  while (!predicate()) {
    if (Clock::now() >= deadline) return false;
    std::this_thread::sleep_for(milliseconds(2));
  }
  return true;
}

// A loopback port nothing listens on (bound, read back, closed).
std::uint16_t unused_port() {
  Socket s(::socket(AF_INET, SOCK_STREAM, 0));
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  REQUIRE(::bind(s.fd(), reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0);
  socklen_t len = sizeof addr;
  REQUIRE(::getsockname(s.fd(), reinterpret_cast<sockaddr*>(&addr), &len) == 0);
  return ntohs(addr.sin_port);
}

// A one-connection upstream on a loopback port, played by its own thread: it accepts one
// connection (waiting at most 5 s), runs the script on a blocking socket with 5 s timeouts,
// and closes it. Scripts report through variables read after the peer is destroyed (Catch's
// assertions are for the test thread only).
class LocalPeer {
 public:
  explicit LocalPeer(std::function<void(int)> script) : listener_(::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0)) {
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    REQUIRE(::bind(listener_.fd(), reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0);
    REQUIRE(::listen(listener_.fd(), 4) == 0);
    socklen_t len = sizeof addr;
    REQUIRE(::getsockname(listener_.fd(), reinterpret_cast<sockaddr*>(&addr), &len) == 0);
    port_ = ntohs(addr.sin_port);
    thread_ = std::thread([this, script = std::move(script)] {
      pollfd p{listener_.fd(), POLLIN, 0};
      if (::poll(&p, 1, 5000) != 1) return;
      Socket peer(::accept(listener_.fd(), nullptr, nullptr));
      if (peer.fd() < 0) return;
      timeval tv{5, 0};
      ::setsockopt(peer.fd(), SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
      ::setsockopt(peer.fd(), SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
      script(peer.fd());
    });
  }
  ~LocalPeer() { join(); }
  LocalPeer(const LocalPeer&) = delete;
  LocalPeer& operator=(const LocalPeer&) = delete;
  std::uint16_t port() const { return port_; }
  void join() {
    if (thread_.joinable()) thread_.join();
  }

 private:
  Socket listener_;
  std::uint16_t port_ = 0;
  std::thread thread_;
};

unsigned char pattern_byte(std::size_t i) { return static_cast<unsigned char>(i % 251); }

}  // namespace

TEST_CASE("proxy: only a loopback upstream is accepted", "[integration][proxy]") {
  for (const char* host : {"10.1.2.3", "192.168.0.1", "0.0.0.0", "128.0.0.1", "::", "example.com", ""})
    CHECK_THROWS_AS(FaultProxy(host, 3306), std::invalid_argument);
  for (const char* host : {"127.0.0.1", "127.0.0.2", "localhost", "::1"}) CHECK_NOTHROW(FaultProxy(host, 3306));
}

TEST_CASE("proxy: relays the server's handshake and the client's answer", "[integration][proxy]") {
  FaultProxy proxy(server_host(), server_port());
  REQUIRE(proxy.running());
  REQUIRE(proxy.port() != 0);
  REQUIRE(proxy.port() != server_port());

  Socket client(connect_to(proxy.port()));
  REQUIRE(client.fd() >= 0);
  const Bytes handshake = read_packet(client.fd());
  REQUIRE(is_handshake(handshake));
  CHECK(proxy.total_accepted() == 1);
  CHECK(proxy.connection_count() == 1);
  // The count follows the send: it may lag what the client already read by an instant.
  CHECK(eventually([&] { return proxy.bytes_server_to_client() == handshake.size(); }));

  send_all(client.fd(), kBadHandshake);
  const Bytes reply = read_packet(client.fd());
  REQUIRE(is_err_packet(reply));
  CHECK(reply[3] == 2);  // sequence: handshake 0, our packet 1, the answer 2
  CHECK(proxy.bytes_client_to_server() == kBadHandshake.size());

  // The server hangs up: its FIN is passed on, and the link goes once the client closes too.
  CHECK(receive(client.fd(), milliseconds(2000)).end == End::eof);
  client.close();
  CHECK(proxy.wait_for_connection_count(0, milliseconds(2000)));
  CHECK(proxy.bytes_discarded() == 0);
}

TEST_CASE("proxy: a client is reset when the upstream refuses", "[integration][proxy]") {
  FaultProxy proxy("127.0.0.1", unused_port());
  Socket client(connect_to(proxy.port()));
  REQUIRE(client.fd() >= 0);
  const Received r = receive(client.fd(), milliseconds(2000));
  CHECK(r.bytes.empty());
  CHECK(r.end == End::reset);
  CHECK(proxy.wait_for_connection_count(0, milliseconds(1000)));
}

TEST_CASE("proxy: reset_all resets every connection at once", "[integration][proxy]") {
  FaultProxy proxy(server_host(), server_port());
  Socket a(connect_to(proxy.port()));
  Socket b(connect_to(proxy.port()));
  REQUIRE(is_handshake(read_packet(a.fd())));
  REQUIRE(is_handshake(read_packet(b.fd())));
  REQUIRE(proxy.connection_count() == 2);

  proxy.reset_all();
  CHECK(proxy.connection_count() == 0);  // applied before reset_all returned
  CHECK(receive(a.fd(), milliseconds(1000)).end == End::reset);
  CHECK(receive(b.fd(), milliseconds(1000)).end == End::reset);

  Socket c(connect_to(proxy.port()));  // the proxy itself keeps working
  CHECK(is_handshake(read_packet(c.fd())));
  CHECK(proxy.total_accepted() == 3);
}

TEST_CASE("proxy: a black hole holds the bytes and keeps connections open", "[integration][proxy]") {
  FaultProxy proxy(server_host(), server_port());
  Socket a(connect_to(proxy.port()));
  REQUIRE(is_handshake(read_packet(a.fd())));

  proxy.set_black_hole(true);
  send_all(a.fd(), kBadHandshake);
  Socket b(connect_to(proxy.port()));  // accepted, but no upstream and nothing relayed
  REQUIRE(b.fd() >= 0);
  const Received quiet = receive(a.fd(), milliseconds(500));
  CHECK(quiet.bytes.empty());
  CHECK(quiet.end == End::open);
  CHECK(open_and_quiet(a.fd()));
  CHECK(open_and_quiet(b.fd()));
  CHECK(proxy.connection_count() == 2);
  CHECK(proxy.total_accepted() == 2);
  CHECK(proxy.bytes_client_to_server() == 0);

  proxy.set_black_hole(false);  // the held bytes flow again
  CHECK(is_err_packet(read_packet(a.fd())));
  CHECK(is_handshake(read_packet(b.fd())));
  CHECK(proxy.bytes_client_to_server() == kBadHandshake.size());
}

TEST_CASE("proxy: a black hole on the current connections leaves new ones working", "[integration][proxy]") {
  FaultProxy proxy(server_host(), server_port());
  Socket a(connect_to(proxy.port()));
  REQUIRE(is_handshake(read_packet(a.fd())));

  proxy.set_black_hole(true, FaultScope::current);
  send_all(a.fd(), kBadHandshake);
  Socket b(connect_to(proxy.port()));  // relayed as usual
  CHECK(is_handshake(read_packet(b.fd())));
  send_all(b.fd(), kBadHandshake);
  CHECK(is_err_packet(read_packet(b.fd())));
  const Received quiet = receive(a.fd(), milliseconds(300));
  CHECK(quiet.bytes.empty());
  CHECK(quiet.end == End::open);
  CHECK(proxy.bytes_client_to_server() == kBadHandshake.size());  // b's only

  proxy.set_black_hole(false, FaultScope::current);  // releases a
  CHECK(is_err_packet(read_packet(a.fd())));
  CHECK(proxy.bytes_client_to_server() == 2 * kBadHandshake.size());

  // new_connections: a connection accepted from now on is held; one open before is not.
  proxy.set_black_hole(true, FaultScope::new_connections);
  Socket c(connect_to(proxy.port()));
  REQUIRE(c.fd() >= 0);
  CHECK(receive(c.fd(), milliseconds(300)).bytes.empty());
  Socket d(connect_to(proxy.port()));  // also new: held
  proxy.set_black_hole(false, FaultScope::new_connections);
  Socket e(connect_to(proxy.port()));  // accepted after: relayed
  CHECK(is_handshake(read_packet(e.fd())));
  CHECK(open_and_quiet(c.fd()));  // still held until released
  proxy.clear_faults();
  CHECK(is_handshake(read_packet(c.fd())));
  CHECK(is_handshake(read_packet(d.fd())));
}

TEST_CASE("proxy: refuse_new resets new connections, existing ones keep working", "[integration][proxy]") {
  FaultProxy proxy(server_host(), server_port());
  Socket a(connect_to(proxy.port()));
  REQUIRE(is_handshake(read_packet(a.fd())));

  proxy.set_refuse_new(true);
  const auto start = Clock::now();
  Socket b(connect_to(proxy.port()));
  if (b.fd() >= 0) {  // the kernel completed the connect; the proxy resets it on accept
    const Received r = receive(b.fd(), milliseconds(2000));
    CHECK(r.bytes.empty());
    CHECK(closed_by_peer(r.end));
  }
  CHECK(elapsed_ms(start) < 1000);
  CHECK(proxy.total_refused() == 1);
  CHECK(proxy.connection_count() == 1);

  send_all(a.fd(), kBadHandshake);
  CHECK(is_err_packet(read_packet(a.fd())));

  proxy.set_refuse_new(false);
  Socket c(connect_to(proxy.port()));
  CHECK(is_handshake(read_packet(c.fd())));
  CHECK(proxy.total_refused() == 1);
}

TEST_CASE("proxy: cut after N server bytes delivers exactly N bytes", "[integration][proxy]") {
  FaultProxy proxy(server_host(), server_port());

  SECTION("for new connections") {
    proxy.cut_after_server_bytes(10, FaultScope::new_connections);
    Socket a(connect_to(proxy.port()));
    const Received r = receive(a.fd(), milliseconds(2000));
    REQUIRE(r.bytes.size() == 10);
    CHECK(closed_by_peer(r.end));
    CHECK(r.bytes[3] == 0);   // the start of the handshake packet
    CHECK(r.bytes[4] == 10);
    CHECK(payload_length(r.bytes) > 10);
    CHECK(proxy.bytes_server_to_client() == 10);
    CHECK(proxy.bytes_discarded() > 0);
    CHECK(proxy.wait_for_connection_count(0, milliseconds(1000)));

    proxy.clear_cuts();
    Socket b(connect_to(proxy.port()));
    CHECK(is_handshake(read_packet(b.fd())));
  }

  SECTION("for the current connections only") {
    Socket a(connect_to(proxy.port()));
    REQUIRE(is_handshake(read_packet(a.fd())));
    proxy.cut_after_server_bytes(3, FaultScope::current);

    Socket b(connect_to(proxy.port()));  // opened after: not cut
    CHECK(is_handshake(read_packet(b.fd())));

    send_all(a.fd(), kBadHandshake);
    const Received r = receive(a.fd(), milliseconds(2000));
    REQUIRE(r.bytes.size() == 3);
    CHECK(closed_by_peer(r.end));
    CHECK(r.bytes == Bytes{0x10, 0x00, 0x00});  // the ERR packet's length
    CHECK(proxy.wait_for_connection_count(1, milliseconds(1000)));
  }

  SECTION("zero cuts the current connections at once") {
    Socket a(connect_to(proxy.port()));
    REQUIRE(is_handshake(read_packet(a.fd())));
    proxy.cut_after_server_bytes(0);
    CHECK(proxy.wait_for_connection_count(0, milliseconds(1000)));
    const Received r = receive(a.fd(), milliseconds(1000));
    CHECK(r.bytes.empty());
    CHECK(r.end == End::reset);
  }
}

TEST_CASE("proxy: cut after N client bytes relays exactly N bytes", "[integration][proxy]") {
  FaultProxy proxy(server_host(), server_port());
  Socket a(connect_to(proxy.port()));
  const Bytes handshake = read_packet(a.fd());
  REQUIRE(is_handshake(handshake));
  REQUIRE(eventually([&] { return proxy.bytes_server_to_client() == handshake.size(); }));

  proxy.cut_after_client_bytes(2);
  send_all(a.fd(), kBadHandshake);
  const Received r = receive(a.fd(), milliseconds(2000));
  CHECK(r.bytes.empty());
  CHECK(r.end == End::reset);
  CHECK(proxy.bytes_client_to_server() == 2);
  CHECK(proxy.bytes_server_to_client() == handshake.size());
  CHECK(proxy.wait_for_connection_count(0, milliseconds(1000)));
}

TEST_CASE("proxy: drop_replies_after_next_request loses the reply, not the request", "[integration][proxy]") {
  FaultProxy proxy(server_host(), server_port());
  Socket a(connect_to(proxy.port()));
  const Bytes handshake = read_packet(a.fd());
  REQUIRE(is_handshake(handshake));

  proxy.drop_replies_after_next_request();
  CHECK(receive(a.fd(), milliseconds(100)).end == End::open);  // armed, nothing happens yet
  send_all(a.fd(), kBadHandshake);
  const Received r = receive(a.fd(), milliseconds(2000));
  CHECK(r.bytes.empty());
  CHECK(r.end == End::reset);
  CHECK(proxy.bytes_client_to_server() == kBadHandshake.size());  // the request went through
  CHECK(proxy.bytes_server_to_client() == handshake.size());      // the reply did not
  CHECK(proxy.bytes_discarded() >= 5);                            // the server did answer
  CHECK(proxy.wait_for_connection_count(0, milliseconds(1000)));
}

TEST_CASE("proxy: latency delays every relayed chunk", "[integration][proxy]") {
  FaultProxy proxy(server_host(), server_port());
  proxy.set_latency(milliseconds(300));

  auto start = Clock::now();
  Socket a(connect_to(proxy.port()));
  REQUIRE(is_handshake(read_packet(a.fd())));
  CHECK(elapsed_ms(start) >= 300);

  start = Clock::now();  // a round trip is delayed both ways
  send_all(a.fd(), kBadHandshake);
  CHECK(is_err_packet(read_packet(a.fd())));
  CHECK(elapsed_ms(start) >= 600);
}

TEST_CASE("proxy: the destructor returns promptly and resets open connections", "[integration][proxy]") {
  auto proxy = std::make_unique<FaultProxy>(server_host(), server_port());
  const std::uint16_t port = proxy->port();
  Socket a(connect_to(port));
  REQUIRE(is_handshake(read_packet(a.fd())));
  proxy->set_black_hole(true);
  Socket b(connect_to(port));
  REQUIRE(proxy->wait_for_connection_count(2, milliseconds(1000)));

  const auto start = Clock::now();
  proxy.reset();
  CHECK(elapsed_ms(start) < 500);
  CHECK(receive(a.fd(), milliseconds(1000)).end == End::reset);
  CHECK(closed_by_peer(receive(b.fd(), milliseconds(1000)).end));
  Socket late(connect_to(port));
  CHECK(late.fd() < 0);
}

TEST_CASE("proxy: the hard lifetime stops the proxy by itself", "[integration][proxy]") {
  const auto start = Clock::now();
  FaultProxy proxy(server_host(), server_port(), milliseconds(300));
  Socket a(connect_to(proxy.port()));
  REQUIRE(is_handshake(read_packet(a.fd())));

  CHECK(receive(a.fd(), milliseconds(2000)).end == End::reset);
  CHECK(elapsed_ms(start) >= 300);
  const auto deadline = Clock::now() + milliseconds(1000);
  while (proxy.running() && Clock::now() < deadline) std::this_thread::sleep_for(milliseconds(5));
  CHECK_FALSE(proxy.running());
  CHECK(proxy.connection_count() == 0);
  Socket late(connect_to(proxy.port()));
  CHECK(late.fd() < 0);

  const auto control = Clock::now();  // controls on a stopped proxy return at once
  proxy.reset_all();
  proxy.set_black_hole(true);
  CHECK(elapsed_ms(control) < 100);
}

TEST_CASE("proxy: relays megabytes both ways with backpressure and half-close", "[integration][proxy]") {
  constexpr std::size_t kBulk = 3 << 20;
  std::size_t peer_received = 0;
  bool peer_pattern_ok = true;
  bool peer_saw_eof = false;
  LocalPeer peer([&](int fd) {
    std::vector<unsigned char> out(kBulk);
    for (std::size_t i = 0; i < kBulk; ++i) out[i] = pattern_byte(i);
    for (std::size_t done = 0; done < kBulk;) {
      const ssize_t n = ::send(fd, out.data() + done, kBulk - done, MSG_NOSIGNAL);
      if (n <= 0) return;
      done += static_cast<std::size_t>(n);
    }
    ::shutdown(fd, SHUT_WR);
    unsigned char buf[8192];
    for (;;) {
      const ssize_t n = ::recv(fd, buf, sizeof buf, 0);
      if (n <= 0) {
        peer_saw_eof = n == 0;
        return;
      }
      for (ssize_t i = 0; i < n; ++i)
        if (buf[i] != pattern_byte(peer_received + static_cast<std::size_t>(i))) peer_pattern_ok = false;
      peer_received += static_cast<std::size_t>(n);
    }
  });
  FaultProxy proxy("127.0.0.1", peer.port());
  Socket client(connect_to(proxy.port()));
  REQUIRE(client.fd() >= 0);

  const Received down = receive(client.fd(), milliseconds(10000), kBulk + 1);
  REQUIRE(down.bytes.size() == kBulk);
  CHECK(down.end == End::eof);  // the peer's FIN, passed on once the bytes were
  bool pattern_ok = true;
  for (std::size_t i = 0; i < kBulk; ++i)
    if (down.bytes[i] != pattern_byte(i)) pattern_ok = false;
  CHECK(pattern_ok);

  std::string up(kBulk, '\0');
  for (std::size_t i = 0; i < kBulk; ++i) up[i] = static_cast<char>(pattern_byte(i));
  send_all(client.fd(), up);
  ::shutdown(client.fd(), SHUT_WR);
  peer.join();
  CHECK(peer_received == kBulk);
  CHECK(peer_pattern_ok);
  CHECK(peer_saw_eof);
  CHECK(proxy.wait_for_connection_count(0, milliseconds(2000)));
  CHECK(proxy.bytes_client_to_server() == kBulk);
  CHECK(proxy.bytes_server_to_client() == kBulk);
}

TEST_CASE("proxy: a reset from the server reaches the client after the bytes sent before it",
          "[integration][proxy]") {
  LocalPeer peer([](int fd) {
    ::send(fd, "hello", 5, MSG_NOSIGNAL);
    linger lg{1, 0};
    ::setsockopt(fd, SOL_SOCKET, SO_LINGER, &lg, sizeof lg);
  });
  FaultProxy proxy("127.0.0.1", peer.port());
  Socket client(connect_to(proxy.port()));
  const Received r = receive(client.fd(), milliseconds(2000));
  CHECK(std::string(r.bytes.begin(), r.bytes.end()) == "hello");
  CHECK(r.end == End::reset);
  CHECK(proxy.wait_for_connection_count(0, milliseconds(1000)));
}

// Hostile server replies (issue 9). The server answers kBadHandshake with one ERR packet
// (the same bytes on every connection) and hangs up.
namespace {

// The reply to kBadHandshake on a connection whose handshake was read: every byte until the
// server's close (or 1 s of silence).
Received bad_handshake_reply(int fd) {
  send_all(fd, kBadHandshake);
  return receive(fd, milliseconds(1000));
}

}  // namespace

TEST_CASE("proxy: corrupt_server_bytes flips bytes reproducibly after the handshake", "[integration][proxy]") {
  FaultProxy proxy(server_host(), server_port());
  Socket plain(connect_to(proxy.port()));
  REQUIRE(is_handshake(read_packet(plain.fd())));
  const Received reference = bad_handshake_reply(plain.fd());
  REQUIRE(is_err_packet(reference.bytes));

  Socket a(connect_to(proxy.port()));
  Socket b(connect_to(proxy.port()));
  REQUIRE(is_handshake(read_packet(a.fd())));  // the handshake itself is never changed
  REQUIRE(is_handshake(read_packet(b.fd())));
  proxy.corrupt_server_bytes(7, 3);  // both connections, the same seed
  const Received ra = bad_handshake_reply(a.fd());
  const Received rb = bad_handshake_reply(b.fd());
  CHECK(ra.bytes.size() == reference.bytes.size());
  CHECK(ra.bytes == rb.bytes);
  CHECK(ra.bytes != reference.bytes);
  std::size_t changed = 0;
  for (std::size_t i = 0; i < std::min(ra.bytes.size(), reference.bytes.size()); ++i)
    changed += ra.bytes[i] != reference.bytes[i];
  CHECK(changed > 0);
  CHECK(changed < reference.bytes.size());  // about one in three

  Socket every(connect_to(proxy.port()));
  REQUIRE(is_handshake(read_packet(every.fd())));
  proxy.corrupt_server_bytes(8, 1);
  const Received re = bad_handshake_reply(every.fd());
  REQUIRE(re.bytes.size() == reference.bytes.size());
  for (std::size_t i = 0; i < re.bytes.size(); ++i) CHECK(re.bytes[i] != reference.bytes[i]);

  proxy.clear_cuts();
  Socket after(connect_to(proxy.port()));
  REQUIRE(is_handshake(read_packet(after.fd())));
  CHECK(bad_handshake_reply(after.fd()).bytes == reference.bytes);
}

TEST_CASE("proxy: rewrite_server_packet_length changes only the chosen header", "[integration][proxy]") {
  FaultProxy proxy(server_host(), server_port());
  Socket plain(connect_to(proxy.port()));
  REQUIRE(is_handshake(read_packet(plain.fd())));
  const Received reference = bad_handshake_reply(plain.fd());
  REQUIRE(is_err_packet(reference.bytes));

  Socket a(connect_to(proxy.port()));
  REQUIRE(is_handshake(read_packet(a.fd())));
  proxy.rewrite_server_packet_length(0, 0x030201);
  const Received r = bad_handshake_reply(a.fd());
  REQUIRE(r.bytes.size() == reference.bytes.size());
  CHECK(r.bytes[0] == 0x01);
  CHECK(r.bytes[1] == 0x02);
  CHECK(r.bytes[2] == 0x03);
  CHECK(Bytes(r.bytes.begin() + 3, r.bytes.end()) == Bytes(reference.bytes.begin() + 3, reference.bytes.end()));

  // One packet skipped: the ERR packet is the only one, so nothing changes.
  Socket b(connect_to(proxy.port()));
  REQUIRE(is_handshake(read_packet(b.fd())));
  proxy.rewrite_server_packet_length(1, 9);
  CHECK(bad_handshake_reply(b.fd()).bytes == reference.bytes);
}

TEST_CASE("proxy: cut_server_mid_packet relays half a packet, then closes or stalls", "[integration][proxy]") {
  FaultProxy proxy(server_host(), server_port());
  Socket plain(connect_to(proxy.port()));
  REQUIRE(is_handshake(read_packet(plain.fd())));
  const Received reference = bad_handshake_reply(plain.fd());
  REQUIRE(is_err_packet(reference.bytes));
  const std::size_t half = 4 + payload_length(reference.bytes) / 2;

  Socket closed(connect_to(proxy.port()));
  REQUIRE(is_handshake(read_packet(closed.fd())));
  proxy.cut_server_mid_packet(0, true);
  const Received rc = bad_handshake_reply(closed.fd());
  CHECK(rc.bytes == Bytes(reference.bytes.begin(), reference.bytes.begin() + static_cast<std::ptrdiff_t>(half)));
  CHECK(rc.end == End::eof);

  Socket stalled(connect_to(proxy.port()));
  REQUIRE(is_handshake(read_packet(stalled.fd())));
  proxy.cut_server_mid_packet(0, false);
  const Received rs = bad_handshake_reply(stalled.fd());
  CHECK(rs.bytes == Bytes(reference.bytes.begin(), reference.bytes.begin() + static_cast<std::ptrdiff_t>(half)));
  CHECK(rs.end == End::open);  // the server hung up, the client hears nothing
  CHECK(open_and_quiet(stalled.fd()));
  stalled.close();  // the client gives up: the proxy lets the connection go
  closed.close();
  plain.close();
  CHECK(proxy.wait_for_connection_count(0, milliseconds(2000)));
}
