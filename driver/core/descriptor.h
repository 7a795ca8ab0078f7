// Descriptor handles: the four descriptors of a statement (ARD, APD, IRD, IPD), allocated
// with it, and descriptors the application allocates itself (SQLAllocHandle
// SQL_HANDLE_DESC) to use as a statement's ARD or APD.
//
// One storage: SQLBindCol writes the ARD, SQLBindParameter the APD and IPD, and the array
// statement attributes (SQL_ATTR_ROW_ARRAY_SIZE, SQL_ATTR_PARAM_STATUS_PTR, ...) are the
// header fields of the descriptor they name. The IRD holds no records of its own: its
// records are the statement's result columns (core/column_meta.h), read-only.
#pragma once

#include <sql.h>
#include <sqlext.h>

#include <string>
#include <vector>

#include "core/handle.h"
#include "core/text_io.h"

namespace holdfast {

class Connection;
class Statement;
struct ColumnMeta;

enum class DescKind { ard, apd, ird, ipd };

struct DescHeader {
  SQLULEN array_size = 1;                  // SQL_DESC_ARRAY_SIZE (ARD, APD)
  SQLUSMALLINT* array_status_ptr = nullptr;  // SQL_DESC_ARRAY_STATUS_PTR
  SQLLEN* bind_offset_ptr = nullptr;       // SQL_DESC_BIND_OFFSET_PTR (ARD, APD)
  SQLULEN bind_type = SQL_BIND_BY_COLUMN;  // SQL_DESC_BIND_TYPE: 0 or the row size (ARD, APD)
  SQLULEN* rows_processed_ptr = nullptr;   // SQL_DESC_ROWS_PROCESSED_PTR (IRD, IPD)
};

struct DescRecord {
  SQLSMALLINT type = SQL_C_DEFAULT;           // SQL_DESC_TYPE (verbose)
  SQLSMALLINT concise_type = SQL_C_DEFAULT;   // SQL_DESC_CONCISE_TYPE
  SQLSMALLINT datetime_interval_code = 0;     // SQL_DESC_DATETIME_INTERVAL_CODE
  SQLINTEGER datetime_interval_precision = 0;
  SQLLEN octet_length = 0;                    // buffer length (ARD/APD), value length (IPD)
  SQLPOINTER data_ptr = nullptr;
  SQLLEN* indicator_ptr = nullptr;
  SQLLEN* octet_length_ptr = nullptr;
  SQLULEN length = 0;
  SQLSMALLINT precision = 0;
  SQLSMALLINT scale = 0;
  SQLINTEGER num_prec_radix = 0;
  SQLSMALLINT nullable = SQL_NULLABLE;        // IPD
  SQLSMALLINT parameter_type = SQL_PARAM_INPUT;  // IPD
  SQLSMALLINT unnamed = SQL_UNNAMED;          // IPD
  std::string name;                           // IPD

  // A column or parameter the application bound: a data, length or indicator buffer.
  bool bound() const noexcept { return data_ptr || indicator_ptr || octet_length_ptr; }
};

// Sets SQL_DESC_CONCISE_TYPE and the SQL_DESC_TYPE / SQL_DESC_DATETIME_INTERVAL_CODE pair
// it implies (SQL_C_TYPE_DATE -> SQL_DATETIME + SQL_CODE_DATE, ...).
void set_concise_type(DescRecord& r, SQLSMALLINT concise) noexcept;

// The consistency check (SQLSetDescField "Consistency Checks"): throws HY021 when the
// record's type fields do not describe a valid C type (ARD/APD) or SQL type (IPD), or a
// SQL_C_NUMERIC / SQL_DECIMAL precision or scale is out of range.
void check_consistency(const DescRecord& r, DescKind kind);

// The precision and scale to convert a SQL_C_NUMERIC value with: the record's, or the
// driver's defaults when unset.
SQLSMALLINT numeric_precision(const DescRecord& r) noexcept;
SQLSMALLINT numeric_scale(const DescRecord& r) noexcept;

// A field of an IRD record: a number or a text. Used by SQLGetDescField on an IRD and by
// SQLColAttribute. Returns false when `field` is not an IRD record field.
struct IrdValue {
  bool is_text = false;
  SQLLEN number = 0;
  std::string_view text;
};
bool ird_field(const ColumnMeta& m, SQLSMALLINT field, bool odbc2, IrdValue& out);

// An IRD record as a plain record (SQLCopyDesc from an IRD, SQLGetDescRec).
DescRecord ird_record(const ColumnMeta& m, bool odbc2);

class Descriptor : public HandleBase {
 public:
  // A statement's own descriptor (SQL_DESC_ALLOC_AUTO).
  Descriptor(Connection& connection, DescKind kind, Statement& owner);
  // An application's descriptor (SQL_DESC_ALLOC_USER), used as an ARD or APD.
  explicit Descriptor(Connection& connection);
  ~Descriptor() override;

  Connection& connection() noexcept { return connection_; }
  DescKind kind() const noexcept { return kind_; }
  bool is_explicit() const noexcept { return owner_ == nullptr; }
  Statement* owner() const noexcept { return owner_; }

  DescHeader& header() noexcept { return header_; }
  const DescHeader& header() const noexcept { return header_; }
  // Records 1..count (index 0 = record 1). Not for the IRD.
  const std::vector<DescRecord>& records() const noexcept { return records_; }
  // Record `number` (from 1), growing SQL_DESC_COUNT if needed.
  DescRecord& record_for_write(SQLSMALLINT number);
  using HandleBase::record;
  // Record `number`, or nullptr past SQL_DESC_COUNT.
  const DescRecord* record(std::size_t number) const noexcept {
    return number >= 1 && number <= records_.size() ? &records_[number - 1] : nullptr;
  }
  // Record 0 of an ARD: the bookmark column (SQLBindCol column 0, core/bookmark.h).
  DescRecord& bookmark_record() noexcept { return bookmark_; }
  const DescRecord& bookmark_record() const noexcept { return bookmark_; }
  void set_count(SQLSMALLINT count);
  // Resets record `number` to an unbound one, dropping unbound records from the end.
  void unbind(std::size_t number);

  // Statements using this (explicit) descriptor as ARD or APD. Freeing the descriptor
  // gives them back their own.
  void attach(Statement* statement);
  void detach(Statement* statement) noexcept;
  void release_users() noexcept;

  SQLRETURN get_field(SQLSMALLINT record, SQLSMALLINT field, SQLPOINTER value, SQLINTEGER buffer_length,
                      SQLINTEGER* string_length, CharWidth width);
  SQLRETURN set_field(SQLSMALLINT record, SQLSMALLINT field, SQLPOINTER value, SQLINTEGER buffer_length,
                      CharWidth width);
  SQLRETURN get_rec(SQLSMALLINT record, const TextOut& name, SQLSMALLINT* name_length, SQLSMALLINT* type,
                    SQLSMALLINT* subtype, SQLLEN* length, SQLSMALLINT* precision, SQLSMALLINT* scale,
                    SQLSMALLINT* nullable);
  SQLRETURN set_rec(SQLSMALLINT record, SQLSMALLINT type, SQLSMALLINT subtype, SQLLEN length,
                    SQLSMALLINT precision, SQLSMALLINT scale, SQLPOINTER data, SQLLEN* octet_length_ptr,
                    SQLLEN* indicator_ptr);
  // SQLCopyDesc with this descriptor as the target.
  SQLRETURN copy_from(Descriptor& source);

 protected:
  std::string server_label() const override;
  std::string data_source_name() const override;

 private:
  // The IRD's columns; throws HY007 when the statement is neither prepared nor executed.
  const std::vector<ColumnMeta>& ird_columns() const;
  bool odbc2() const noexcept;
  SQLSMALLINT count() const;
  // Record 0 (the bookmark) of an ARD or IRD exists while the statement's
  // SQL_ATTR_USE_BOOKMARKS is on (always in an explicitly allocated descriptor).
  bool has_record_zero() const;
  [[noreturn]] void throw_record_zero(SQLSMALLINT record) const;

  Connection& connection_;
  DescKind kind_;
  Statement* owner_;  // null for an explicit descriptor
  DescHeader header_;
  std::vector<DescRecord> records_;
  DescRecord bookmark_;  // record 0 (ARD)
  std::vector<Statement*> users_;
};

// The C types (SQL_C_*) and SQL types the driver accepts in bindings and descriptor
// records (HY003 / HY004 otherwise).
bool supported_c_type(SQLSMALLINT c_type) noexcept;
bool supported_sql_type(SQLSMALLINT sql_type) noexcept;

}  // namespace holdfast
