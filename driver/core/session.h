// The session: the one object that talks to the server for a connection. It owns the
// libmariadb handle, knows when it last heard from the server, and applies the
// resilience contract (../shared/RESILIENCE.md) to every statement, commit and
// server-side attribute change. No other code calls libmariadb for the wire.
#pragma once

#include <mysql.h>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error_table.h"
#include "core/loss_cause.h"
#include "core/query_watchdog.h"
#include "core/secret_string.h"
#include "core/tls_options.h"
#include "core/wire_tenant.h"

namespace holdfast {

class ServerStatement;
struct ServerReply;

struct Endpoint {
  std::string host;
  unsigned port = 3306;
};

// What the session needs to open (and reopen) a connection.
struct SessionOptions {
  std::vector<Endpoint> hosts;  // tried in order (failover list)
  std::string socket;           // Unix socket, used when set and the host is "localhost"
  std::string user;
  SecretString password;
  std::string database;
  std::string charset = "utf8mb4";
  std::string init_statement;   // INITSTMT, run after every (re)connect
  unsigned connect_timeout = 0; // seconds, 0 = library default
  unsigned read_timeout = 0;
  unsigned write_timeout = 0;
  int ping_idle = 60;           // seconds; 0 = always, -1 = never
  bool reconnect = true;
  unsigned reconnect_tries = 3;
  bool retry_reads = false;
  bool multi_statements = false;
  bool found_rows = false;
  TlsOptions tls;               // for every link: connect, reconnect, side connections
  // From another driver's DSN (OPTION bits and keywords Holdfast honours).
  bool compress = false;        // COMPRESSED_PROTO
  bool ignore_space = false;    // IGNORE_SPACE
  bool interactive = false;     // INTERACTIVE
  bool auto_is_null = false;    // AUTO_IS_NULL: SET sql_auto_is_null=1 after every (re)connect
  std::string plugin_dir;       // PLUGIN_DIR
  std::string default_auth;     // DEFAULT_AUTH
  bool server_prepare = true;   // SERVER_PREPARE: SQLPrepare prepares on the server
};

using ResultHandle = std::unique_ptr<MYSQL_RES, void (*)(MYSQL_RES*)>;

// What one statement (or one of its results) produced.
struct StatementReply {
  ResultHandle result{nullptr, &mysql_free_result};  // null when the statement returned no rows
  std::uint64_t affected_rows = 0;
  unsigned warnings = 0;
  bool more_results = false;
  // The rows are read from the wire as they are fetched (ReplyMode::stream): the link is
  // busy until the result ends; more_results is known only then.
  bool streamed = false;
};

// How a result set is received: all rows into memory at once, or row by row as fetched.
enum class ReplyMode { store, stream };

// Session state the driver owns and rebuilds after a reconnect, in the contract's order.
struct OwnedState {
  std::optional<std::string> catalog;
  bool autocommit = true;
  std::optional<std::string> isolation;  // "READ COMMITTED", ...
  std::optional<bool> read_only;
};

struct SessionCounters {
  std::uint64_t reconnects = 0;
  std::uint64_t pings = 0;
  std::uint64_t dead_socket_detections = 0;
  int last_loss_native = 0;
  LossCause last_loss_cause = LossCause::none;  // why the link was last lost
};

class Session {
 public:
  Session() = default;
  ~Session();
  Session(const Session&) = delete;
  Session& operator=(const Session&) = delete;

  // Opens the first connection. Errors: 08001 (unreachable), 28000 (credentials), ...
  void open(const SessionOptions& options);
  void close() noexcept;
  bool is_open() const noexcept { return mysql_ != nullptr; }

  // Sends one statement and reads the first reply. `read_only` says whether the
  // statement is known to be a read (it may then be retried under RETRY_READS=1).
  // `timeout` (SQL_ATTR_QUERY_TIMEOUT) of zero means none; past it the statement is
  // killed on the server and HYT00 is reported.
  StatementReply execute(std::string_view sql, bool read_only, std::chrono::seconds timeout = {},
                         ReplyMode mode = ReplyMode::store);
  // SQLCancel from any thread, without the session lock: KILL QUERY on a side
  // connection if the statement running now was sent for `owner` (see SessionLock).
  // Returns whether it was; a query sent for another statement is left alone.
  bool cancel_running(const void* owner);
  // The next result of a multi-result reply, if any.
  std::optional<StatementReply> next_result(ReplyMode mode = ReplyMode::store);
  // Discards any results still pending on the wire (before another statement is sent).
  void drain_results() noexcept;

  // Server-side prepared statements (core/server_statement.h, core/session_prepared.cpp).
  // prepare_server: false when the server cannot prepare `sql` (the caller then uses the
  // text path). execute_server runs it with the parameters bound in `s`, re-preparing it
  // first when it was prepared on an earlier link; nullopt when it can no longer be
  // prepared (the caller then uses the text path for this execution).
  bool prepare_server(ServerStatement& s, std::string_view sql);
  // `stream`: the rows are left on the wire (read with stream_fetch) instead of stored.
  std::optional<ServerReply> execute_server(ServerStatement& s, bool read_only, std::chrono::seconds timeout = {},
                                            bool stream = false);
  void close_server(ServerStatement& s) noexcept;
  // One piece of a long-data parameter (index from 0) of `s`'s next execution
  // (core/session_long_data.cpp). The first piece of an execution may reconnect and
  // re-prepare first, as an execution would; false then when the server no longer
  // prepares the statement (the caller gathers the value for the text path). Once a
  // piece is out, a lost link is 08S01 and the execution cannot run: nothing is resent.
  bool send_long_data(ServerStatement& s, unsigned index, std::string_view piece);
  bool server_prepare() const noexcept { return options_.server_prepare; }
  // Bulk execution (MariaDB's COM_STMT_BULK_EXECUTE) of `rows` parameter sets bound
  // column-wise in `binds` (core/bulk_batch.h), under execute_server's rules (a write:
  // never run again once sent). bulk_supported: the server of the current link offers it.
  std::optional<ServerReply> execute_server_bulk(ServerStatement& s, MYSQL_BIND* binds, unsigned rows,
                                                 std::chrono::seconds timeout = {});
  bool bulk_supported() noexcept;
  // Changes when the session's state may have changed under the driver: a new link, or a
  // reply of the application's that reported a session state change (sql_mode, variables,
  // schema). Zero when the server does not track session state (nothing can be cached).
  std::uint64_t state_epoch() const noexcept {
    return tracking_supported_now() ? generation_ * (1ull << 32) + state_changes_ : 0;
  }
  // Counts the links opened: a server statement prepared on another generation is gone.
  std::uint64_t generation() const noexcept { return generation_; }
  // Streamed results (core/wire_tenant.h), all under the session's lock. The result that
  // reads a streamed reply registers itself; the session parks it before any other use of
  // the link, and unlinks it when the link closes.
  void begin_stream(WireTenant* tenant) noexcept {
    streaming_ = tenant;
    stream_owner_ = caller_;
  }
  bool streams_for(const WireTenant* tenant) const noexcept { return streaming_ == tenant; }
  // The next row of the streamed reply `result`; nullptr at its end (the link is free
  // again). Errors: 08S01 when the link is lost mid-stream (never re-run), else the server's.
  MYSQL_ROW stream_row(MYSQL_RES* result);
  // The tenant is done with its streamed reply: the rows it did not read are skipped.
  void end_stream(WireTenant* tenant, MYSQL_RES* result) noexcept;
  // Binary protocol results read row by row (core/session_direct.cpp), under the same
  // rules as stream_row / end_stream. execute_direct runs a plain SELECT prepared and
  // executed in one round trip (MariaDB) on `s`'s handle, the rows left on the wire;
  // nullopt when the server is not MariaDB or will not prepare it (the caller then uses
  // the text path). stream_fetch: mysql_stmt_fetch's code (0, MYSQL_DATA_TRUNCATED,
  // MYSQL_NO_DATA at the end; then the link is free); errors as stream_row.
  // stream_store_rest: the rest of the rows into the handle's buffer (parking).
  std::optional<ServerReply> execute_direct(ServerStatement& s, std::string_view sql, bool read_only);
  // `first`: the first row, which the server may still be computing: SQLCancel of the
  // statement that began the stream kills it meanwhile.
  int stream_fetch(MYSQL_STMT* stmt, bool first);
  void stream_store_rest(MYSQL_STMT* stmt);
  void end_binary_stream(WireTenant* tenant, MYSQL_STMT* stmt) noexcept;

  void commit();
  void rollback();
  void set_autocommit(bool on);
  void set_catalog(const std::string& catalog);
  void set_isolation(const std::string& level);
  void set_read_only(bool read_only);
  // Connection pooling (SQL_ATTR_RESET_CONNECTION): ends everything the previous user left
  // on the server (COM_RESET_CONNECTION: open transaction rolled back, temporary tables,
  // user variables, locks and session variables gone), then rebuilds the state the driver
  // owns from scratch: `catalog` (the DSN's database, if any), character set, autocommit
  // on, the server's isolation and access mode, INITSTMT. A link found lost is closed (the
  // pool then sees it dead); any other failure closes it too and is thrown.
  void reset(const std::optional<std::string>& catalog);

  // A transaction was lost with the link: statements fail until the application ends it.
  bool transaction_lost() const noexcept { return transaction_lost_; }

  // No round trip: what the driver knows plus a non-blocking look at the socket.
  bool looks_dead() noexcept;
  // The server's sql_mode has NO_BACKSLASH_ESCAPES (from the status flags of the last reply).
  bool no_backslash_escapes() const noexcept { return (server_status_ & SERVER_STATUS_NO_BACKSLASH_ESCAPES) != 0; }
  // Output parameters of a CALL pass through user variables of the driver's own
  // (core/statement_call.cpp). The caller notes the flag below and the link generation
  // before it sets them and, once it has read and cleared them, puts the flag back: the
  // state change they caused is not the application's. A link replaced in between was
  // replaced before the first of those statements went out (once they are set, the
  // session is not replayable): that link started with nothing to lose.
  bool unrebuildable_state() const noexcept { return unrebuildable_state_; }
  void driver_variables_cleared(bool unrebuildable_before, std::uint64_t generation) noexcept {
    unrebuildable_state_ = generation == generation_ && unrebuildable_before;
  }
  // Whether a loss now would be hidden by a transparent reconnect.
  bool replayable_now() const noexcept { return mysql_ && options_.reconnect && replayable() && !transaction_lost_; }

  const OwnedState& owned_state() const noexcept { return state_; }
  // The character set the server really uses for the statements we send, and whether
  // sql_mode has ANSI_QUOTES: the rules for scanning and escaping SQL text.
  const std::string& charset() const noexcept { return charset_; }
  bool ansi_quotes() const noexcept { return ansi_quotes_; }
  const SessionCounters& counters() const noexcept { return counters_; }
  // The server's max_allowed_packet, learnt on first use (0 while unknown: not connected,
  // or the link is busy with a streamed result).
  unsigned long long max_allowed_packet() noexcept;
  ServerFlavor flavor() const noexcept { return flavor_; }
  const std::string& server_version() const noexcept { return server_version_; }
  unsigned long server_version_number() const noexcept { return server_version_number_; }
  const std::string& host() const noexcept { return host_; }
  // The current link's TLS protocol and cipher, "" for clear text or no link.
  std::string tls_description() const { return mysql_ ? tls_session_description(mysql_) : std::string(); }
  std::string current_catalog();
  unsigned long connection_id() const noexcept;
  std::mutex& mutex() noexcept { return mutex_; }

 private:
  MYSQL* connect_one(const Endpoint& where, std::string& error_text, int& error_code, std::string& error_state);
  void connect_any();             // tries every host; throws the last failure
  void rebuild_state();           // after a reconnect
  // A link found lost before a send (or nothing of a statement reached the server):
  // reconnect transparently when the contract allows, else report 08S01 naming the cause.
  void reconnect_or_throw(int native, const std::string& message, LossVerdict verdict,
                          SocketSignal signal = SocketSignal::other);
  // Evidence for an ambiguous loss: what a new connection to the server finds.
  ServerAfterLoss probe_server(std::chrono::steady_clock::time_point last_heard);
  LossVerdict refine_after_reconnect(LossVerdict verdict, SocketSignal signal,
                                     std::chrono::steady_clock::time_point last_heard);
  void note_loss(const LossVerdict& verdict) noexcept;
  // A statement went out and its reply was lost: the link is closed, the loss noted and
  // logged, and 08S01 (then 40003, outcome unknown) thrown. Nothing is resent.
  [[noreturn]] void report_reply_lost(int code, const std::string& message, const LossVerdict& verdict,
                                      bool in_transaction);
  // A connection of our own to the current endpoint (KILL QUERY, loss probes).
  MYSQL* open_side_connection(int& error_code, std::string& error_text);
  // fork(): the child must never use (or QUIT) its parent's link.
  bool inherited_by_child() const noexcept;
  void abandon_inherited_link() noexcept;
  void ensure_usable();           // before a send: lost transaction, dead socket, idle ping
  bool replayable() const noexcept;
  // Pings with a deadline of its own (not READ_TIMEOUT): false when the server did not
  // answer; the session is then closed if the deadline passed.
  bool ping_within(std::chrono::milliseconds limit);
  std::chrono::milliseconds ping_deadline() const noexcept;
  void run_internal(std::string_view sql);  // a statement of the driver's own
  void learn_session_text_rules();
  // What the server reports of character_set_client, sql_mode and wait_timeout through
  // session tracking (rebuild_state asks for it in its SET).
  struct TrackedRules {
    std::string charset, sql_mode;
    unsigned long wait_timeout = 0;
    unsigned seen = 0;
    bool complete() const noexcept { return seen == 7; }
  };
  void read_tracked_rules(TrackedRules& rules);
  void warn_if_ping_too_late();
  void apply_text_rules(const std::string& charset, const std::string& sql_mode);
  enum class Origin { application, driver };
  void note_reply(Origin origin) noexcept;  // heard from the server; reads the status flags
  [[noreturn]] void raise();  // the last libmariadb error as an OdbcError
  [[noreturn]] void raise_error(int code, std::string message, const char* sqlstate);
  bool prepare_on_link(ServerStatement& s);
  // Pieces of `s` are on the server: its link must still be the one they went on.
  void keep_long_data_link(const ServerStatement& s);
  std::optional<ServerReply> execute_server_timed(ServerStatement& s, bool read_only, std::chrono::seconds timeout,
                                                 bool stream = false);
  [[noreturn]] void raise_stream_error(MYSQL_STMT* stmt);  // a binary stream ended in an error
  StatementReply collect_reply();
  StatementReply collect_reply(ReplyMode mode = ReplyMode::store);
  void set_aside_stream() noexcept;  // parks a streamed result before the link is used

  void kill_query();               // KILL QUERY on a side connection
  StatementReply execute_timed(std::string_view sql, bool read_only, std::chrono::seconds timeout, ReplyMode mode);

  MYSQL* mysql_ = nullptr;
  SessionOptions options_;
  // What another thread needs to kill the running statement (under kill_mutex_).
  std::mutex kill_mutex_;
  Endpoint kill_endpoint_;
  unsigned long kill_thread_id_ = 0;
  std::atomic<bool> executing_{false};
  // Whose query is on the wire: caller_ is set by the SessionLock holder (under mutex_),
  // copied to running_for_ while a query runs (under cancel_mutex_, which a cancel holds
  // until its KILL is answered, so no other query starts in between).
  const void* caller_ = nullptr;
  const void* running_for_ = nullptr;
  std::mutex cancel_mutex_;
  void begin_running() noexcept;
  void end_running() noexcept;
  friend class SessionLock;
  std::unique_ptr<QueryWatchdog> watchdog_;
  OwnedState state_;
  SessionCounters counters_;
  ServerFlavor flavor_ = ServerFlavor::any;
  std::string server_version_;
  unsigned long server_version_number_ = 0;
  std::string host_;
  std::chrono::steady_clock::time_point last_heard_{};
  unsigned server_status_ = 0;
  bool wire_busy_ = false;          // results pending on the wire
  WireTenant* streaming_ = nullptr;  // a result set being streamed: the link is busy
  const void* stream_owner_ = nullptr;  // the statement that began it (SQLCancel)
  std::string charset_ = "utf8mb4";
  unsigned long wait_timeout_ = 0;            // learnt at connect
  unsigned fork_generation_ = 0;              // of the process that opened the link
  LossVerdict last_connect_verdict_;          // why the last connect attempt failed
  unsigned long long max_allowed_packet_ = 0;
  bool ansi_quotes_ = false;
  bool charset_unsafe_ = false;
  bool unrebuildable_state_ = false;
  bool transaction_lost_ = false;
  std::uint64_t generation_ = 0;              // links opened so far
  std::uint64_t state_changes_ = 0;           // application replies that changed session state
  bool tracking_supported_now() const noexcept;
  std::mutex mutex_;
};

// Locks a session for one statement handle: a query sent while it is held belongs to
// `owner`, and only SQLCancel on that owner kills it.
class SessionLock {
 public:
  SessionLock(Session& session, const void* owner) : session_(session), lock_(session.mutex()) {
    session_.caller_ = owner;
  }
  ~SessionLock() { session_.caller_ = nullptr; }
  SessionLock(const SessionLock&) = delete;
  SessionLock& operator=(const SessionLock&) = delete;

 private:
  Session& session_;
  std::lock_guard<std::mutex> lock_;
};

}  // namespace holdfast
