// A fault-injecting TCP proxy for the resilience integration tests (RESILIENCE.md, 8).
//
// It listens on 127.0.0.1 (ephemeral port) and relays every accepted connection to an
// upstream server on the loopback interface, with one poll() thread of its own. The test
// thread injects faults at any time: resets, a black hole, cuts after N bytes, a lost reply,
// refused connections, latency. Every control call is applied by the relay thread before it
// returns (waiting at most two seconds), so a fault is in force when the call returns.
//
// The proxy stops by itself: the destructor stops and joins the thread, and a hard lifetime
// (default 120 s) shuts it down even if a test is stuck. Sockets are non-blocking, buffers
// are bounded (256 KiB per direction and connection), and the thread sleeps in poll().
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

namespace holdfast_test {

// Which connections a fault rule (cut, lost reply, black hole) applies to.
enum class FaultScope {
  current,          // every connection open now (each gets its own count)
  new_connections,  // every connection accepted from now on, until clear_cuts()/clear_faults()
  current_and_new,  // both
};

class FaultProxy {
 public:
  static constexpr std::chrono::milliseconds kDefaultLifetime{120000};

  // Throws std::invalid_argument unless upstream_host is 127.x.x.x, "localhost" or "::1"
  // ("localhost" means 127.0.0.1; nothing is resolved), std::system_error if the listener
  // cannot be set up. Connects to the upstream lazily, once per accepted connection.
  FaultProxy(std::string upstream_host, std::uint16_t upstream_port,
             std::chrono::milliseconds lifetime = kDefaultLifetime);
  ~FaultProxy();  // stop(): resets every connection, closes the listener, joins
  FaultProxy(const FaultProxy&) = delete;
  FaultProxy& operator=(const FaultProxy&) = delete;

  std::uint16_t port() const noexcept;  // the 127.0.0.1 port to connect to
  bool running() const noexcept;        // false after stop() or when the lifetime ran out
  void stop();                          // idempotent; connections get a reset (RST)

  // Reset (RST, SO_LINGER 0) both sides of every current connection now.
  void reset_all();

  // While on, nothing is read or written on a connection (bytes are held, in the proxy and
  // in the kernel's socket buffers, and flow again when it is turned off) and nothing is
  // closed, not even when a peer closes: a dropped flow. `scope` says which connections:
  // current = those open now (connections accepted later relay normally: one flow dropped
  // by a middlebox while the path to the server still works); new_connections = those
  // accepted from now on (accepted, but their upstream connection is only opened when the
  // black hole ends); current_and_new = both (a dead network). Turning it off with a scope
  // releases the connections in that scope; clear_faults() releases every one.
  void set_black_hole(bool on, FaultScope scope = FaultScope::current_and_new);

  // While on, new connections are accepted and reset at once (the client sees EOF/ECONNRESET
  // on its first read); existing connections keep working.
  void set_refuse_new(bool on);

  // Delay every chunk read from now on by `delay` before it is relayed (0 = none).
  void set_latency(std::chrono::milliseconds delay);

  // After n more bytes have been relayed from the server to the client, reset the connection
  // (both sides) without relaying more. The n bytes are delivered first: the reset waits
  // until the kernel has sent them (at most 1 s). n = 0 resets at once.
  void cut_after_server_bytes(std::size_t n, FaultScope scope = FaultScope::current);

  // After n more bytes from the client have been relayed to the server, reset the connection
  // (both sides; the n bytes are sent to the server first).
  void cut_after_client_bytes(std::size_t n, FaultScope scope = FaultScope::current);

  // "The request reached the server, the reply was lost": client bytes keep flowing to the
  // server; as soon as the server sends anything after at least one client byte was relayed
  // since the rule was armed, that reply is discarded and both sides are reset. The server
  // has thus received the whole request and started answering (so it has executed it) before
  // the client learns of the loss.
  void drop_replies_after_next_request(FaultScope scope = FaultScope::current);

  // Hostile server replies: rules that change what the server sends the client, on every
  // connection open now (so, once a connection is established, after its handshake). The
  // proxy follows the protocol's packet framing (a 3-byte little-endian payload length and a
  // sequence id, uncompressed and without TLS) from the start of each connection, so "the
  // next packet" is the next one whose header starts after the rule is armed. Every rule is
  // reproducible: the same seed and the same stream of bytes give the same changes, however
  // the kernel splits the stream. clear_cuts()/clear_faults() disarm them.

  // From now on, each byte from the server is XORed with a random non-zero byte with
  // probability 1/one_in (a pseudo-random generator seeded with `seed`, advanced per byte).
  void corrupt_server_bytes(std::uint64_t seed, std::uint32_t one_in);

  // The header of the server's packet after `skip_packets` more whole packets says its
  // payload is `length` bytes long (0..0xFFFFFF) instead of its real length; the bytes that
  // follow are relayed unchanged.
  void rewrite_server_packet_length(std::size_t skip_packets, std::uint32_t length);

  // After `skip_packets` more whole packets from the server, relay the next packet's header
  // and the first half of its payload (a packet with a payload under 2 bytes is passed and
  // the next one is cut instead), then relay nothing more from the server. With
  // `close` the client then gets a FIN (an orderly close of its connection, as if the server
  // had hung up mid-row); without it the connection stays open and silent (a stalled
  // server: only the client's read timeout ends the wait).
  void cut_server_mid_packet(std::size_t skip_packets, bool close);

  void clear_cuts();    // disarm every cut/drop rule, current and for new connections
  void clear_faults();  // clear_cuts() and black hole off, refuse off, latency 0

  // Upstream connections opened from now on come from this loopback address (127.x.x.x;
  // "" = the kernel's choice, 127.0.0.1): the server sees the client as that host.
  // Throws std::invalid_argument for an address off the loopback network.
  void set_upstream_source(const std::string& address);

  // Counters (readable from any thread at any time). A byte is counted just before it is
  // handed to the kernel (and the count corrected if the kernel took fewer), so once a peer
  // has read a byte the count includes it.
  std::size_t connection_count() const noexcept;      // connections open now
  std::uint64_t total_accepted() const noexcept;      // every accept(), refused ones included
  std::uint64_t total_refused() const noexcept;       // accepted and reset by set_refuse_new
  std::uint64_t bytes_client_to_server() const noexcept;  // written to the server
  std::uint64_t bytes_server_to_client() const noexcept;  // written to clients
  std::uint64_t bytes_discarded() const noexcept;  // read but never relayed (cuts, lost replies)

  // Poll (every 5 ms) until connection_count() == n; false on timeout.
  bool wait_for_connection_count(std::size_t n, std::chrono::milliseconds timeout) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace holdfast_test
