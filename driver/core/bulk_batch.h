// One batch of parameter sets for MariaDB's bulk execution (COM_STMT_BULK_EXECUTE): the
// values of many rows laid out column-wise as libmariadb reads them when
// STMT_ATTR_ARRAY_SIZE is set and STMT_ATTR_ROW_SIZE is 0: per parameter, 8-byte cells
// for integers and doubles, an array of pointers (with an array of lengths) for text,
// decimals, binary data and MYSQL_TIME values, and an array of indicators (NULL).
//
// Each value is converted with bind_param_value (core/server_statement.h), so a row goes
// into a batch only when every value of it travels exactly as the text path would send
// it; the caller runs any other row on the text path. Text and binary values point into
// the application's buffers (which stay put during the execution); only converted values
// (UTF-16 text, dates and times) are copied. Storage keeps its capacity from one batch to
// the next: no allocation per row once the first batch has been built.
#pragma once

#include <mysql.h>

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "core/param_literal.h"
#include "core/server_statement.h"

namespace holdfast {

class BulkBatch {
 public:
  enum class Added {
    yes,        // the row is in the batch
    full,       // it does not fit (bytes or type): send the batch, then add it again
    text_path,  // some value needs the text path (or the row alone exceeds the limit)
  };

  // Empties the batch for `params` parameters; at most `max_rows` rows and `max_bytes`
  // bytes of request (what the server reads: bounded by its max_allowed_packet).
  void start(std::size_t params, std::size_t max_rows, std::size_t max_bytes);
  // Adds one parameter set (its values read now; their buffers must stay valid until the
  // batch is sent).
  Added add(std::span<const ParamSource> row, const LiteralOptions& options);
  std::size_t rows() const noexcept { return rows_; }
  std::size_t bytes() const noexcept { return bytes_; }
  // The column-wise bindings, valid until the next start() or add().
  MYSQL_BIND* binds();

 private:
  struct Column {
    enum_field_types type = MYSQL_TYPE_NULL;  // MYSQL_TYPE_NULL: no value seen yet
    my_bool is_unsigned = 0;
    std::vector<std::uint64_t> cells;  // integers and doubles
    std::vector<void*> pointers;       // everything else (indexes into times/texts until binds())
    std::vector<unsigned long> lengths;
    std::vector<char> indicators;
    std::vector<MYSQL_TIME> times;
    std::vector<std::string> texts;  // converted text (UTF-16 input)
    std::size_t texts_used = 0;
  };
  static bool fixed_cell(enum_field_types t) noexcept {
    return t == MYSQL_TYPE_LONGLONG || t == MYSQL_TYPE_DOUBLE;
  }
  static bool time_value(enum_field_types t) noexcept {
    return t == MYSQL_TYPE_DATE || t == MYSQL_TYPE_TIME || t == MYSQL_TYPE_DATETIME || t == MYSQL_TYPE_TIMESTAMP;
  }

  std::vector<Column> columns_;
  std::vector<MYSQL_BIND> scratch_binds_;  // one row's values before they join the batch
  std::vector<ParamSlot> scratch_slots_;
  std::vector<MYSQL_BIND> binds_;
  std::size_t rows_ = 0;
  std::size_t max_rows_ = 0;
  std::size_t bytes_ = 0;
  std::size_t max_bytes_ = 0;
};

}  // namespace holdfast
