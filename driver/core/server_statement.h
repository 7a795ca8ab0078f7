// A statement prepared on the server (binary protocol, COM_STMT_PREPARE): the libmariadb
// statement handle, the link generation it was prepared on, and the parameter bindings,
// reused from one execution to the next.
//
// Only the Session talks to the server for it (Session::prepare_server, execute_server,
// close_server: core/session_prepared.cpp). A statement prepared on an earlier link (the
// session reconnected: its generation changed) is re-prepared before its next execution.
//
// bind() turns the application's parameter values into MYSQL_BINDs for the values the
// binary protocol carries exactly as the text path would interpolate them (same value on
// the server, same diagnostics); for anything else it answers false and the caller runs
// this execution on the text path (core/param_literal.h), which also reports every
// invalid value. Fixed-size values are copied into per-parameter slots allocated once.
#pragma once

#include <mysql.h>
#include <sql.h>
#include <sqlext.h>

#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "core/binary_result.h"
#include "core/param_literal.h"

namespace holdfast {

class BulkBatch;

// One parameter value's own storage: fixed-size values, a converted text.
struct ParamSlot {
  union {
    long long i;
    double d;
    MYSQL_TIME t;
  } fixed{};
  std::string text;
  unsigned long length = 0;
  my_bool is_null = 0;
};

// Binds one value into `b` (zeroed by the caller) with its storage in `slot`: false when
// the binary protocol cannot carry it exactly as the text path would (see bind()).
// A NULL is MYSQL_TYPE_NULL.
bool bind_param_value(const ParamSource& p, const LiteralOptions& options, MYSQL_BIND& b, ParamSlot& slot);

class ServerStatement {
 public:
  ServerStatement();
  // Not prepared, with `param_count` markers: what bind() needs (unit tests).
  explicit ServerStatement(unsigned param_count);
  ~ServerStatement();
  ServerStatement(const ServerStatement&) = delete;
  ServerStatement& operator=(const ServerStatement&) = delete;

  // The handle (null when not prepared on the current link).
  MYSQL_STMT* handle() const noexcept { return stmt_; }
  const std::string& sql() const noexcept { return sql_; }
  unsigned param_count() const noexcept { return param_count_; }
  // The link generation the handle was prepared on.
  std::uint64_t generation() const noexcept { return generation_; }

  // Binds parameter values for the next execution. False when some value must go
  // through the text path (nothing is then bound). `max_bytes` bounds the packet.
  bool bind(std::span<const ParamSource> params, const LiteralOptions& options, std::size_t max_bytes);
  MYSQL_BIND* binds() noexcept { return binds_.empty() ? nullptr : binds_.data(); }
  // Whether the bindings differ from those libmariadb holds for `stmt` (its own copy, set
  // by mysql_stmt_bind_param, which also resends the types): values alone change through
  // the buffers and length slots without binding again.
  bool needs_rebind(MYSQL_STMT* stmt) const noexcept { return binds_changed_ || bound_to_ != stmt; }
  void bound(MYSQL_STMT* stmt) noexcept {
    bound_to_ = stmt;
    binds_changed_ = false;
  }
  // The parameter values of the next execution (capacity kept).
  std::vector<ParamSource> sources;
  // Data at execution sent in pieces (COM_STMT_SEND_LONG_DATA, core/statement_long_data.cpp):
  // per parameter (from 0), 0 when its value is bound as usual, else the type its pieces
  // have on the server (kLongText: the connection's character set; kLongBinary: bytes).
  static constexpr unsigned char kLongText = 1, kLongBinary = 2;
  std::vector<unsigned char> long_data;
  // What a data-at-execution value of `c_type` for a parameter of `sql_type` goes as
  // in pieces (0: it cannot; the text path then gathers it).
  static unsigned char long_data_kind(SQLSMALLINT c_type, SQLSMALLINT sql_type, const LiteralOptions& options) noexcept;
  // Pieces went to the server for the next execution (the server holds them until it
  // runs, or the statement is closed).
  bool long_data_sent() const noexcept { return long_data_sent_; }
  // A long-data parameter sent as NULL after all (SQLPutData with SQL_NULL_DATA).
  void set_null(std::size_t index) noexcept {
    if (index < slots_.size()) slots_[index].is_null = 1;
  }
  // Where the rows of one execution are read into (one open result at a time).
  ResultBuffers& result_buffers() noexcept { return results_; }
  // The batch of parameter sets of a bulk execution (core/bulk_batch.h), made on first use.
  BulkBatch& bulk_batch();
  // Nonzero: the session state (Session::state_epoch) in which this INSERT's batches were
  // found safe (transactional table, strict sql_mode: core/statement_params.cpp).
  std::uint64_t batch_safe_epoch = 0;

 private:
  friend class Session;
  using Slot = ParamSlot;

  MYSQL_STMT* stmt_ = nullptr;
  std::string sql_;
  unsigned param_count_ = 0;
  std::uint64_t generation_ = 0;
  std::vector<MYSQL_BIND> binds_;
  std::vector<Slot> slots_;
  bool binds_changed_ = true;
  MYSQL_STMT* bound_to_ = nullptr;
  bool long_data_sent_ = false;
  ResultBuffers results_;
  std::unique_ptr<BulkBatch> bulk_;
  // Set by Session::execute_server_bulk for one execution: column-wise arrays of rows.
  MYSQL_BIND* bulk_binds_ = nullptr;
  unsigned bulk_rows_ = 0;
};

// What executing a server statement produced (the rows stay in the statement handle).
struct ServerReply {
  bool has_result = false;
  std::uint64_t affected_rows = 0;
  unsigned warnings = 0;
  // The rows are read from the wire as they are fetched (Session::stream_fetch).
  bool streamed = false;
};

}  // namespace holdfast
