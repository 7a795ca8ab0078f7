// The fault-injecting proxy: one poll() thread owns every socket; the test thread only posts
// commands (run by that thread) and reads atomic counters.
#include "fault_proxy.h"

#include <arpa/inet.h>
#include <linux/sockios.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/eventfd.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <system_error>
#include <thread>
#include <utility>
#include <vector>

namespace holdfast_test {
namespace {

using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;

constexpr std::size_t kReadChunk = 16 * 1024;
constexpr std::size_t kMaxBuffered = 256 * 1024;  // per direction and connection
constexpr milliseconds kConnectTimeout{5000};
constexpr milliseconds kFlushTimeout{1000};
constexpr milliseconds kFlushPoll{2};
constexpr milliseconds kMaxPollWait{500};
constexpr milliseconds kControlWait{2000};
constexpr milliseconds kAcceptPause{100};
constexpr int kMaxAcceptsPerWake = 64;

[[noreturn]] void throw_errno(const char* what) {
  throw std::system_error(errno, std::generic_category(), what);
}

// close() is not retried on EINTR: Linux releases the descriptor anyway.
void close_fd(int fd) {
  if (fd >= 0) ::close(fd);
}

void close_with_reset(int fd) {
  if (fd < 0) return;
  linger lg{};
  lg.l_onoff = 1;
  lg.l_linger = 0;
  ::setsockopt(fd, SOL_SOCKET, SO_LINGER, &lg, sizeof lg);
  ::close(fd);
}

void set_nodelay(int fd) {
  int one = 1;
  ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
}

// True when the kernel has sent everything written to fd (so a reset no longer loses it).
bool kernel_send_queue_empty(int fd) {
  int pending = 0;
  if (::ioctl(fd, SIOCOUTQNSD, &pending) == 0) return pending == 0;
  if (::ioctl(fd, SIOCOUTQ, &pending) == 0) return pending == 0;
  return true;
}

class UniqueFd {
 public:
  UniqueFd() = default;
  ~UniqueFd() { close_fd(fd_); }
  UniqueFd(const UniqueFd&) = delete;
  UniqueFd& operator=(const UniqueFd&) = delete;
  int get() const { return fd_; }
  void reset(int fd = -1) {
    close_fd(fd_);
    fd_ = fd;
  }

 private:
  int fd_ = -1;
};

struct Upstream {
  sockaddr_storage addr{};
  socklen_t length = 0;
};

Upstream loopback_upstream(const std::string& host, std::uint16_t port) {
  Upstream up;
  const std::string literal = host == "localhost" ? "127.0.0.1" : host;
  in_addr v4{};
  if (::inet_pton(AF_INET, literal.c_str(), &v4) == 1 && (ntohl(v4.s_addr) >> 24) == 127) {
    auto* sin = reinterpret_cast<sockaddr_in*>(&up.addr);
    sin->sin_family = AF_INET;
    sin->sin_port = htons(port);
    sin->sin_addr = v4;
    up.length = sizeof(sockaddr_in);
    return up;
  }
  in6_addr v6{};
  if (::inet_pton(AF_INET6, literal.c_str(), &v6) == 1 && IN6_IS_ADDR_LOOPBACK(&v6)) {
    auto* sin6 = reinterpret_cast<sockaddr_in6*>(&up.addr);
    sin6->sin6_family = AF_INET6;
    sin6->sin6_port = htons(port);
    sin6->sin6_addr = v6;
    up.length = sizeof(sockaddr_in6);
    return up;
  }
  throw std::invalid_argument("FaultProxy: the upstream must be on the loopback interface "
                              "(127.x.x.x, localhost or ::1), not '" + host + "'");
}

struct Chunk {
  std::vector<char> bytes;
  std::size_t offset = 0;
  Clock::time_point due;
};

// One direction of a relayed connection.
struct Direction {
  std::deque<Chunk> queue;
  std::size_t buffered = 0;           // bytes read and not yet written
  bool eof_read = false;              // the source sent FIN or failed: read no more
  bool reset_read = false;            // the source failed (RST): reset once the queue is sent
  bool reset_pending = false;         // the source's EOF is to be taken as a reset
  bool shut_sent = false;             // FIN passed on to the destination
  std::optional<std::size_t> budget;  // bytes still to relay before the cut

  bool head_due(Clock::time_point now) const { return !queue.empty() && queue.front().due <= now; }
  bool budget_spent() const { return budget && *budget == 0; }
};

// What the proxy does to the bytes a server sends (FaultProxy::corrupt_server_bytes,
// rewrite_server_packet_length, cut_server_mid_packet). It follows the packet framing of
// the stream from its first byte, whatever the rules, so rules armed later know where the
// packets start. Decisions depend on the bytes alone, not on how the kernel splits them.
struct ServerRewrite {
  // Framing: 4 header bytes (3 of length, 1 of sequence id), then the payload.
  std::size_t header_got = 0;
  unsigned char length_bytes[3] = {0, 0, 0};
  std::size_t payload_left = 0;

  bool corrupt = false;
  std::uint64_t rng = 0;
  std::uint32_t one_in = 1;

  std::optional<std::size_t> rewrite_skip;  // packets to pass before the rewritten header
  std::uint32_t rewrite_length = 0;
  bool rewriting = false;  // the header being read now is rewritten

  std::optional<std::size_t> cut_skip;  // packets to pass before the cut one
  bool cut_close = false;
  bool cut_candidate = false;           // the packet being read now is the one to cut
  std::optional<std::size_t> cut_left;  // payload bytes still relayed before the cut
  bool stopped = false;                 // the cut happened: nothing more is relayed


  std::uint64_t next_random() {  // splitmix64
    std::uint64_t z = (rng += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }

  // Applies the rules to n bytes just read from the server, in place; returns how many of
  // them are relayed (fewer when the cut falls inside them).
  std::size_t apply(char* data, std::size_t n) {
    for (std::size_t i = 0; i < n; ++i) {
      const auto original = static_cast<unsigned char>(data[i]);
      if (header_got < 4) {
        if (header_got == 0) start_packet();
        if (header_got < 3) {
          length_bytes[header_got] = original;
          if (rewriting) data[i] = static_cast<char>((rewrite_length >> (8 * header_got)) & 0xFF);
        }
        if (++header_got == 4) {
          payload_left = length_bytes[0] | (length_bytes[1] << 8) | (std::size_t{length_bytes[2]} << 16);
          if (cut_candidate) {
            cut_candidate = false;
            if (payload_left >= 2)
              cut_left = payload_left / 2;
            else
              cut_skip = 0;  // too short to cut in the middle: cut the next one
          }
          if (payload_left == 0) header_got = 0;
        }
      } else {
        if (cut_left && *cut_left == 0) {
          cut_left.reset();
          stopped = true;
          return i;
        }
        if (cut_left) --*cut_left;
        if (--payload_left == 0) header_got = 0;
      }
      if (corrupt && next_random() % one_in == 0)
        data[i] = static_cast<char>(original ^ static_cast<unsigned char>(1 + next_random() % 255));
    }
    return n;
  }

  void start_packet() {
    rewriting = false;
    if (rewrite_skip) {
      if (*rewrite_skip == 0) {
        rewriting = true;
        rewrite_skip.reset();
      } else {
        --*rewrite_skip;
      }
    }
    if (cut_skip) {
      if (*cut_skip == 0) {
        cut_candidate = true;
        cut_skip.reset();
      } else {
        --*cut_skip;
      }
    }
  }

  void disarm() {
    corrupt = false;
    rewrite_skip.reset();
    rewriting = false;
    cut_skip.reset();
    cut_candidate = false;
    cut_left.reset();
  }
};

enum class LinkState { awaiting_upstream, connecting, relaying, flushing, dead };
enum class ReplyDrop { off, armed, request_sent };

struct Link {
  int client = -1;
  int server = -1;
  LinkState state = LinkState::awaiting_upstream;
  Clock::time_point deadline{};  // connecting or flushing
  int flush_fd = -1;             // flushing: the socket whose kernel queue must drain
  Direction up;                  // client -> server
  Direction down;                // server -> client
  ReplyDrop reply_drop = ReplyDrop::off;
  bool held = false;  // in the black hole: nothing read, written, connected or closed
  ServerRewrite rewrite;  // server -> client
  bool stalled = false;   // cut_server_mid_packet without close: the server side is no longer read
};

// Rules given to connections accepted from now on.
struct NewRules {
  std::optional<std::size_t> server_bytes;
  std::optional<std::size_t> client_bytes;
  bool drop_reply = false;
};

enum class SlotKind { wake, listener, client, server };

struct Slot {
  SlotKind kind;
  Link* link;
};

bool applies_to_current(FaultScope s) { return s != FaultScope::new_connections; }
bool applies_to_new(FaultScope s) { return s != FaultScope::current; }

}  // namespace

struct FaultProxy::Impl {
  Impl(Upstream up, milliseconds lifetime);

  // Set before the thread starts, then read-only (listener is closed by the thread at exit).
  Upstream upstream;
  UniqueFd listener;
  UniqueFd wake_fd;
  std::uint16_t port = 0;
  Clock::time_point end_of_life;

  // Shared with the test thread.
  std::mutex mutex;
  std::condition_variable applied_cv;
  std::vector<std::function<void()>> pending;  // guarded by mutex
  std::uint64_t posted = 0;                    // guarded by mutex
  std::uint64_t applied = 0;                   // guarded by mutex
  bool accepting_commands = true;              // guarded by mutex
  std::atomic<bool> stop_requested{false};
  std::atomic<bool> running{true};
  std::atomic<std::size_t> connections{0};
  std::atomic<std::uint64_t> accepted{0}, refused{0}, bytes_up{0}, bytes_down{0}, discarded{0};
  std::thread thread;

  // Owned by the relay thread.
  std::vector<std::unique_ptr<Link>> links;
  bool hold_new = false;  // connections accepted from now on start in the black hole
  bool refuse_new = false;
  milliseconds latency{0};
  NewRules new_rules;
  Clock::time_point accept_paused_until{};
  std::optional<sockaddr_in> source;  // set_upstream_source
  std::vector<char> scratch = std::vector<char>(kReadChunk);

  void post(std::function<void()> fn);
  void wake();
  void run();
  void loop();
  void apply_commands(Clock::time_point now);
  void accept_all(Clock::time_point now);
  void start_connect(Link& link, Clock::time_point now);
  void finish_connect(Link& link);
  void read_side(Link& link, bool from_server, Clock::time_point now);
  void write_side(Link& link, bool to_server, Clock::time_point now);
  void start_flush(Link& link, int fd, Clock::time_point now);
  void kill(Link& link);
  void finish(Link& link);
  void settle(Link& link, Clock::time_point now);
  void service_timers(Clock::time_point now);
  void reap();
  void dispatch(const Slot& slot, short events, short revents, Clock::time_point now);
  void hold(Link& link, bool on, Clock::time_point now);
  void clear_cuts();
};

FaultProxy::Impl::Impl(Upstream up, milliseconds lifetime) : upstream(up) {
  listener.reset(::socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0));
  if (listener.get() < 0) throw_errno("FaultProxy: socket");
  int one = 1;
  ::setsockopt(listener.get(), SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  if (::bind(listener.get(), reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) throw_errno("FaultProxy: bind");
  if (::listen(listener.get(), 64) != 0) throw_errno("FaultProxy: listen");
  socklen_t len = sizeof addr;
  if (::getsockname(listener.get(), reinterpret_cast<sockaddr*>(&addr), &len) != 0)
    throw_errno("FaultProxy: getsockname");
  port = ntohs(addr.sin_port);
  wake_fd.reset(::eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC));
  if (wake_fd.get() < 0) throw_errno("FaultProxy: eventfd");
  end_of_life = Clock::now() + lifetime;
}

void FaultProxy::Impl::wake() {
  const std::uint64_t one = 1;
  if (::write(wake_fd.get(), &one, sizeof one) < 0) {
    // EAGAIN only if the counter is saturated: the thread is awake then anyway.
  }
}

// Runs fn on the relay thread and waits (bounded) until it has been applied.
void FaultProxy::Impl::post(std::function<void()> fn) {
  std::unique_lock<std::mutex> lock(mutex);
  if (!accepting_commands) return;
  pending.push_back(std::move(fn));
  const std::uint64_t generation = ++posted;
  lock.unlock();
  wake();
  lock.lock();
  applied_cv.wait_for(lock, kControlWait, [&] { return applied >= generation || !accepting_commands; });
}

void FaultProxy::Impl::apply_commands(Clock::time_point now) {
  std::vector<std::function<void()>> batch;
  std::uint64_t generation = 0;
  {
    std::lock_guard<std::mutex> lock(mutex);
    batch.swap(pending);
    generation = posted;
  }
  if (batch.empty()) return;
  for (auto& fn : batch) fn();
  for (auto& link : links) settle(*link, now);
  reap();
  {
    std::lock_guard<std::mutex> lock(mutex);
    applied = generation;
  }
  applied_cv.notify_all();
}

void FaultProxy::Impl::kill(Link& link) {
  if (link.state == LinkState::dead) return;
  discarded += link.up.buffered + link.down.buffered;
  --connections;  // counted before the peers can see the reset
  close_with_reset(link.client);
  close_with_reset(link.server);
  link.client = link.server = link.flush_fd = -1;
  link.state = LinkState::dead;
}

// Both directions ended with FIN: close normally.
void FaultProxy::Impl::finish(Link& link) {
  --connections;
  close_fd(link.client);
  close_fd(link.server);
  link.client = link.server = link.flush_fd = -1;
  link.state = LinkState::dead;
}

void FaultProxy::Impl::start_flush(Link& link, int fd, Clock::time_point now) {
  if (fd < 0 || kernel_send_queue_empty(fd)) {
    kill(link);
    return;
  }
  link.state = LinkState::flushing;
  link.flush_fd = fd;
  link.deadline = now + kFlushTimeout;
}

void FaultProxy::Impl::reap() {
  links.erase(std::remove_if(links.begin(), links.end(),
                             [](const std::unique_ptr<Link>& l) { return l->state == LinkState::dead; }),
              links.end());
}

void FaultProxy::Impl::start_connect(Link& link, Clock::time_point now) {
  link.server = ::socket(upstream.addr.ss_family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
  if (link.server < 0) {
    kill(link);
    return;
  }
  if (source && ::bind(link.server, reinterpret_cast<const sockaddr*>(&*source), sizeof *source) != 0) {
    kill(link);
    return;
  }
  // A non-blocking connect interrupted by a signal goes on in the background (EINTR): poll
  // for it like EINPROGRESS instead of calling connect() again.
  if (::connect(link.server, reinterpret_cast<const sockaddr*>(&upstream.addr), upstream.length) == 0) {
    finish_connect(link);
    return;
  }
  if (errno == EINPROGRESS || errno == EINTR || errno == EALREADY) {
    link.state = LinkState::connecting;
    link.deadline = now + kConnectTimeout;
    return;
  }
  kill(link);
}

void FaultProxy::Impl::finish_connect(Link& link) {
  int error = 0;
  socklen_t len = sizeof error;
  if (::getsockopt(link.server, SOL_SOCKET, SO_ERROR, &error, &len) != 0) error = errno;
  if (error == ECONNRESET || error == EPIPE) {
    // Established, then reset before we looked (reading SO_ERROR cleared it): relay what the
    // server sent before its reset, then the reset.
    link.down.reset_pending = true;
  } else if (error != 0) {
    kill(link);
    return;
  }
  set_nodelay(link.server);
  link.state = LinkState::relaying;
}

void FaultProxy::Impl::accept_all(Clock::time_point now) {
  for (int i = 0; i < kMaxAcceptsPerWake; ++i) {
    const int fd = ::accept4(listener.get(), nullptr, nullptr, SOCK_NONBLOCK | SOCK_CLOEXEC);
    if (fd < 0) {
      if (errno == EINTR || errno == ECONNABORTED) continue;
      if (errno != EAGAIN && errno != EWOULDBLOCK) accept_paused_until = now + kAcceptPause;  // EMFILE...
      return;
    }
    ++accepted;
    if (refuse_new) {
      ++refused;
      close_with_reset(fd);
      continue;
    }
    set_nodelay(fd);
    auto link = std::make_unique<Link>();
    link->client = fd;
    link->down.budget = new_rules.server_bytes;
    link->up.budget = new_rules.client_bytes;
    link->reply_drop = new_rules.drop_reply ? ReplyDrop::armed : ReplyDrop::off;
    link->held = hold_new;
    links.push_back(std::move(link));
    ++connections;
    if (!hold_new) start_connect(*links.back(), now);
  }
}

void FaultProxy::Impl::read_side(Link& link, bool from_server, Clock::time_point now) {
  const int fd = from_server ? link.server : link.client;
  Direction& dir = from_server ? link.down : link.up;
  ssize_t got = 0;
  do {
    got = ::recv(fd, scratch.data(), scratch.size(), 0);
  } while (got < 0 && errno == EINTR);
  if (got < 0) {
    if (errno != EAGAIN && errno != EWOULDBLOCK) dir.eof_read = dir.reset_read = true;
    return;
  }
  if (got == 0) {
    dir.eof_read = true;
    dir.reset_read = dir.reset_pending;
    return;
  }
  if (from_server && link.reply_drop == ReplyDrop::request_sent) {
    discarded += static_cast<std::uint64_t>(got);
    kill(link);
    return;
  }
  std::size_t keep = static_cast<std::size_t>(got);
  if (from_server) {
    keep = link.rewrite.apply(scratch.data(), keep);
    if (link.rewrite.stopped) {
      discarded += static_cast<std::uint64_t>(got) - keep;
      if (link.rewrite.cut_close)
        dir.eof_read = true;  // a FIN once what was kept has been relayed
      else
        link.stalled = true;
    }
  }
  if (keep == 0) return;
  Chunk chunk;
  chunk.bytes.assign(scratch.data(), scratch.data() + keep);
  chunk.due = now + latency;
  dir.queue.push_back(std::move(chunk));
  dir.buffered += keep;
}

void FaultProxy::Impl::write_side(Link& link, bool to_server, Clock::time_point now) {
  const int fd = to_server ? link.server : link.client;
  Direction& dir = to_server ? link.up : link.down;
  while (dir.head_due(now)) {
    Chunk& chunk = dir.queue.front();
    std::size_t length = chunk.bytes.size() - chunk.offset;
    if (dir.budget) length = std::min(length, *dir.budget);
    if (length == 0) return;
    // Counted before the send, corrected after: once the peer can read a byte the
    // counter already includes it, so a test that has its reply sees the count.
    std::atomic<std::uint64_t>& counter = to_server ? bytes_up : bytes_down;
    counter += length;
    ssize_t sent = 0;
    do {
      sent = ::send(fd, chunk.bytes.data() + chunk.offset, length, MSG_NOSIGNAL);
    } while (sent < 0 && errno == EINTR);
    const auto n = sent < 0 ? std::size_t{0} : static_cast<std::size_t>(sent);
    counter -= length - n;
    if (sent < 0) {
      if (errno != EAGAIN && errno != EWOULDBLOCK) kill(link);
      return;
    }
    chunk.offset += n;
    dir.buffered -= n;
    if (dir.budget) *dir.budget -= n;
    if (to_server && n > 0 && link.reply_drop == ReplyDrop::armed) link.reply_drop = ReplyDrop::request_sent;
    if (chunk.offset == chunk.bytes.size()) dir.queue.pop_front();
  }
}

// Applies cuts that are due and passes FIN on once a direction is drained.
void FaultProxy::Impl::settle(Link& link, Clock::time_point now) {
  if (link.state == LinkState::awaiting_upstream || link.state == LinkState::connecting) {
    if (link.down.budget_spent() || link.up.budget_spent()) kill(link);
    return;
  }
  if (link.state != LinkState::relaying) return;
  if (link.down.budget_spent()) {
    start_flush(link, link.client, now);
    return;
  }
  if (link.up.budget_spent()) {
    start_flush(link, link.server, now);
    return;
  }
  if (link.held) return;  // a dropped flow closes nothing
  if (link.stalled && link.up.eof_read) {  // the client gave up on a stalled server
    kill(link);
    return;
  }
  // A reset from one side reaches the other after the bytes read before it.
  if (link.up.reset_read && link.up.queue.empty()) {
    start_flush(link, link.server, now);
    return;
  }
  if (link.down.reset_read && link.down.queue.empty()) {
    start_flush(link, link.client, now);
    return;
  }
  if (link.up.eof_read && link.up.queue.empty() && !link.up.shut_sent) {
    ::shutdown(link.server, SHUT_WR);
    link.up.shut_sent = true;
  }
  if (link.down.eof_read && link.down.queue.empty() && !link.down.shut_sent) {
    ::shutdown(link.client, SHUT_WR);
    link.down.shut_sent = true;
  }
  if (link.up.shut_sent && link.down.shut_sent) finish(link);
}

void FaultProxy::Impl::service_timers(Clock::time_point now) {
  for (auto& link : links) {
    if (link->state == LinkState::flushing) {
      if (now >= link->deadline || kernel_send_queue_empty(link->flush_fd)) kill(*link);
    } else if (link->state == LinkState::connecting && !link->held && now >= link->deadline) {
      kill(*link);
    }
  }
}

void FaultProxy::Impl::hold(Link& link, bool on, Clock::time_point now) {
  if (link.held == on) return;
  link.held = on;
  if (on) return;
  if (link.state == LinkState::awaiting_upstream)
    start_connect(link, now);
  else if (link.state == LinkState::connecting)
    link.deadline = now + kConnectTimeout;
}

void FaultProxy::Impl::clear_cuts() {
  new_rules = NewRules{};
  for (auto& link : links) {
    link->up.budget.reset();
    link->down.budget.reset();
    link->reply_drop = ReplyDrop::off;
    link->rewrite.disarm();
  }
}

void FaultProxy::Impl::dispatch(const Slot& slot, short events, short revents, Clock::time_point now) {
  if (slot.kind == SlotKind::wake) {
    std::uint64_t value = 0;
    if (::read(wake_fd.get(), &value, sizeof value) < 0) {
      // EAGAIN: already drained.
    }
    return;
  }
  if (slot.kind == SlotKind::listener) {
    accept_all(now);
    return;
  }
  Link& link = *slot.link;
  if (link.state == LinkState::dead) return;  // killed by an earlier slot of this round
  const bool is_server = slot.kind == SlotKind::server;
  if (link.state == LinkState::connecting) {
    if (is_server) finish_connect(link);
    return;
  }
  if (link.state != LinkState::relaying) return;
  if (revents & POLLNVAL) {
    kill(link);
    return;
  }
  // POLLHUP/POLLERR: the read or write below meets the data, EOF or error and makes progress
  // (a socket is only polled for what it is asked, so this cannot spin).
  constexpr short kDone = POLLHUP | POLLERR;
  if ((events & POLLIN) && (revents & (POLLIN | kDone))) read_side(link, is_server, now);
  if (link.state == LinkState::relaying && (events & POLLOUT) && (revents & (POLLOUT | kDone)))
    write_side(link, is_server, now);
}

void FaultProxy::Impl::loop() {
  std::vector<pollfd> fds;
  std::vector<Slot> slots;
  for (;;) {
    Clock::time_point now = Clock::now();
    apply_commands(now);
    if (stop_requested || now >= end_of_life) return;
    service_timers(now);
    for (auto& link : links) settle(*link, now);
    reap();

    fds.clear();
    slots.clear();
    Clock::time_point wake_at = std::min(end_of_life, now + kMaxPollWait);
    auto add = [&](int fd, short events, SlotKind kind, Link* link) {
      fds.push_back(pollfd{fd, events, 0});
      slots.push_back(Slot{kind, link});
    };
    add(wake_fd.get(), POLLIN, SlotKind::wake, nullptr);
    if (now >= accept_paused_until)
      add(listener.get(), POLLIN, SlotKind::listener, nullptr);
    else
      wake_at = std::min(wake_at, accept_paused_until);
    for (auto& owned : links) {
      Link& link = *owned;
      if (link.state == LinkState::flushing) {
        wake_at = std::min(wake_at, now + kFlushPoll);
        continue;
      }
      if (link.held) continue;
      if (link.state == LinkState::connecting) {
        add(link.server, POLLOUT, SlotKind::server, &link);
        wake_at = std::min(wake_at, link.deadline);
        continue;
      }
      if (link.state != LinkState::relaying) continue;
      short client_events = 0;
      short server_events = 0;
      if (!link.up.eof_read && link.up.buffered < kMaxBuffered) client_events |= POLLIN;
      if (!link.down.eof_read && !link.stalled && link.down.buffered < kMaxBuffered) server_events |= POLLIN;
      if (link.down.head_due(now)) client_events |= POLLOUT;
      if (link.up.head_due(now)) server_events |= POLLOUT;
      for (const Direction* dir : {&link.up, &link.down})
        if (!dir->queue.empty() && !dir->head_due(now)) wake_at = std::min(wake_at, dir->queue.front().due);
      if (client_events) add(link.client, client_events, SlotKind::client, &link);
      if (server_events) add(link.server, server_events, SlotKind::server, &link);
    }

    const auto wait = wake_at > now ? std::chrono::ceil<milliseconds>(wake_at - now) : milliseconds(0);
    const int ready = ::poll(fds.data(), fds.size(), static_cast<int>(wait.count()));
    if (ready < 0) {
      if (errno == EINTR) continue;
      return;  // EINVAL/ENOMEM: give up rather than spin
    }
    now = Clock::now();
    for (std::size_t i = 0; i < fds.size(); ++i)
      if (fds[i].revents != 0) dispatch(slots[i], fds[i].events, fds[i].revents, now);
    reap();
  }
}

void FaultProxy::Impl::run() {
  try {
    loop();
  } catch (...) {
    // bad_alloc in a test helper: shut down below rather than terminate the test binary.
  }
  for (auto& link : links) kill(*link);
  reap();
  listener.reset();  // new connects are refused from now on
  running = false;
  {
    std::lock_guard<std::mutex> lock(mutex);
    accepting_commands = false;
    pending.clear();
  }
  applied_cv.notify_all();
}

FaultProxy::FaultProxy(std::string upstream_host, std::uint16_t upstream_port, std::chrono::milliseconds lifetime)
    : impl_(std::make_unique<Impl>(loopback_upstream(upstream_host, upstream_port), lifetime)) {
  impl_->thread = std::thread([impl = impl_.get()] { impl->run(); });
}

FaultProxy::~FaultProxy() { stop(); }

void FaultProxy::stop() {
  impl_->stop_requested = true;
  impl_->wake();
  if (impl_->thread.joinable()) impl_->thread.join();
}

std::uint16_t FaultProxy::port() const noexcept { return impl_->port; }
bool FaultProxy::running() const noexcept { return impl_->running; }

void FaultProxy::reset_all() {
  Impl* p = impl_.get();
  p->post([p] {
    for (auto& link : p->links) p->kill(*link);
  });
}

void FaultProxy::set_black_hole(bool on, FaultScope scope) {
  Impl* p = impl_.get();
  p->post([p, on, scope] {
    const Clock::time_point now = Clock::now();
    if (applies_to_new(scope)) p->hold_new = on;
    if (applies_to_current(scope))
      for (auto& link : p->links) p->hold(*link, on, now);
  });
}

void FaultProxy::set_refuse_new(bool on) {
  Impl* p = impl_.get();
  p->post([p, on] { p->refuse_new = on; });
}

void FaultProxy::set_latency(std::chrono::milliseconds delay) {
  Impl* p = impl_.get();
  p->post([p, delay] { p->latency = std::max(delay, milliseconds(0)); });
}

void FaultProxy::cut_after_server_bytes(std::size_t n, FaultScope scope) {
  Impl* p = impl_.get();
  p->post([p, n, scope] {
    if (applies_to_new(scope)) p->new_rules.server_bytes = n;
    if (applies_to_current(scope))
      for (auto& link : p->links) link->down.budget = n;
  });
}

void FaultProxy::cut_after_client_bytes(std::size_t n, FaultScope scope) {
  Impl* p = impl_.get();
  p->post([p, n, scope] {
    if (applies_to_new(scope)) p->new_rules.client_bytes = n;
    if (applies_to_current(scope))
      for (auto& link : p->links) link->up.budget = n;
  });
}

void FaultProxy::drop_replies_after_next_request(FaultScope scope) {
  Impl* p = impl_.get();
  p->post([p, scope] {
    if (applies_to_new(scope)) p->new_rules.drop_reply = true;
    if (applies_to_current(scope))
      for (auto& link : p->links) link->reply_drop = ReplyDrop::armed;
  });
}

void FaultProxy::corrupt_server_bytes(std::uint64_t seed, std::uint32_t one_in) {
  Impl* p = impl_.get();
  p->post([p, seed, one_in] {
    for (auto& link : p->links) {
      link->rewrite.corrupt = true;
      link->rewrite.rng = seed;
      link->rewrite.one_in = std::max<std::uint32_t>(one_in, 1);
    }
  });
}

void FaultProxy::rewrite_server_packet_length(std::size_t skip_packets, std::uint32_t length) {
  Impl* p = impl_.get();
  p->post([p, skip_packets, length] {
    for (auto& link : p->links) {
      link->rewrite.rewrite_skip = skip_packets;
      link->rewrite.rewrite_length = std::min<std::uint32_t>(length, 0xFFFFFF);
    }
  });
}

void FaultProxy::cut_server_mid_packet(std::size_t skip_packets, bool close) {
  Impl* p = impl_.get();
  p->post([p, skip_packets, close] {
    for (auto& link : p->links) {
      link->rewrite.cut_skip = skip_packets;
      link->rewrite.cut_close = close;
    }
  });
}

void FaultProxy::clear_cuts() {
  Impl* p = impl_.get();
  p->post([p] { p->clear_cuts(); });
}

void FaultProxy::clear_faults() {
  Impl* p = impl_.get();
  p->post([p] {
    p->clear_cuts();
    p->refuse_new = false;
    p->latency = milliseconds(0);
    p->hold_new = false;
    const Clock::time_point now = Clock::now();
    for (auto& link : p->links) p->hold(*link, false, now);
  });
}

std::size_t FaultProxy::connection_count() const noexcept { return impl_->connections; }
std::uint64_t FaultProxy::total_accepted() const noexcept { return impl_->accepted; }
std::uint64_t FaultProxy::total_refused() const noexcept { return impl_->refused; }
void FaultProxy::set_upstream_source(const std::string& address) {
  std::optional<sockaddr_in> where;
  if (!address.empty()) {
    sockaddr_in a{};
    a.sin_family = AF_INET;
    if (::inet_pton(AF_INET, address.c_str(), &a.sin_addr) != 1 || (ntohl(a.sin_addr.s_addr) >> 24) != 127)
      throw std::invalid_argument("FaultProxy: the upstream source must be a 127.x.x.x address");
    where = a;
  }
  Impl* p = impl_.get();
  p->post([p, where] { p->source = where; });
}

std::uint64_t FaultProxy::bytes_client_to_server() const noexcept { return impl_->bytes_up; }
std::uint64_t FaultProxy::bytes_server_to_client() const noexcept { return impl_->bytes_down; }
std::uint64_t FaultProxy::bytes_discarded() const noexcept { return impl_->discarded; }

bool FaultProxy::wait_for_connection_count(std::size_t n, std::chrono::milliseconds timeout) const {
  const auto deadline = Clock::now() + timeout;
  for (;;) {
    if (connection_count() == n) return true;
    if (Clock::now() >= deadline) return false;
    std::this_thread::sleep_for(milliseconds(5));
  }
}

}  // namespace holdfast_test
