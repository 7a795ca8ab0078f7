#include "core/descriptor.h"

#include <sqlucode.h>

#include <algorithm>

#include "core/bookmark.h"
#include "core/column_meta.h"
#include "core/connection.h"
#include "core/descriptor_table.h"
#include "core/statement.h"

namespace holdfast {
namespace {

// Text given to SQLSetDescField: bytes for both forms (the length argument of the
// fields that may be text or not is in bytes, ODBC "Unicode function arguments").
std::string text_value(SQLPOINTER value, SQLINTEGER length, CharWidth width) {
  if (width == CharWidth::narrow) return text_in(static_cast<const SQLCHAR*>(value), length);
  if (length > 0) length /= static_cast<SQLINTEGER>(sizeof(SQLWCHAR));
  return text_in(static_cast<const SQLWCHAR*>(value), length);
}

template <class T>
SQLRETURN put_number(SQLPOINTER value, SQLINTEGER* string_length, T number) {
  if (value) *static_cast<T*>(value) = number;
  store_length(string_length, sizeof(T));
  return SQL_SUCCESS;
}

SQLRETURN put_typed(FieldType type, SQLPOINTER value, SQLINTEGER* string_length, SQLLEN number) {
  switch (type) {
    case FieldType::smallint: return put_number(value, string_length, static_cast<SQLSMALLINT>(number));
    case FieldType::integer: return put_number(value, string_length, static_cast<SQLINTEGER>(number));
    case FieldType::ulen: return put_number(value, string_length, static_cast<SQLULEN>(number));
    default: return put_number(value, string_length, number);
  }
}

SQLRETURN put_pointer(SQLPOINTER value, SQLINTEGER* string_length, const void* pointer) {
  return put_number(value, string_length, const_cast<SQLPOINTER>(pointer));
}

SQLSMALLINT small(SQLPOINTER value) { return static_cast<SQLSMALLINT>(reinterpret_cast<SQLLEN>(value)); }
SQLLEN number_of(SQLPOINTER value) { return reinterpret_cast<SQLLEN>(value); }

// Defaults SQL_DESC_TYPE sets (SQLSetDescField, "SQL_DESC_TYPE").
void type_defaults(DescRecord& r) {
  switch (r.concise_type) {
    case SQL_CHAR: case SQL_VARCHAR: case SQL_WCHAR: case SQL_WVARCHAR:
      r.length = 1;
      r.precision = 0;
      break;
    case SQL_DECIMAL: case SQL_NUMERIC:
      r.scale = 0;
      r.precision = 38;
      break;
    case SQL_TYPE_DATE: case SQL_TYPE_TIME: r.precision = 0; break;
    case SQL_TYPE_TIMESTAMP: r.precision = 6; break;
    default: break;
  }
}

}  // namespace

Descriptor::Descriptor(Connection& connection, DescKind kind, Statement& owner)
    : HandleBase(SQL_HANDLE_DESC), connection_(connection), kind_(kind), owner_(&owner) {}

Descriptor::Descriptor(Connection& connection)
    : HandleBase(SQL_HANDLE_DESC), connection_(connection), kind_(DescKind::ard), owner_(nullptr) {}

Descriptor::~Descriptor() { release_users(); }

std::string Descriptor::server_label() const { return connection_.server_label(); }
std::string Descriptor::data_source_name() const { return connection_.data_source_name(); }

bool Descriptor::odbc2() const noexcept { return connection_.odbc_version() == SQL_OV_ODBC2; }

DescRecord& Descriptor::record_for_write(SQLSMALLINT number) {
  if (number == 0 && has_record_zero()) return bookmark_;
  if (number < 1) throw_record_zero(number);
  if (records_.size() < static_cast<std::size_t>(number)) records_.resize(static_cast<std::size_t>(number));
  return records_[static_cast<std::size_t>(number) - 1];
}

void Descriptor::set_count(SQLSMALLINT count) {
  if (count < 0) throw OdbcError("07009", "Invalid descriptor index: SQL_DESC_COUNT cannot be negative");
  records_.resize(static_cast<std::size_t>(count));
}

void Descriptor::unbind(std::size_t number) {
  if (number == 0) bookmark_ = DescRecord{};
  if (number < 1 || number > records_.size()) return;
  records_[number - 1] = DescRecord{};
  while (!records_.empty() && !records_.back().bound()) records_.pop_back();
}

void Descriptor::attach(Statement* statement) {
  if (std::find(users_.begin(), users_.end(), statement) == users_.end()) users_.push_back(statement);
}

void Descriptor::detach(Statement* statement) noexcept {
  users_.erase(std::remove(users_.begin(), users_.end(), statement), users_.end());
}

void Descriptor::release_users() noexcept {
  std::vector<Statement*> users;
  users.swap(users_);
  for (Statement* s : users) s->forget_descriptor(this);
}

const std::vector<ColumnMeta>& Descriptor::ird_columns() const {
  const std::vector<ColumnMeta>* columns = owner_ ? owner_->ird_columns() : nullptr;
  if (!columns)
    throw OdbcError("HY007", "Associated statement is not prepared: the implementation row descriptor is empty");
  return *columns;
}

bool Descriptor::has_record_zero() const {
  if (kind_ == DescKind::ard) return !owner_ || owner_->use_bookmarks() != SQL_UB_OFF;
  return kind_ == DescKind::ird && owner_ && owner_->use_bookmarks() != SQL_UB_OFF;
}

void Descriptor::throw_record_zero(SQLSMALLINT record) const {
  if (record < 0) throw OdbcError("07009", "Invalid descriptor index: record " + std::to_string(record));
  throw OdbcError("07009", kind_ == DescKind::ird || kind_ == DescKind::ard
                               ? "Invalid descriptor index: record 0 (the bookmark) needs SQL_ATTR_USE_BOOKMARKS on"
                               : "Invalid descriptor index: record 0 (the bookmark) exists in an ARD and an IRD only");
}

SQLSMALLINT Descriptor::count() const {
  return static_cast<SQLSMALLINT>(kind_ == DescKind::ird ? ird_columns().size() : records_.size());
}

SQLRETURN Descriptor::get_field(SQLSMALLINT record, SQLSMALLINT field, SQLPOINTER value, SQLINTEGER buffer_length,
                                SQLINTEGER* string_length, CharWidth width) {
  const FieldSpec* spec = find_field(field);
  if (!spec || spec->access(kind_) == Access::none || (kind_ == DescKind::ipd && field == SQL_DESC_DATA_PTR))
    throw OdbcError("HY091", "Invalid descriptor field identifier " + std::to_string(field) + " for this descriptor");
  if (kind_ == DescKind::ird && field != SQL_DESC_ARRAY_STATUS_PTR && field != SQL_DESC_ROWS_PROCESSED_PTR &&
      field != SQL_DESC_ALLOC_TYPE)
    ird_columns();  // HY007 when not prepared
  if (spec->header) {
    switch (field) {
      case SQL_DESC_ALLOC_TYPE:
        return put_number<SQLSMALLINT>(value, string_length, owner_ ? SQL_DESC_ALLOC_AUTO : SQL_DESC_ALLOC_USER);
      case SQL_DESC_ARRAY_SIZE: return put_number(value, string_length, header_.array_size);
      case SQL_DESC_ARRAY_STATUS_PTR: return put_pointer(value, string_length, header_.array_status_ptr);
      case SQL_DESC_BIND_OFFSET_PTR: return put_pointer(value, string_length, header_.bind_offset_ptr);
      case SQL_DESC_BIND_TYPE: return put_number(value, string_length, static_cast<SQLINTEGER>(header_.bind_type));
      case SQL_DESC_COUNT: return put_number(value, string_length, count());
      case SQL_DESC_ROWS_PROCESSED_PTR: return put_pointer(value, string_length, header_.rows_processed_ptr);
      default: break;
    }
    throw OdbcError("HY091", "Invalid descriptor field identifier " + std::to_string(field));
  }
  if (record < 0 || (record == 0 && !has_record_zero()))
    throw_record_zero(record);
  if (record > count()) return SQL_NO_DATA;
  if (kind_ == DescKind::ird) {
    IrdValue v;
    if (!ird_field(record == 0 ? bookmark_column(owner_->use_bookmarks())
                               : ird_columns()[static_cast<std::size_t>(record) - 1],
                   field, odbc2(), v))
      throw OdbcError("HY091", "Invalid descriptor field identifier " + std::to_string(field));
    if (!v.is_text) return put_typed(spec->type, value, string_length, v.number);
    if (buffer_length < 0 || (width == CharWidth::wide && buffer_length % 2 != 0))
      throw OdbcError("HY090", "Invalid string or buffer length");
    bool truncated = false;
    store_length(string_length, write_text(v.text, TextOut{value, buffer_length, width, LengthUnit::bytes}, truncated));
    if (truncated) warn("01004", "String data, right truncated");
    return SQL_SUCCESS;
  }
  const DescRecord& r = record == 0 ? bookmark_ : records_[static_cast<std::size_t>(record) - 1];
  switch (field) {
    case SQL_DESC_CONCISE_TYPE: return put_number(value, string_length, r.concise_type);
    case SQL_DESC_TYPE: return put_number(value, string_length, r.type);
    case SQL_DESC_DATETIME_INTERVAL_CODE: return put_number(value, string_length, r.datetime_interval_code);
    case SQL_DESC_DATETIME_INTERVAL_PRECISION: return put_number(value, string_length, r.datetime_interval_precision);
    case SQL_DESC_DATA_PTR: return put_pointer(value, string_length, r.data_ptr);
    case SQL_DESC_INDICATOR_PTR: return put_pointer(value, string_length, r.indicator_ptr);
    case SQL_DESC_OCTET_LENGTH_PTR: return put_pointer(value, string_length, r.octet_length_ptr);
    case SQL_DESC_OCTET_LENGTH: return put_number(value, string_length, r.octet_length);
    case SQL_DESC_LENGTH: return put_number(value, string_length, r.length);
    case SQL_DESC_PRECISION: return put_number(value, string_length, r.precision);
    case SQL_DESC_SCALE: return put_number(value, string_length, r.scale);
    case SQL_DESC_NUM_PREC_RADIX: return put_number(value, string_length, r.num_prec_radix);
    case SQL_DESC_NULLABLE: return put_number(value, string_length, r.nullable);
    case SQL_DESC_PARAMETER_TYPE: return put_number(value, string_length, r.parameter_type);
    case SQL_DESC_UNNAMED: return put_number(value, string_length, r.unnamed);
    case SQL_DESC_CASE_SENSITIVE: return put_number<SQLINTEGER>(value, string_length, SQL_FALSE);
    case SQL_DESC_FIXED_PREC_SCALE:
    case SQL_DESC_ROWVER: return put_number<SQLSMALLINT>(value, string_length, SQL_FALSE);
    case SQL_DESC_UNSIGNED: return put_number<SQLSMALLINT>(value, string_length, SQL_FALSE);
    case SQL_DESC_NAME:
    case SQL_DESC_TYPE_NAME:
    case SQL_DESC_LOCAL_TYPE_NAME: {
      if (buffer_length < 0 || (width == CharWidth::wide && buffer_length % 2 != 0))
      throw OdbcError("HY090", "Invalid string or buffer length");
      bool truncated = false;
      const std::string_view text = field == SQL_DESC_NAME ? std::string_view(r.name) : std::string_view("");
      store_length(string_length, write_text(text, TextOut{value, buffer_length, width, LengthUnit::bytes}, truncated));
      if (truncated) warn("01004", "String data, right truncated");
      return SQL_SUCCESS;
    }
    default: break;
  }
  throw OdbcError("HY091", "Invalid descriptor field identifier " + std::to_string(field));
}

SQLRETURN Descriptor::set_field(SQLSMALLINT record, SQLSMALLINT field, SQLPOINTER value, SQLINTEGER buffer_length,
                                CharWidth width) {
  const FieldSpec* spec = find_field(field);
  if (!spec || spec->access(kind_) == Access::none)
    throw OdbcError("HY091", "Invalid descriptor field identifier " + std::to_string(field) + " for this descriptor");
  if (kind_ == DescKind::ird && field != SQL_DESC_ARRAY_STATUS_PTR && field != SQL_DESC_ROWS_PROCESSED_PTR)
    throw OdbcError("HY016", "Cannot modify an implementation row descriptor");
  if (spec->access(kind_) != Access::read_write)
    throw OdbcError("HY091", "Invalid descriptor field identifier: field " + std::to_string(field) + " is read-only");
  if (spec->header) {
    switch (field) {
      case SQL_DESC_ARRAY_SIZE:
        if (number_of(value) <= 0) throw OdbcError("HY024", "Invalid attribute value: the array size must be at least 1");
        header_.array_size = static_cast<SQLULEN>(number_of(value));
        return SQL_SUCCESS;
      case SQL_DESC_ARRAY_STATUS_PTR: header_.array_status_ptr = static_cast<SQLUSMALLINT*>(value); return SQL_SUCCESS;
      case SQL_DESC_BIND_OFFSET_PTR: header_.bind_offset_ptr = static_cast<SQLLEN*>(value); return SQL_SUCCESS;
      case SQL_DESC_BIND_TYPE: header_.bind_type = static_cast<SQLULEN>(number_of(value)); return SQL_SUCCESS;
      case SQL_DESC_ROWS_PROCESSED_PTR: header_.rows_processed_ptr = static_cast<SQLULEN*>(value); return SQL_SUCCESS;
      case SQL_DESC_COUNT: set_count(small(value)); return SQL_SUCCESS;
      default: break;
    }
    throw OdbcError("HY091", "Invalid descriptor field identifier " + std::to_string(field));
  }
  if (record < 0 || (record == 0 && !has_record_zero())) throw_record_zero(record);
  if (kind_ == DescKind::ipd && field == SQL_DESC_DATA_PTR) {
    // The IPD has no data pointer: setting one asks for the consistency check.
    if (static_cast<std::size_t>(record) > records_.size())
      throw OdbcError("HY021", "Inconsistent descriptor information: the record has no type");
    check_consistency(records_[static_cast<std::size_t>(record) - 1], kind_);
    return SQL_SUCCESS;
  }
  DescRecord& r = record_for_write(record);
  switch (field) {
    case SQL_DESC_DATA_PTR:
      if (value) check_consistency(r, kind_);
      r.data_ptr = value;
      return SQL_SUCCESS;
    case SQL_DESC_INDICATOR_PTR: r.indicator_ptr = static_cast<SQLLEN*>(value); return SQL_SUCCESS;
    case SQL_DESC_OCTET_LENGTH_PTR: r.octet_length_ptr = static_cast<SQLLEN*>(value); return SQL_SUCCESS;
    default: break;
  }
  // Any other field unbinds the record: the application sets SQL_DESC_DATA_PTR last.
  r.data_ptr = nullptr;
  switch (field) {
    case SQL_DESC_CONCISE_TYPE:
      set_concise_type(r, small(value));
      type_defaults(r);
      return SQL_SUCCESS;
    case SQL_DESC_TYPE: {
      const SQLSMALLINT type = small(value);
      if (type == SQL_DATETIME || type == SQL_INTERVAL) {
        r.type = type;
        r.concise_type = type;
        r.datetime_interval_code = 0;
      } else {
        set_concise_type(r, type);
      }
      type_defaults(r);
      return SQL_SUCCESS;
    }
    case SQL_DESC_DATETIME_INTERVAL_CODE: {
      const SQLSMALLINT code = small(value);
      if (r.type == SQL_DATETIME) {
        if (code < SQL_CODE_DATE || code > SQL_CODE_TIMESTAMP)
          throw OdbcError("HY092", "Invalid attribute/option identifier: datetime code " + std::to_string(code));
        const bool application = kind_ != DescKind::ipd;
        set_concise_type(r, static_cast<SQLSMALLINT>((application ? SQL_C_TYPE_DATE : SQL_TYPE_DATE) + code - 1));
        type_defaults(r);
      } else if (r.type == SQL_INTERVAL) {
        r.datetime_interval_code = code;
        r.concise_type = static_cast<SQLSMALLINT>(100 + code);
      } else {
        throw OdbcError("HY021", "Inconsistent descriptor information: SQL_DESC_DATETIME_INTERVAL_CODE needs "
                                 "SQL_DESC_TYPE SQL_DATETIME or SQL_INTERVAL");
      }
      return SQL_SUCCESS;
    }
    case SQL_DESC_DATETIME_INTERVAL_PRECISION:
      r.datetime_interval_precision = static_cast<SQLINTEGER>(number_of(value));
      return SQL_SUCCESS;
    case SQL_DESC_OCTET_LENGTH: r.octet_length = number_of(value); return SQL_SUCCESS;
    case SQL_DESC_LENGTH: r.length = static_cast<SQLULEN>(number_of(value)); return SQL_SUCCESS;
    case SQL_DESC_PRECISION: r.precision = small(value); return SQL_SUCCESS;
    case SQL_DESC_SCALE: r.scale = small(value); return SQL_SUCCESS;
    case SQL_DESC_NUM_PREC_RADIX: r.num_prec_radix = static_cast<SQLINTEGER>(number_of(value)); return SQL_SUCCESS;
    case SQL_DESC_NAME:
      r.name = value ? text_value(value, buffer_length, width) : std::string();
      r.unnamed = r.name.empty() ? SQL_UNNAMED : SQL_NAMED;
      return SQL_SUCCESS;
    case SQL_DESC_UNNAMED:
      if (small(value) != SQL_UNNAMED)
        throw OdbcError("HY091", "Invalid descriptor field identifier: SQL_DESC_UNNAMED can only be set to SQL_UNNAMED");
      r.unnamed = SQL_UNNAMED;
      r.name.clear();
      return SQL_SUCCESS;
    case SQL_DESC_PARAMETER_TYPE: {
      const SQLSMALLINT io = small(value);
      if (io != SQL_PARAM_INPUT && io != SQL_PARAM_OUTPUT && io != SQL_PARAM_INPUT_OUTPUT)
        throw OdbcError("HY105", "Invalid parameter type " + std::to_string(io));
      r.parameter_type = io;
      return SQL_SUCCESS;
    }
    default: break;
  }
  throw OdbcError("HY091", "Invalid descriptor field identifier " + std::to_string(field));
}

SQLRETURN Descriptor::get_rec(SQLSMALLINT record, const TextOut& name, SQLSMALLINT* name_length, SQLSMALLINT* type,
                              SQLSMALLINT* subtype, SQLLEN* length, SQLSMALLINT* precision, SQLSMALLINT* scale,
                              SQLSMALLINT* nullable) {
  if (record < 0 || (record == 0 && !has_record_zero()))
    throw_record_zero(record);
  if (record > count()) return SQL_NO_DATA;
  const DescRecord r =
      kind_ == DescKind::ird
          ? ird_record(record == 0 ? bookmark_column(owner_->use_bookmarks())
                                   : ird_columns()[static_cast<std::size_t>(record) - 1],
                       odbc2())
          : (record == 0 ? bookmark_ : records_[static_cast<std::size_t>(record) - 1]);
  const bool has_names = kind_ == DescKind::ird || kind_ == DescKind::ipd;
  bool truncated = false;
  store_length(name_length, write_text(has_names ? std::string_view(r.name) : std::string_view(""), name, truncated));
  if (truncated) warn("01004", "String data, right truncated");
  store_length(type, r.type);
  store_length(subtype, r.datetime_interval_code);
  store_length(length, r.octet_length);
  store_length(precision, r.precision);
  store_length(scale, r.scale);
  if (has_names) store_length(nullable, r.nullable);
  return SQL_SUCCESS;
}

SQLRETURN Descriptor::set_rec(SQLSMALLINT record, SQLSMALLINT type, SQLSMALLINT subtype, SQLLEN length,
                              SQLSMALLINT precision, SQLSMALLINT scale, SQLPOINTER data, SQLLEN* octet_length_ptr,
                              SQLLEN* indicator_ptr) {
  if (kind_ == DescKind::ird) throw OdbcError("HY016", "Cannot modify an implementation row descriptor");
  if (record < 0 || (record == 0 && !has_record_zero())) throw_record_zero(record);
  DescRecord r = record == 0 ? bookmark_
                 : static_cast<std::size_t>(record) <= records_.size() ? records_[static_cast<std::size_t>(record) - 1]
                                                                       : DescRecord{};
  if (type == SQL_DATETIME) {
    const bool application = kind_ != DescKind::ipd;
    set_concise_type(r, static_cast<SQLSMALLINT>((application ? SQL_C_TYPE_DATE : SQL_TYPE_DATE) + subtype - 1));
    if (subtype < SQL_CODE_DATE || subtype > SQL_CODE_TIMESTAMP) {
      r.type = SQL_DATETIME;
      r.datetime_interval_code = subtype;
    }
  } else {
    set_concise_type(r, type);
  }
  r.octet_length = length;
  r.precision = precision;
  r.scale = scale;
  if (kind_ == DescKind::ipd) {
    r.length = static_cast<SQLULEN>(length);
  } else {
    r.data_ptr = data;
    r.octet_length_ptr = octet_length_ptr;
    r.indicator_ptr = indicator_ptr;
  }
  check_consistency(r, kind_);
  record_for_write(record) = std::move(r);
  return SQL_SUCCESS;
}

SQLRETURN Descriptor::copy_from(Descriptor& source) {
  if (kind_ == DescKind::ird) throw OdbcError("HY016", "Cannot modify an implementation row descriptor");
  if (&source == this) return SQL_SUCCESS;
  std::vector<DescRecord> records;
  if (source.kind_ == DescKind::ird) {
    const std::vector<ColumnMeta>& columns = source.ird_columns();
    records.reserve(columns.size());
    for (const ColumnMeta& m : columns) records.push_back(ird_record(m, source.odbc2()));
  } else {
    records = source.records_;
  }
  // Header fields the two kinds share; records whole.
  auto shares = [&](SQLSMALLINT field) {
    const FieldSpec* f = find_field(field);
    return f->access(kind_) != Access::none && f->access(source.kind_) != Access::none;
  };
  if (shares(SQL_DESC_ARRAY_SIZE)) header_.array_size = source.header_.array_size;
  if (shares(SQL_DESC_ARRAY_STATUS_PTR)) header_.array_status_ptr = source.header_.array_status_ptr;
  if (shares(SQL_DESC_BIND_OFFSET_PTR)) header_.bind_offset_ptr = source.header_.bind_offset_ptr;
  if (shares(SQL_DESC_BIND_TYPE)) header_.bind_type = source.header_.bind_type;
  if (shares(SQL_DESC_ROWS_PROCESSED_PTR)) header_.rows_processed_ptr = source.header_.rows_processed_ptr;
  records_ = std::move(records);
  if (source.kind_ != DescKind::ird && kind_ == DescKind::ard) bookmark_ = source.bookmark_;
  return SQL_SUCCESS;
}

}  // namespace holdfast
