// SQLSetStmtAttr / SQLGetStmtAttr.
#include <cstdint>

#include "core/connection.h"
#include "core/scroll_cursor.h"
#include "core/statement.h"

namespace holdfast {
namespace {

SQLULEN as_ulen(SQLPOINTER value) { return reinterpret_cast<SQLULEN>(value); }

// The FORWARD_CURSOR option bit (core/keywords.cpp): every cursor is forward-only.
constexpr std::uint32_t kOptionForwardCursor = 1u << 21;

}  // namespace

// The cursor attributes, which change each other as the SQLSetStmtAttr reference says:
// a scrollable cursor is a static one (keyset-driven and dynamic requests become static,
// 01S02); concurrency is read-only or optimistic by comparing values (SQL_CONCUR_LOCK
// and SQL_CONCUR_ROWVER become SQL_CONCUR_VALUES, 01S02); an insensitive cursor is
// read-only.
SQLRETURN Statement::set_cursor_attribute(SQLINTEGER attribute, SQLULEN number) {
  if (result_) throw OdbcError("24000", "Invalid cursor state: the attribute cannot be changed while a cursor is open");
  if (prepared_ && (attribute == SQL_ATTR_CURSOR_TYPE || attribute == SQL_ATTR_CONCURRENCY))
    throw OdbcError("HY011", "Attribute cannot be set now: the statement is prepared");
  auto changed = [&](const std::string& what) {
    warn("01S02", "Option value changed: " + what);
    return SQL_SUCCESS_WITH_INFO;
  };
  const bool forward_only = connection_.config().option(kOptionForwardCursor);
  if (forward_only && ((attribute == SQL_ATTR_CURSOR_TYPE &&
                        (number == SQL_CURSOR_STATIC || number == SQL_CURSOR_KEYSET_DRIVEN ||
                         number == SQL_CURSOR_DYNAMIC)) ||
                       (attribute == SQL_ATTR_CURSOR_SCROLLABLE && number == SQL_SCROLLABLE))) {
    cursor_type_ = SQL_CURSOR_FORWARD_ONLY;
    return changed("the cursor is forward-only (the connection has FORWARD_CURSOR set)");
  }
  switch (attribute) {
    case SQL_ATTR_CURSOR_TYPE:
      if (number == SQL_CURSOR_FORWARD_ONLY || number == SQL_CURSOR_STATIC) {
        cursor_type_ = number;
        return SQL_SUCCESS;
      }
      if (number != SQL_CURSOR_KEYSET_DRIVEN && number != SQL_CURSOR_DYNAMIC)
        throw OdbcError("HY024", "Invalid attribute value " + std::to_string(number) + " for SQL_ATTR_CURSOR_TYPE");
      cursor_type_ = SQL_CURSOR_STATIC;
      return changed("the cursor is static (keyset-driven and dynamic cursors are not supported)");
    case SQL_ATTR_CONCURRENCY:
      if (number == SQL_CONCUR_READ_ONLY || number == SQL_CONCUR_VALUES) {
        concurrency_ = number;
        return SQL_SUCCESS;
      }
      if (number != SQL_CONCUR_LOCK && number != SQL_CONCUR_ROWVER)
        throw OdbcError("HY024", "Invalid attribute value " + std::to_string(number) + " for SQL_ATTR_CONCURRENCY");
      concurrency_ = SQL_CONCUR_VALUES;
      return changed("concurrency is optimistic, comparing values (SQL_CONCUR_VALUES)");
    case SQL_ATTR_CURSOR_SCROLLABLE:
      if (number == SQL_NONSCROLLABLE) {
        cursor_type_ = SQL_CURSOR_FORWARD_ONLY;
        return SQL_SUCCESS;
      }
      if (number != SQL_SCROLLABLE)
        throw OdbcError("HY024", "Invalid attribute value " + std::to_string(number) + " for SQL_ATTR_CURSOR_SCROLLABLE");
      if (cursor_type_ == SQL_CURSOR_FORWARD_ONLY) cursor_type_ = SQL_CURSOR_STATIC;
      return SQL_SUCCESS;
    default:  // SQL_ATTR_CURSOR_SENSITIVITY
      if (number == SQL_INSENSITIVE) {
        concurrency_ = SQL_CONCUR_READ_ONLY;
        return SQL_SUCCESS;
      }
      if (number == SQL_UNSPECIFIED) return SQL_SUCCESS;
      if (number == SQL_SENSITIVE) throw OdbcError("HYC00", "Sensitive cursors are not supported");
      throw OdbcError("HY024", "Invalid attribute value " + std::to_string(number) + " for SQL_ATTR_CURSOR_SENSITIVITY");
  }
}

SQLRETURN Statement::set_attribute(SQLINTEGER attribute, SQLPOINTER value, SQLINTEGER) {
  refuse_needing_data("SQLSetStmtAttr");
  const SQLULEN number = as_ulen(value);
  switch (attribute) {
    case SQL_ATTR_QUERY_TIMEOUT: query_timeout_ = number; return SQL_SUCCESS;
    case SQL_ATTR_MAX_ROWS: max_rows_ = number; return SQL_SUCCESS;
    case SQL_ATTR_MAX_LENGTH: max_length_ = number; return SQL_SUCCESS;
    case SQL_ATTR_ROW_ARRAY_SIZE:
      if (number == 0) throw OdbcError("HY024", "Invalid attribute value: the row array size must be at least 1");
      ard_->header().array_size = number;
      return SQL_SUCCESS;
    case SQL_ROWSET_SIZE:
      if (number == 0) throw OdbcError("HY024", "Invalid attribute value: the rowset size must be at least 1");
      rowset_size_ = number;
      return SQL_SUCCESS;
    case SQL_ATTR_ROWS_FETCHED_PTR: ird_->header().rows_processed_ptr = static_cast<SQLULEN*>(value); return SQL_SUCCESS;
    case SQL_ATTR_ROW_STATUS_PTR: ird_->header().array_status_ptr = static_cast<SQLUSMALLINT*>(value); return SQL_SUCCESS;
    case SQL_ATTR_ROW_BIND_TYPE: ard_->header().bind_type = number; return SQL_SUCCESS;
    case SQL_ATTR_ROW_BIND_OFFSET_PTR: ard_->header().bind_offset_ptr = static_cast<SQLLEN*>(value); return SQL_SUCCESS;
    case SQL_ATTR_ROW_OPERATION_PTR: ard_->header().array_status_ptr = static_cast<SQLUSMALLINT*>(value); return SQL_SUCCESS;
    case SQL_ATTR_PARAMSET_SIZE:
      if (number == 0) throw OdbcError("HY024", "Invalid attribute value: the parameter set size must be at least 1");
      apd_->header().array_size = number;
      return SQL_SUCCESS;
    case SQL_ATTR_PARAM_BIND_TYPE: apd_->header().bind_type = number; return SQL_SUCCESS;
    case SQL_ATTR_PARAM_BIND_OFFSET_PTR: apd_->header().bind_offset_ptr = static_cast<SQLLEN*>(value); return SQL_SUCCESS;
    case SQL_ATTR_PARAM_OPERATION_PTR: apd_->header().array_status_ptr = static_cast<SQLUSMALLINT*>(value); return SQL_SUCCESS;
    case SQL_ATTR_PARAM_STATUS_PTR: ipd_->header().array_status_ptr = static_cast<SQLUSMALLINT*>(value); return SQL_SUCCESS;
    case SQL_ATTR_PARAMS_PROCESSED_PTR: ipd_->header().rows_processed_ptr = static_cast<SQLULEN*>(value); return SQL_SUCCESS;
    case SQL_ATTR_APP_ROW_DESC: use_descriptor(ard_, own_ard_, value); return SQL_SUCCESS;
    case SQL_ATTR_APP_PARAM_DESC: use_descriptor(apd_, own_apd_, value); return SQL_SUCCESS;
    case SQL_ATTR_NOSCAN: noscan_ = number; return SQL_SUCCESS;
    case SQL_ATTR_RETRIEVE_DATA: retrieve_data_ = number; return SQL_SUCCESS;
    case SQL_ATTR_CURSOR_TYPE:
    case SQL_ATTR_CONCURRENCY:
    case SQL_ATTR_CURSOR_SCROLLABLE:
    case SQL_ATTR_CURSOR_SENSITIVITY:
      return set_cursor_attribute(attribute, number);
    case SQL_ATTR_USE_BOOKMARKS:
      if (number != SQL_UB_OFF && number != SQL_UB_VARIABLE && number != SQL_UB_FIXED)
        throw OdbcError("HY024", "Invalid attribute value: SQL_ATTR_USE_BOOKMARKS " + std::to_string(number));
      if (result_)
        throw OdbcError("24000", "Invalid cursor state: the attribute cannot be changed while a cursor is open");
      use_bookmarks_ = number;
      return SQL_SUCCESS;
    case SQL_ATTR_FETCH_BOOKMARK_PTR: fetch_bookmark_ptr_ = value; return SQL_SUCCESS;
    case SQL_ATTR_ASYNC_ENABLE:
      if (number != SQL_ASYNC_ENABLE_OFF) throw OdbcError("HYC00", "Asynchronous execution is not supported");
      return SQL_SUCCESS;
    case SQL_ATTR_ENABLE_AUTO_IPD:
      if (number != SQL_FALSE) throw OdbcError("HYC00", "Automatic IPD population is not supported");
      return SQL_SUCCESS;
    case SQL_ATTR_METADATA_ID: metadata_id_ = number ? SQL_TRUE : SQL_FALSE; return SQL_SUCCESS;
    case SQL_ATTR_SIMULATE_CURSOR:
    case SQL_ATTR_KEYSET_SIZE:
      return SQL_SUCCESS;
    case SQL_ATTR_IMP_ROW_DESC:
    case SQL_ATTR_IMP_PARAM_DESC:
    case SQL_ATTR_ROW_NUMBER:
      throw OdbcError("HY024", "The attribute is read-only");
    default:
      throw OdbcError("HY092", "Invalid statement attribute " + std::to_string(attribute));
  }
}

SQLRETURN Statement::get_attribute(SQLINTEGER attribute, SQLPOINTER value, SQLINTEGER, SQLINTEGER* string_length) {
  auto put = [&](SQLULEN number) {
    if (value) *static_cast<SQLULEN*>(value) = number;
    store_length(string_length, sizeof(SQLULEN));
    return SQL_SUCCESS;
  };
  auto put_pointer = [&](void* pointer) {
    if (value) *static_cast<SQLPOINTER*>(value) = pointer;
    store_length(string_length, sizeof(SQLPOINTER));
    return SQL_SUCCESS;
  };
  switch (attribute) {
    case SQL_ATTR_QUERY_TIMEOUT: return put(query_timeout_);
    case SQL_ATTR_MAX_ROWS: return put(max_rows_);
    case SQL_ATTR_MAX_LENGTH: return put(max_length_);
    case SQL_ATTR_ROW_ARRAY_SIZE: return put(ard_->header().array_size);
    case SQL_ROWSET_SIZE: return put(rowset_size_);
    case SQL_ATTR_ROWS_FETCHED_PTR: return put_pointer(ird_->header().rows_processed_ptr);
    case SQL_ATTR_ROW_STATUS_PTR: return put_pointer(ird_->header().array_status_ptr);
    case SQL_ATTR_ROW_BIND_TYPE: return put(ard_->header().bind_type);
    case SQL_ATTR_ROW_BIND_OFFSET_PTR: return put_pointer(ard_->header().bind_offset_ptr);
    case SQL_ATTR_ROW_OPERATION_PTR: return put_pointer(ard_->header().array_status_ptr);
    case SQL_ATTR_PARAM_BIND_TYPE: return put(apd_->header().bind_type);
    case SQL_ATTR_PARAM_BIND_OFFSET_PTR: return put_pointer(apd_->header().bind_offset_ptr);
    case SQL_ATTR_PARAM_OPERATION_PTR: return put_pointer(apd_->header().array_status_ptr);
    case SQL_ATTR_PARAM_STATUS_PTR: return put_pointer(ipd_->header().array_status_ptr);
    case SQL_ATTR_PARAMS_PROCESSED_PTR: return put_pointer(ipd_->header().rows_processed_ptr);
    case SQL_ATTR_NOSCAN: return put(noscan_);
    case SQL_ATTR_RETRIEVE_DATA: return put(retrieve_data_);
    case SQL_ATTR_CURSOR_TYPE: return put(cursor_type_);
    case SQL_ATTR_CONCURRENCY: return put(concurrency_);
    case SQL_ATTR_CURSOR_SCROLLABLE:
      return put(cursor_type_ == SQL_CURSOR_FORWARD_ONLY ? SQL_NONSCROLLABLE : SQL_SCROLLABLE);
    case SQL_ATTR_CURSOR_SENSITIVITY:
      return put(concurrency_ == SQL_CONCUR_READ_ONLY ? SQL_INSENSITIVE : SQL_UNSPECIFIED);
    case SQL_ATTR_USE_BOOKMARKS: return put(use_bookmarks_);
    case SQL_ATTR_FETCH_BOOKMARK_PTR: return put_pointer(fetch_bookmark_ptr_);
    case SQL_ATTR_PARAMSET_SIZE: return put(apd_->header().array_size);
    case SQL_ATTR_ASYNC_ENABLE: return put(SQL_ASYNC_ENABLE_OFF);
    case SQL_ATTR_ENABLE_AUTO_IPD: return put(SQL_FALSE);
    case SQL_ATTR_METADATA_ID: return put(metadata_id_);
    case SQL_ATTR_ROW_NUMBER:
      if (ScrollCursor* c = result_ ? result_->as_scroll() : nullptr)
        return put(row_valid_ && c->current() >= 0 && c->current() < c->row_count()
                       ? static_cast<SQLULEN>(c->current() + 1)
                       : 0);
      return put(!row_valid_ ? 0 : block_row_ >= 0 ? static_cast<SQLULEN>(block_row_ + 1) : rows_fetched_total_);
    case SQL_ATTR_APP_ROW_DESC: return put_pointer(ard_);
    case SQL_ATTR_APP_PARAM_DESC: return put_pointer(apd_);
    case SQL_ATTR_IMP_ROW_DESC: return put_pointer(ird_);
    case SQL_ATTR_IMP_PARAM_DESC: return put_pointer(ipd_);
    default:
      throw OdbcError("HY092", "Invalid statement attribute " + std::to_string(attribute));
  }
}

}  // namespace holdfast
